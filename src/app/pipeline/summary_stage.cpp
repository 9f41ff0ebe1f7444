#include "app/pipeline/summary_stage.hpp"

#include <spdlog/spdlog.h>

#include "app/batch/batch_summarizer.hpp"
#include "app/http/polite_http_client.hpp"
#include "app/template_loader.hpp"
#include "arxiv_digest/arxiv_urls.hpp"
#include "arxiv_digest/summary_prompt.hpp"

namespace arxiv_digest::app {
SummaryLookup summary_cache(HistoryStore& history, const std::string& day) {
  return [&history, day](const SummaryKey& key) { return history.cached_summary(key, day); };
}

Result<SummarizerOptions> summarizer_options(const Workspace& workspace, FileSystem& fs,
                                             std::string key, std::chrono::milliseconds timeout) {
  const Config& config = workspace.config;
  const AiSummaryConfig& ai = config.ai_summary;
  SummarizerOptions options;
  options.config = ai;
  options.api_key = std::move(key);
  options.timeout = timeout.count() > 0 ? timeout : std::chrono::seconds(ai.timeout_s);
  options.max_retries = ai.max_retries;
  options.pdf_politeness = arxiv_politeness(config.source);
  options.arxiv_hosts = arxiv_hosts(config.source.base_url);
  auto source = ai.prompt_file.empty()
                    ? load_template(fs, workspace, prompt_template_name(ai.format))
                    : fs.read(workspace.resolve(ai.prompt_file));
  if (!source) {
    return source.error();
  }
  options.template_source = std::move(source.value());
  return options;
}

Summaries summarize_digest(std::vector<ArchiveRecord> records, const SummaryRequest& request,
                           const Workspace& workspace, HistoryStore& history, Ports& ports) {
  const AiSummaryConfig& ai = workspace.config.ai_summary;
  Summaries out{std::move(records), {}, ""};
  if (!ai.enabled) {
    out.sentence = "summaries disabled (ai_summary.enabled is false)";
    return out;
  }
  if (!request.api_key) {
    out.sentence = "summaries skipped: set " + ai.api_key_env + " to summarize";
    return out;
  }
  // Batch mode still has earlier runs' batches to collect when nothing is new today. PDF input
  // needs a file upload per paper, which the Batch API's JSONL cannot carry: it stays in sync.
  const bool batch = ai.mode == SummaryMode::batch && ai.input == SummaryInput::abstract;
  if (out.records.empty() && !batch) {
    out.sentence = "summaries: nothing new to summarize";
    return out;
  }
  auto options = summarizer_options(workspace, ports.fs, *request.api_key, request.timeout);
  if (!options) {
    out.sentence = "summaries failed: " + options.error().message;
    return out;
  }
  auto plan = plan_summaries(out.records, summary_cache(history, request.day), ai,
                             options->template_source);
  if (!plan) {
    out.sentence = "summaries failed: " + plan.error().message;
    return out;
  }
  if (batch) {
    BatchSummarizerOptions batch_options;
    batch_options.sync = std::move(options.value());
    batch_options.run = request.day;
    batch_options.wait = request.wait;
    batch_options.poll_pending = request.poll_pending;
    batch_options.limits = request.batch_limits;
    batch_options.state_path =
        workspace.resolve(workspace.config.output.state_dir) + "/batches.json";
    batch_options.history = &history;
    out.stats = summarize_in_batches(out.records, *plan, ports, batch_options);
    add_plan(out.stats, *plan);
    out.sentence = batch_summary_sentence(out.stats);
    return out;
  }
  if (ai.mode == SummaryMode::batch) {
    spdlog::warn(
        "ai_summary.input \"{}\" cannot go through the Batch API; summarizing in sync mode",
        to_string(ai.input));
  }
  out.stats =
      summarize_jobs(out.records, plan->jobs, plan->prompt_hash, ports.http, ports.clock, *options);
  add_plan(out.stats, *plan);
  out.sentence = summary_sentence(out.stats);
  return out;
}

}  // namespace arxiv_digest::app
