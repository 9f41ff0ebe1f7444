#pragma once
// Writing what a run produced: the README digest, the day's archive and state/last_run.json,
// all atomically, and never replacing a good README with an empty or failed one.

#include <vector>

#include "app/exit_code.hpp"
#include "app/pipeline/run_context.hpp"
#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/readme.hpp"

namespace arxiv_digest::app {

// state/last_run.json, with the duration up to now.
Result<void> write_status(RunContext& ctx);

// Nothing new: keep the previous digest, refresh only its status line (difference 9).
Result<void> keep_previous_readme(RunContext& ctx, const ReadmeTemplates& templates);

// The day's archive, the enabled digest files (app/digest_files.hpp), then the README (left
// untouched when it would say the same thing). Everything is rendered before anything is written.
Result<void> write_digest(RunContext& ctx, const std::vector<ArchiveRecord>& records,
                          const ReadmeTemplates& templates);

// Logs `error`, records it in state/last_run.json and returns ExitCode::failed; README and
// archive are left as they were.
ExitCode fail(RunContext& ctx, const Error& error);

}  // namespace arxiv_digest::app
