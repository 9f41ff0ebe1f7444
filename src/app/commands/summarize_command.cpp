#include "app/commands/summarize_command.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

#include "app/pipeline/archive_history.hpp"
#include "app/pipeline/digest_output.hpp"
#include "app/pipeline/run_context.hpp"
#include "app/pipeline/summary_step.hpp"
#include "app/template_loader.hpp"
#include "core/util/date.hpp"

namespace arxiv_digest::app {
namespace {

// --date, else the newest data/YYYY-MM-DD.jsonl.
Result<std::string> archive_day(RunContext& ctx) {
  if (!ctx.options.date.empty()) {
    return ctx.options.date;
  }
  const std::string dir = ctx.workspace.resolve(ctx.workspace.config.output.archive_dir);
  auto files = ctx.ports.fs.exists(dir)
                   ? ctx.ports.fs.list(dir, ".jsonl")
                   : Result<std::vector<std::string>>(std::vector<std::string>{});
  if (!files) {
    return files.error();
  }
  std::string newest;
  for (const auto& path : *files) {
    const std::string date = std::filesystem::path(path).stem().string();
    newest = is_iso_date(date) ? std::max(newest, date) : newest;
  }
  if (newest.empty()) {
    return Error{ErrorCode::not_found,
                 "no archive in " + dir + " yet: run `arxiv-digest run` first"};
  }
  return newest;
}

void print_plan(const SummaryPlan& plan, const RunContext& ctx, std::ostream& out) {
  const auto& ai = ctx.workspace.config.ai_summary;
  out << ctx.status.digest_date << ": " << plan.to_summarize.size()
      << " papers would be summarized, " << plan.cached << " are cached";
  if (!plan.unrenderable.empty()) {
    out << ", " << plan.unrenderable.size() << " cannot be (prompt template failed)";
  }
  out << "\nestimated input: about " << plan.estimated_prompt_tokens << " tokens (" << ai.model
      << ", " << to_string(ai.mode) << " mode, ~4 characters per token"
      << (ai.input == SummaryInput::pdf ? "; each PDF's text comes on top" : "") << ")\n";
  for (const auto& id : plan.to_summarize) {
    out << "  " << id << "\n";
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

ExitCode summarize_day(RunContext& ctx, const SummarizeOptions& options, std::ostream& out) {
  auto day = archive_day(ctx);
  if (!day) {
    return fail(ctx, day.error());
  }
  ctx.status.digest_date = *day;
  auto history = load_history(ctx, *day);
  if (!history) {
    return fail(ctx, history.error());
  }
  std::vector<ArchiveRecord> records = history->today;
  ctx.status.selection = archive_stats(records);
  if (records.empty()) {
    return fail(ctx, Error{ErrorCode::not_found,
                           "no archive for " + *day + " (" + archive_path(ctx, *day) + ")"});
  }
  const auto key = api_key(ctx);
  if (options.dry_run) {
    auto summarizer = summarizer_options(ctx, "");
    if (!summarizer) {
      return fail(ctx, summarizer.error());
    }
    print_plan(plan_summaries(records, summary_cache(*history), *summarizer), ctx, out);
    return ExitCode::ok;
  }
  const auto& ai = ctx.workspace.config.ai_summary;
  if (!key) {
    spdlog::error("set {} to the API key to summarize (ai_summary.api_key_env)", ai.api_key_env);
    return ExitCode::usage;
  }
  auto templates = load_readme_templates(ctx.ports.fs, ctx.workspace);
  if (!templates) {
    return fail(ctx, templates.error());
  }
  summarize_digest(ctx, records, *history);
  if (auto written = write_digest(ctx, records, *templates); !written) {
    return fail(ctx, written.error());
  }
  if (auto written = write_status(ctx); !written) {
    return fail(ctx, written.error());
  }
  spdlog::info("{}", ctx.status.summaries);
  return ctx.status.summary_stats.not_summarized.empty() ? ExitCode::ok : ExitCode::partial;
}

}  // namespace

ExitCode summarize(const SummarizeOptions& options, Ports& ports, std::ostream& out) {
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
  if (options.limit >= 0) {
    ai.max_papers_to_summarize = options.limit;
  }
  RunContext ctx{options.run, ports, std::move(workspace.value()), RunStatus{}, ports.clock.now()};
  ctx.status.started_at = iso8601_utc(ctx.started);
  return summarize_day(ctx, options, out);
}

}  // namespace arxiv_digest::app
