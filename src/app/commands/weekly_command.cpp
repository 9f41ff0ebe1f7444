#include "app/commands/weekly_command.hpp"

#include <spdlog/spdlog.h>

#include "app/history/history_store.hpp"
#include "app/rollups/rollups.hpp"
#include "app/workspace.hpp"

namespace arxiv_digest::app {

ExitCode weekly(const WeeklyOptions& options, Ports& ports, std::ostream& out) {
  const auto asked = parse_iso_week(options.week);
  if (!options.week.empty() && !asked) {
    spdlog::error("--week {}: expected an ISO week as YYYY-Www, such as 2026-W07", options.week);
    return ExitCode::usage;
  }
  auto workspace = load_workspace(ports.fs, options.config_path);
  if (!workspace) {
    spdlog::error("{}", workspace.error().message);
    return ExitCode::usage;
  }
  auto history = HistoryStore::open(ports, *workspace);
  if (!history) {
    spdlog::error("{}", history.error().message);
    return ExitCode::failed;
  }
  if (!asked && history->days().empty()) {
    spdlog::error("the archive ({}) holds no day yet; run a digest first", history->archive_dir());
    return ExitCode::failed;
  }
  const IsoWeek week = asked ? *asked : iso_week_of(history->days().back()).value_or(IsoWeek{});
  auto rollup = archived_week(week, *workspace, *history);
  if (!rollup) {
    spdlog::error("{}", rollup.error().message);
    return ExitCode::failed;
  }
  auto page = render_weekly_page(*rollup, *workspace, ports.fs);
  if (!page) {
    spdlog::error("{}", page.error().message);
    return ExitCode::failed;
  }
  const std::string path = weekly_path(*workspace, week);
  if (auto written = ports.fs.write_atomic(path, *page); !written) {
    spdlog::error("{}", written.error().message);
    return ExitCode::failed;
  }
  out << weekly_sentence(*rollup) << " (" << path << ")\n";
  return ExitCode::ok;
}

}  // namespace arxiv_digest::app
