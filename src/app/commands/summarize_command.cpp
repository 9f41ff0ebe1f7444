#include "app/commands/summarize_command.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "app/history/history_store.hpp"
#include "app/pipeline/output_stage.hpp"
#include "app/pipeline/run_report.hpp"
#include "app/pipeline/summary_stage.hpp"
#include "app/template_loader.hpp"
#include "core/util/date.hpp"

namespace arxiv_digest::app {
namespace {

void print_plan(const std::string& day, const SummaryPlan& plan,
                const std::vector<ArchiveRecord>& records, const AiSummaryConfig& ai,
                std::ostream& out) {
  out << day << ": " << plan.jobs.size() << " papers would be summarized, " << plan.cached
      << " are cached";
  if (!plan.unrenderable.empty()) {
    out << ", " << plan.unrenderable.size() << " cannot be (prompt template failed)";
  }
  out << "\nestimated input: about " << plan.estimated_prompt_tokens << " tokens (" << ai.model
      << ", " << to_string(ai.mode) << " mode, ~4 characters per token"
      << (ai.input == SummaryInput::pdf ? "; each PDF's text comes on top" : "") << ")\n";
  for (const auto& job : plan.jobs) {
    out << "  " << versioned_id(records[job.record].paper) << "\n";
  }
}

// Counts for the status line, from the archive day's records (no feeds were read).
SelectionStats archive_stats(const std::vector<ArchiveRecord>& records) {
  SelectionStats stats;
  stats.unique_papers = stats.candidates = records.size();
  stats.selected = static_cast<std::size_t>(std::count_if(
      records.begin(), records.end(), [](const ArchiveRecord& r) { return r.rank.has_value(); }));
  return stats;
}

ExitCode dry_run(std::vector<ArchiveRecord> records, const std::string& day,
                 const Workspace& workspace, HistoryStore& history, Ports& ports,
                 std::ostream& out) {
  auto options = summarizer_options(workspace, ports.fs, "");
  if (!options) {
    spdlog::error("{}", options.error().message);
    return ExitCode::failed;
  }
  const AiSummaryConfig& ai = workspace.config.ai_summary;
  auto plan = plan_summaries(records, summary_cache(history, day), ai, options->template_source);
  if (!plan) {
    spdlog::error("{}", plan.error().message);
    return ExitCode::failed;
  }
  print_plan(day, *plan, records, ai, out);
  return ExitCode::ok;
}

ExitCode summarize_day(const SummarizeOptions& options, const Workspace& workspace, Ports& ports,
                       std::ostream& out) {
  RunReport reporting(workspace, ports);
  RunFacts& facts = reporting.facts;
  facts.reads_sources = false;
  auto history = HistoryStore::open(ports, workspace);
  if (!history) {
    return reporting.fail(history.error());
  }
  facts.warnings = history->warnings();
  auto day = chosen_archive_day(options.run.date, *history);
  if (!day) {
    return reporting.fail(day.error());
  }
  facts.day = *day;
  auto records = history->day_records(*day);
  if (!records) {
    return reporting.fail(records.error());
  }
  facts.selection = archive_stats(*records);
  if (records->empty()) {
    return reporting.fail(Error{
        ErrorCode::not_found, "no archive for " + *day + " (" + history->archive_path(*day) + ")"});
  }
  if (options.dry_run) {
    return dry_run(std::move(records.value()), *day, workspace, *history, ports, out);
  }
  const AiSummaryConfig& ai = workspace.config.ai_summary;
  const auto key = provider_api_key(ai, options.run.env);
  if (!key) {
    spdlog::error("set {} to the API key to summarize (ai_summary.api_key_env)", ai.api_key_env);
    return ExitCode::usage;
  }
  auto templates = load_readme_templates(ports.fs, workspace);
  if (!templates) {
    return reporting.fail(templates.error());
  }
  const SummaryRequest request{
      *day, key, options.run.summary_timeout, !options.run.no_wait, options.run.batch_limits, true};
  Summaries summaries =
      summarize_digest(std::move(records.value()), request, workspace, *history, ports);
  facts.summaries = summaries.sentence;
  facts.summary_stats = summaries.stats;
  const RunStatus status = reporting.status();
  const OutputRequest output_request{*day, readme_path(workspace, options.run.output),
                                     facts.started, status_line(status), false};
  const Outputs outputs =
      write_digest(summaries.records, output_request, workspace, *templates, *history, ports);
  facts.failure = outputs.failure;
  facts.warnings = history->warnings();
  const ExitCode code = reporting.finish(outputs.written);
  spdlog::info("{}", summaries.sentence);
  // Papers left in a pending batch are on their way; any other paper without a summary is a
  // failure of what was asked.
  const SummaryStats& stats = summaries.stats;
  const bool unsummarized = stats.not_summarized.size() > stats.batch.pending;
  return code == ExitCode::ok && unsummarized ? ExitCode::failed : code;
}

}  // namespace

ExitCode summarize(const SummarizeOptions& options, Ports& ports, std::ostream& out) {
  if (options.limit && *options.limit < 0) {
    spdlog::error("--limit {}: expected 0 or more papers", *options.limit);
    return ExitCode::usage;
  }
  if (!options.run.date.empty() && !is_iso_date(options.run.date)) {
    spdlog::error("--date {}: expected a date as YYYY-MM-DD", options.run.date);
    return ExitCode::usage;
  }
  auto workspace = load_workspace(ports.fs, options.run.config_path);
  if (!workspace) {
    spdlog::error("{}", workspace.error().message);
    return ExitCode::usage;
  }
  auto& ai = workspace->config.ai_summary;
  if (!ai.enabled && !options.dry_run) {
    spdlog::error("summaries are disabled (ai_summary.enabled is false in {})",
                  options.run.config_path);
    return ExitCode::usage;
  }
  if (options.limit) {
    ai.max_papers_to_summarize = *options.limit;
  }
  return summarize_day(options, *workspace, ports, out);
}

}  // namespace arxiv_digest::app
