#include "app/commands/run_command.hpp"

#include <spdlog/spdlog.h>

#include "core/util/date.hpp"

namespace arxiv_digest::app {

ExitCode run(const RunOptions& options, Ports& ports) {
  for (const auto& [flag, value] :
       {std::pair{"--date", options.date}, std::pair{"--since", options.since},
        std::pair{"--until", options.until}}) {
    if (!value.empty() && !is_iso_date(value)) {
      spdlog::error("{} {}: expected a date as YYYY-MM-DD", flag, value);
      return ExitCode::usage;
    }
  }
  if (!options.until.empty() && options.since.empty()) {
    spdlog::error("--until needs --since (a backfill range)");
    return ExitCode::usage;
  }
  if (!options.since.empty() && !options.until.empty() && options.since > options.until) {
    spdlog::error("--since {} is after --until {}", options.since, options.until);
    return ExitCode::usage;
  }
  if (!options.since.empty() && !options.offline_dir.empty()) {
    spdlog::error("--since (a backfill from arXiv's API) cannot be combined with --offline");
    return ExitCode::usage;
  }
  auto workspace = load_workspace(ports.fs, options.config_path);
  if (!workspace) {
    spdlog::error("{}", workspace.error().message);
    return ExitCode::usage;
  }
  return run_digest(options, *workspace, ports);
}

}  // namespace arxiv_digest::app
