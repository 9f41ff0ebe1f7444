#include "app/pipeline/summary_step.hpp"

#include <spdlog/spdlog.h>

#include "app/batch/batch_summarizer.hpp"
#include "app/http/polite_http_client.hpp"
#include "app/summarize/sync_summarizer.hpp"
#include "app/template_loader.hpp"
#include "arxiv_digest/arxiv_urls.hpp"
#include "arxiv_digest/summary_prompt.hpp"

namespace arxiv_digest::app {
std::string summaries_status(const RunContext& ctx) {
  const auto& ai = ctx.workspace.config.ai_summary;
  if (!ai.enabled) {
    return "summaries disabled (ai_summary.enabled is false)";
  }
  const auto key = ctx.options.env ? ctx.options.env(ai.api_key_env) : std::nullopt;
  if (!key || key->empty()) {
    return "summaries skipped: set " + ai.api_key_env + " to summarize";
  }
  return "summaries: nothing new to summarize";
}

namespace {

// Batch mode (issue 6). PDF input needs a file upload per paper, which the Batch API's JSONL
// cannot carry, so it stays in sync mode (summarize_digest).
void summarize_in_batches(RunContext& ctx, std::vector<ArchiveRecord>& records,
                          const std::vector<ArchiveRecord>& cache, SummarizerOptions options) {
  const OutputConfig& output = ctx.workspace.config.output;
  BatchSummarizerOptions batch;
  batch.sync = std::move(options);
  batch.run = ctx.status.digest_date;
  batch.wait = !ctx.options.no_wait;
  batch.limits = ctx.options.batch_limits;
  batch.state_path = ctx.workspace.resolve(output.state_dir) + "/batches.json";
  batch.archive_dir = ctx.workspace.resolve(output.archive_dir);
  ctx.status.summary_stats = summarize_records_in_batches(records, cache, ctx.ports, batch);
  ctx.status.summaries = batch_summary_sentence(ctx.status.summary_stats);
}

}  // namespace

std::optional<std::string> api_key(const RunContext& ctx) {
  const auto& ai = ctx.workspace.config.ai_summary;
  auto key = ctx.options.env ? ctx.options.env(ai.api_key_env) : std::nullopt;
  return key && !key->empty() ? key : std::nullopt;
}

Result<SummarizerOptions> summarizer_options(const RunContext& ctx, std::string key) {
  const Config& config = ctx.workspace.config;
  const AiSummaryConfig& ai = config.ai_summary;
  SummarizerOptions options;
  options.config = ai;
  options.api_key = std::move(key);
  options.timeout = ctx.options.summary_timeout.count() > 0 ? ctx.options.summary_timeout
                                                            : std::chrono::seconds(ai.timeout_s);
  options.max_retries = ai.max_retries;
  options.pdf_politeness = arxiv_politeness(config.source);
  options.arxiv_hosts = arxiv_hosts(config.source.base_url);
  auto source = ai.prompt_file.empty()
                    ? load_template(ctx.ports.fs, ctx.workspace, prompt_template_name(ai.format))
                    : ctx.ports.fs.read(ctx.workspace.resolve(ai.prompt_file));
  if (!source) {
    return source.error();
  }
  options.template_source = std::move(source.value());
  return options;
}

std::vector<ArchiveRecord> summary_cache(const History& history) {
  std::vector<ArchiveRecord> cache = history.today;
  cache.insert(cache.end(), history.summarized_earlier.begin(), history.summarized_earlier.end());
  return cache;
}

void summarize_digest(RunContext& ctx, std::vector<ArchiveRecord>& records,
                      const History& history) {
  const auto& ai = ctx.workspace.config.ai_summary;
  const auto key = api_key(ctx);
  if (!ai.enabled || !key) {
    return;
  }
  auto options = summarizer_options(ctx, *key);
  if (!options) {
    ctx.status.summaries = "summaries failed: " + options.error().message;
    return;
  }
  const std::vector<ArchiveRecord> cache = summary_cache(history);
  if (ai.mode == SummaryMode::batch && ai.input == SummaryInput::abstract) {
    summarize_in_batches(ctx, records, cache, std::move(options.value()));
    return;
  }
  if (ai.mode == SummaryMode::batch) {
    spdlog::warn(
        "ai_summary.input \"{}\" cannot go through the Batch API; summarizing in sync "
        "mode",
        to_string(ai.input));
  }
  ctx.status.summary_stats =
      summarize_records(records, cache, ctx.ports.http, ctx.ports.clock, *options);
  ctx.status.summaries = summary_sentence(ctx.status.summary_stats);
}

}  // namespace arxiv_digest::app
