#pragma once
// `arxiv-digest site`: the static site rebuilt from the whole archive (app/site/site_writer).

#include <ostream>
#include <string>

#include "app/exit_code.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

struct SiteOptions {
  std::string config_path = "config.json";
};

// Exit codes: ok; usage for a bad config; failed when the archive is empty or unreadable, a
// template does not parse, or a write fails. Prints the site folder and how many files changed.
ExitCode site(const SiteOptions& options, Ports& ports, std::ostream& out);

}  // namespace arxiv_digest::app
