#include "app/exit_code.hpp"

#include <csignal>

namespace arxiv_digest::app {

std::string_view exit_code_help() {
  return "Exit codes:\n"
         "  0  success (also when nothing was new: the previous digest is kept)\n"
         "  1  failure: no feed could be read, an input file is malformed or a file could not be "
         "written (nothing was replaced); for summarize, papers left without a summary\n"
         "  2  usage error or invalid config.json\n"
         "  3  partial: some sources failed, the digest was built from the others (run,\n"
         "     deliver); a backfill stopped after some pages and continues on the next run\n"
         "  130, 143  stopped by SIGINT (Ctrl-C) or SIGTERM: requests in flight were cancelled,\n"
         "     the summaries already received are in the archive, no file is half written and the\n"
         "     README was not changed; run again to finish (nothing received is paid for twice)\n";
}

ExitCode interrupted_exit(int signal) {
  return signal == SIGINT ? ExitCode::interrupted_by_sigint : ExitCode::interrupted_by_sigterm;
}

}  // namespace arxiv_digest::app
