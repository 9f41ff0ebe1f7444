#pragma once
// `arxiv-digest rank` and `arxiv-digest explain`: the ranking of saved feeds, without writing.

#include <ostream>
#include <string>

#include "app/exit_code.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

struct RankOptions {
  std::string config_path = "config.json";
  std::string offline_dir;
  std::string match;             // "" = config's; word | substring overrides it
  std::string format = "table";  // table | json
  std::string date;              // "" = newest feed date
};

// Writes the ranked candidates (all of them; the first max_papers would make the digest) to `out`.
ExitCode rank(const RankOptions& options, Ports& ports, std::ostream& out);

struct ExplainOptions {
  std::string id;  // with or without version
  std::string config_path = "config.json";
  std::string offline_dir;
  std::string match;
  std::string date;
};

// Each matched keyword of one paper, where it matched and its points; its rank, or why it is not
// a candidate.
ExitCode explain(const ExplainOptions& options, Ports& ports, std::ostream& out);

}  // namespace arxiv_digest::app
