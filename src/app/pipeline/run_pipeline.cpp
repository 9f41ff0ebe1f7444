#include "app/pipeline/run_pipeline.hpp"

#include <spdlog/spdlog.h>

#include <map>

#include "app/backfill/backfill_job.hpp"
#include "app/delivery/delivery_stage.hpp"
#include "app/history/history_store.hpp"
#include "app/pipeline/backfill_stage.hpp"
#include "app/pipeline/output_stage.hpp"
#include "app/pipeline/run_report.hpp"
#include "app/pipeline/selection_stage.hpp"
#include "app/pipeline/sources_stage.hpp"
#include "app/pipeline/summary_stage.hpp"
#include "app/template_loader.hpp"
#include "core/util/date.hpp"
#include "core/util/signal_name.hpp"

namespace arxiv_digest::app {
namespace {

// Sources and selection for the daily run: today's feeds, ranked against the history.
Result<DigestSelection> daily_selection(const RunOptions& options, const Workspace& workspace,
                                        HistoryStore& history, Ports& ports, RunFacts& facts) {
  Sources sources = read_sources(workspace, options.offline_dir, ports);
  facts.sources = sources.feeds.sources;
  if (sources.failure) {
    return *sources.failure;
  }
  facts.day = choose_today(options.date, sources.feeds.newest_date, ports.clock);
  return select_digest(std::move(sources.feeds.announcements), facts.day, workspace.config,
                       history);
}

// The same for `run --since`: the API search over the range, dated --until (default today).
Result<DigestSelection> backfill_selection(const RunOptions& options, const Workspace& workspace,
                                           HistoryStore& history, Ports& ports, RunFacts& facts) {
  facts.day = options.until.empty() ? utc_date(ports.clock.now()) : options.until;
  Backfill backfill = select_backfill(
      workspace.config, {options.since, facts.day, options.page_size}, history, ports);
  facts.sources = std::move(backfill.sources);
  if (backfill.failure) {
    return *backfill.failure;
  }
  auto records = digest_records(backfill.selection, facts.day, history);
  if (!records) {
    return records.error();
  }
  return DigestSelection{std::move(backfill.selection), std::move(records.value())};
}

// Asked to stop: the summaries already paid for go into the day's archive, where the next run
// finds them, and nothing else is written.
ExitCode keep_summaries_and_stop(int signal, const std::string& day,
                                 const std::vector<ArchiveRecord>& records, HistoryStore& history) {
  std::map<std::string, Summary> received;
  for (const ArchiveRecord& record : records) {
    if (record.summary) {
      received.emplace(versioned_id(record.paper), *record.summary);
    }
  }
  auto kept = history.store_summaries(day, received, &records);
  if (!kept) {
    spdlog::error("interrupted by {}; the {} summaries received could not be kept: {}",
                  signal_name(signal), received.size(), kept.error().message);
  } else {
    spdlog::warn(
        "interrupted by {}: {} summaries kept in {}; README.md and the other outputs were left as "
        "they were; run again to finish",
        signal_name(signal), *kept, history.archive_path(day));
  }
  return interrupted_exit(signal);
}

// A clean run whose digest says what the README already says need not touch it (a scheduled
// rerun then commits nothing); a run with failures rewrites it so its status shows them.
bool clean(const RunStatus& status) {
  return status.outcome == RunOutcome::ok && status.message.empty() &&
         status.summary_stats.not_summarized.empty();
}

}  // namespace

ExitCode run_digest(const RunOptions& options, const Workspace& workspace, Ports& ports) {
  RunReport reporting(workspace, ports);
  RunFacts& facts = reporting.facts;

  auto history = HistoryStore::open(ports, workspace);
  if (!history) {
    return reporting.fail(history.error());
  }
  facts.warnings = history->warnings();
  auto selected = options.since.empty()
                      ? daily_selection(options, workspace, *history, ports, facts)
                      : backfill_selection(options, workspace, *history, ports, facts);
  if (!selected) {
    return reporting.fail(selected.error());
  }
  facts.selection = selected->selection.stats;
  auto templates = load_readme_templates(ports.fs, workspace);
  if (!templates) {
    return reporting.fail(templates.error());
  }

  const SummaryRequest summary_request{facts.day,
                                       provider_api_key(workspace.config.ai_summary, options.env),
                                       options.summary_timeout,
                                       !options.no_wait,
                                       options.batch_limits,
                                       true};
  Summaries summaries =
      summarize_digest(std::move(selected->records), summary_request, workspace, *history, ports);
  facts.summaries = summaries.sentence;
  facts.summary_stats = summaries.stats;
  if (const int signal = ports.stop.signal(); signal != 0) {
    return keep_summaries_and_stop(signal, facts.day, summaries.records, *history);
  }

  const RunStatus before_outputs = reporting.status();
  const OutputRequest output_request{facts.day, readme_path(workspace, options.output),
                                     facts.started, status_line(before_outputs),
                                     clean(before_outputs)};
  const Outputs outputs =
      selected->selection.selected == 0
          ? keep_previous_digest(output_request, workspace, *templates, ports.fs)
          : write_digest(summaries.records, output_request, workspace, *templates, *history, ports);
  facts.failure = outputs.failure;
  facts.weekly = outputs.weekly;
  facts.warnings = history->warnings();
  if (!outputs.failure && has_delivery(workspace.config.delivery)) {
    const DeliveryRequest delivery{
        facts.day, "", false, options.env, options.smtp_ca_file, options.delivery_timeout};
    facts.deliveries = deliver_digest(summaries.records, delivery, workspace, ports).channels;
  }
  const ExitCode code = reporting.finish(outputs.written);
  if (code == ExitCode::failed) {
    return code;
  }
  spdlog::info("digest written to {}", output_request.readme_path);
  // An unfinished backfill goes on after the digest, which it can then never hold up or break.
  // Its summaries reuse this run's settings; a run in batch mode has polled the pending batches.
  const BackfillSummaries backfill_summaries{
      options.env, options.batch_limits, options.summary_timeout,
      workspace.config.ai_summary.mode != SummaryMode::batch};
  if (options.offline_dir.empty() &&
      continue_saved_backfill(workspace, *history, ports, backfill_summaries) != ExitCode::ok) {
    return ExitCode::partial;
  }
  return code;
}

}  // namespace arxiv_digest::app
