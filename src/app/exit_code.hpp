#pragma once

#include <string_view>

namespace arxiv_digest::app {

// The process exit codes, documented in --help and README.md.
enum class ExitCode {
  ok = 0,       // done; also when there was nothing new (the previous digest was kept)
  failed = 1,   // a run failed: bad feed, unreadable file, write error; nothing was replaced
  usage = 2,    // bad command line or invalid config.json
  partial = 3,  // some sources failed; the digest was built from the others
  // Stopped by SIGINT (Ctrl-C) or SIGTERM (a cancelled Actions job), 128 + the signal's number
  // as shells report it: what was finished is saved, nothing is half written.
  interrupted_by_sigint = 130,
  interrupted_by_sigterm = 143,
};

// The exit code of a process stopped by `signal` (a StopRequest's number).
ExitCode interrupted_exit(int signal);

// Lines for --help's "Exit codes" section.
std::string_view exit_code_help();

}  // namespace arxiv_digest::app
