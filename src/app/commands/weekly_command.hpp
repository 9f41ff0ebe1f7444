#pragma once
// `arxiv-digest weekly [--week 2026-W07]`: writes digests_dir/YYYY-Www.md, the roll-up of a week's
// digests from the archive (default: the week of the newest archived day). Nothing is sent to a
// provider: papers keep the summaries the archive holds, and the line printed says how many have
// none.

#include <ostream>
#include <string>

#include "app/exit_code.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

struct WeeklyOptions {
  std::string config_path;
  std::string week;  // YYYY-Www; "" = the week of the newest archive day
};

// Exit codes: ok; usage for a bad --week or config; failed when the archive is empty or a file
// cannot be read or written.
ExitCode weekly(const WeeklyOptions& options, Ports& ports, std::ostream& out);

}  // namespace arxiv_digest::app
