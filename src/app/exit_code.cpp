#include "app/exit_code.hpp"

namespace arxiv_digest::app {

std::string_view exit_code_help() {
  return "Exit codes:\n"
         "  0  success (also when nothing was new: the previous digest is kept)\n"
         "  1  failure: no feed could be read, an input file is malformed or a file could not be "
         "written (nothing was replaced); for summarize, papers left without a summary\n"
         "  2  usage error or invalid config.json\n"
         "  3  partial: some sources failed, the digest was built from the others (run,\n"
         "     deliver); a backfill stopped after some pages and continues on the next run\n";
}

}  // namespace arxiv_digest::app
