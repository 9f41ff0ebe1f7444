#include "app/pipeline/run_report.hpp"

#include <spdlog/spdlog.h>

#include "app/delivery/delivery_stage.hpp"
#include "app/pipeline/sources_stage.hpp"
#include "core/util/date.hpp"

namespace arxiv_digest::app {

std::string empty_reason(const SelectionStats& stats) {
  if (stats.announcements == 0) {
    return "arXiv announced nothing for this day (no announcements on weekends and holidays); "
           "the previous digest was kept";
  }
  if (stats.already_shown > 0 && stats.candidates == 0) {
    return "every matching paper was shown on an earlier day (arXiv re-served an old list); "
           "the previous digest was kept";
  }
  return "no new papers matched; the previous digest was kept";
}

RunStatus run_status(const RunFacts& facts, std::chrono::system_clock::time_point now) {
  RunStatus status{
      .started_at = iso8601_utc(facts.started),
      .digest_date = facts.day,
      .outcome = RunOutcome::ok,
      .sources = facts.sources,
      .selection = facts.selection,
      .summaries = facts.summaries,
      .summary_stats = facts.summary_stats,
      .duration_ms =
          std::chrono::duration_cast<std::chrono::milliseconds>(now - facts.started).count(),
      .message = "",
      .warnings = facts.warnings,
      .deliveries = facts.deliveries,
      .weekly = facts.weekly,
  };
  if (facts.failure) {
    status.outcome = RunOutcome::failed;
    status.message = facts.failure->message;
    return status;
  }
  const std::string failures = source_failures(facts.sources);
  if (!failures.empty()) {
    status.message = "failed: " + failures;
  }
  if (facts.selection.selected == 0 && facts.reads_sources) {
    status.outcome = RunOutcome::nothing;
    status.message += (failures.empty() ? "" : "; ") + empty_reason(facts.selection);
  } else {
    status.outcome = failures.empty() ? RunOutcome::ok : RunOutcome::partial;
  }
  // The README and archive are fine, but a reader did not get the digest where they read it.
  if (any_failed(facts.deliveries)) {
    status.outcome = RunOutcome::partial;
  }
  return status;
}

namespace {

void log_failure(const std::string& message, const std::vector<std::string>& written) {
  spdlog::error("{}", message);
  if (written.empty()) {
    spdlog::error("run failed; README and archive were left as they were");
    return;
  }
  std::string files;
  for (const auto& path : written) {
    files += (files.empty() ? "" : ", ") + path;
  }
  spdlog::error("run failed after writing {}; every other file was left as it was", files);
}

}  // namespace

ExitCode report(const RunStatus& status, const std::vector<std::string>& written,
                const std::string& state_dir, FileSystem& fs) {
  auto saved = fs.write_atomic(state_dir + "/last_run.json", write_run_status(status));
  if (status.outcome == RunOutcome::failed) {
    if (!saved) {
      spdlog::error("{}", saved.error().message);
    }
    log_failure(status.message, written);
    return ExitCode::failed;
  }
  if (!saved) {
    log_failure(saved.error().message, written);
    return ExitCode::failed;
  }
  spdlog::info("{}", status_line(status));
  return status.outcome == RunOutcome::partial || !source_failures(status.sources).empty()
             ? ExitCode::partial
             : ExitCode::ok;
}

RunReport::RunReport(const Workspace& workspace, Ports& ports)
    : ports_(ports), state_dir_(workspace.resolve(workspace.config.output.state_dir)) {
  facts.started = ports.clock.now();
}

RunStatus RunReport::status() const { return run_status(facts, ports_.clock.now()); }

ExitCode RunReport::fail(Error error) {
  facts.failure = std::move(error);
  return finish({});
}

ExitCode RunReport::finish(const std::vector<std::string>& written) const {
  return report(status(), written, state_dir_, ports_.fs);
}

}  // namespace arxiv_digest::app
