#pragma once
// `arxiv-digest fetch --id ID[,ID...]`: papers by id from arXiv's API, as JSON on stdout.

#include <ostream>
#include <string>
#include <vector>

#include "app/exit_code.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

struct FetchOptions {
  std::vector<std::string> ids;  // with or without version
  std::string config_path = "config.json";
};

// Prints a JSON array of the papers found (rank --format json's fields), in arXiv's order.
// Ids arXiv does not know are reported on stderr; exit 1 when none was found or a request failed.
ExitCode fetch(const FetchOptions& options, Ports& ports, std::ostream& out);

}  // namespace arxiv_digest::app
