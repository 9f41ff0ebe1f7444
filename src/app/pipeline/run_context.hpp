#pragma once
// What one `run` or `summarize` works on: its options, the ports, the loaded workspace and the
// status being built. Shared by the steps in run_command, archive_history, summary_step and
// digest_output.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "app/commands/run_command.hpp"
#include "app/workspace.hpp"
#include "arxiv_digest/run_status.hpp"

namespace arxiv_digest::app {

struct RunContext {
  const RunOptions& options;
  Ports& ports;
  Workspace workspace;
  RunStatus status;
  std::chrono::system_clock::time_point started;
  std::vector<std::string> written{};  // outputs this run replaced so far (for a failure message)
};

// data/DATE.jsonl, the README (--output wins over output.readme) and state/, resolved.
std::string archive_path(const RunContext& ctx, const std::string& date);
std::string readme_path(const RunContext& ctx);
std::string state_dir(const RunContext& ctx);

// FileSystem::write_atomic, remembered in ctx.written so a failure can say what changed.
Result<void> write_output(RunContext& ctx, const std::string& path, std::string_view bytes);

}  // namespace arxiv_digest::app
