#pragma once

#include <string_view>

namespace arxiv_digest::app {

// The process exit codes, documented in --help and README.md.
enum class ExitCode {
  ok = 0,       // done; also when there was nothing new (the previous digest was kept)
  failed = 1,   // a run failed: bad feed, unreadable file, write error; nothing was replaced
  usage = 2,    // bad command line or invalid config.json
  partial = 3,  // some sources failed; the digest was built from the others
};

// Lines for --help's "Exit codes" section.
std::string_view exit_code_help();

}  // namespace arxiv_digest::app
