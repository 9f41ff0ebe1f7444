#include "app/batch/batch_summarizer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/batch/batch_collect.hpp"
#include "arxiv_digest/summary_prompt.hpp"
#include "arxiv_digest/summary_sanitizer.hpp"
#include "core/util/date.hpp"

namespace arxiv_digest::app {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

class BatchRun {
 public:
  BatchRun(std::vector<ArchiveRecord>& records, const SummaryPlan& plan, Ports& ports,
           const BatchSummarizerOptions& options)
      : records_(records),
        ports_(ports),
        options_(options),
        config_(options.sync.config),
        provider_(ports.http, ports.clock, provider_options(options.sync)),
        client_(provider_, tally_),
        store_(ports.fs, options.state_path, *options.history),
        collect_{client_, store_, ports.clock, config_.keep_files, "", options.run, &records},
        hash_(plan.prompt_hash) {}

  SummaryStats run(const SummaryPlan& plan) {
    for (const SummaryJob& job : plan.jobs) {
      const std::string id = versioned_id(records_[job.record].paper);
      new_[id] = job.record;
      prompts_[id] = job.prompt;
    }
    auto loaded = store_.load();
    if (!loaded) {
      fail_all_new(loaded.error().message);
      return finish_stats();
    }
    state_ = std::move(loaded.value());
    if (options_.poll_pending) {
      poll_round();
    }
    submit_new();
    if (options_.wait) {
      wait_for_batches();
    }
    list_pending();
    fall_back();
    return finish_stats();
  }

 private:
  void fail_all_new(const std::string& reason) {
    for (const auto& [id, index] : new_) {
      stats_.not_summarized.push_back({id, reason});
    }
    new_.clear();
  }

  // One GET per pending batch; terminal ones are collected.
  void poll_round() {
    for (std::size_t i = 0; i < state_.size() && !unauthorized_;) {
      auto batch = client_.get(state_[i].id);
      if (!batch) {
        note_failure(batch.error(), "polling");
        ++i;
        continue;
      }
      if (!is_terminal(batch->status)) {
        last_status_[state_[i].id] = batch->status_text;
        ++i;
        continue;
      }
      if (collect(state_[i], *batch)) {
        state_.erase(state_.begin() + static_cast<std::ptrdiff_t>(i));
        save_state();
      } else {
        ++i;
      }
    }
  }

  void note_failure(const Error& error, const char* what) {
    unauthorized_ = unauthorized_ || error.code == ErrorCode::unauthorized;
    spdlog::warn("batch {}: {}", what, error.message);
    problems_.push_back(error.message);
  }

  bool collect(const PendingBatch& pending, const Batch& batch) {
    auto outcome = collect_batch(collect_, pending, batch);
    if (!outcome) {
      note_failure(outcome.error(), "collecting");
      return false;
    }
    ++stats_.batch.collected;
    stats_.batch.prompt_tokens =
        add_tokens(stats_.batch.prompt_tokens, outcome->usage.prompt_tokens);
    stats_.batch.completion_tokens =
        add_tokens(stats_.batch.completion_tokens, outcome->usage.completion_tokens);
    for (auto& [id, summary] : outcome->summaries) {
      if (const auto it = new_.find(id); it != new_.end()) {
        sanitize_summary(summary, records_[it->second].paper.abstract);
        records_[it->second].summary = std::move(summary);
        ++stats_.batch.summarized;
        new_.erase(it);
      }
    }
    for (auto& paper : outcome->failed) {
      if (new_.count(paper.id) > 0) {
        failed_[paper.id] = paper.reason;
      }
    }
    stats_.notes.insert(stats_.notes.end(), outcome->notes.begin(), outcome->notes.end());
    return true;
  }

  void save_state() {
    if (auto saved = store_.save(state_); !saved) {
      spdlog::error("{}: {}", store_.state_path(), saved.error().message);
      problems_.push_back(saved.error().message);
    }
  }

  std::set<std::string> covered() const {
    std::set<std::string> ids;
    for (const auto& pending : state_) {
      ids.insert(pending.custom_ids.begin(), pending.custom_ids.end());
    }
    return ids;
  }

  std::vector<BatchRequest> requests() {
    const std::set<std::string> busy = covered();
    std::vector<BatchRequest> out;
    for (const auto& [id, index] : new_) {
      if (busy.count(id) > 0 || failed_.count(id) > 0) {
        continue;
      }
      out.push_back({id, summary_request(config_, prompts_.at(id))});
    }
    // Rank order, so the first file holds the best papers.
    std::sort(out.begin(), out.end(), [&](const BatchRequest& a, const BatchRequest& b) {
      return new_.at(a.custom_id) < new_.at(b.custom_id);
    });
    return out;
  }

  void submit_new() {
    if (unauthorized_) {
      return;
    }
    const BatchInputPlan plan = plan_batch_inputs(requests(), options_.limits);
    for (const auto& rejected : plan.rejected) {
      failed_[rejected.custom_id] = rejected.reason;
    }
    for (std::size_t i = 0; i < plan.files.size(); ++i) {
      submit(plan.files[i], i + 1);
    }
  }

  void submit(const BatchInputFile& file, std::size_t number) {
    const std::string name = "arxiv-digest-" + options_.run + "-" + std::to_string(number);
    if (unauthorized_) {
      for (const auto& id : file.custom_ids) {
        failed_[id] = "not sent: " + problems_.back();
      }
      return;
    }
    BatchCreateRequest create;
    create.completion_window = config_.batch_completion_window;
    create.metadata = {{"run", options_.run}, {"ds_name", name}};
    auto submitted = client_.submit(file, create, name + ".jsonl");
    if (!submitted) {
      note_failure(submitted.error(), "submitting");
      for (const auto& id : file.custom_ids) {
        failed_[id] = "batch not submitted: " + submitted.error().message;
      }
      return;
    }
    state_.push_back({submitted->batch.id, submitted->input_file_id, file.custom_ids, hash_,
                      config_.model, config_.format, config_.input, iso8601_utc(ports_.clock.now()),
                      options_.run, std::string(kBatchChatEndpoint)});
    save_state();  // before any polling: a killed run resumes instead of paying again
    last_status_[submitted->batch.id] = submitted->batch.status_text;
    ++stats_.batch.submitted;
    spdlog::info("batch {} submitted: {} papers ({})", submitted->batch.id, file.custom_ids.size(),
                 submitted->batch.status_text);
  }

  // Whether a pending batch covers a paper of this run's top.
  bool ours(const PendingBatch& pending) const {
    return std::any_of(pending.custom_ids.begin(), pending.custom_ids.end(),
                       [&](const std::string& id) { return new_.count(id) > 0; });
  }

  bool waiting() const {
    return std::any_of(state_.begin(), state_.end(),
                       [&](const PendingBatch& pending) { return ours(pending); });
  }

  void wait_for_batches() {
    const auto deadline = ports_.clock.now() + seconds(config_.batch_wait_deadline_s);
    const milliseconds interval = seconds(std::max(1, config_.batch_poll_interval_s));
    while (waiting() && !unauthorized_) {
      const auto now = ports_.clock.now();
      if (now >= deadline) {
        spdlog::warn(
            "batch: still running after {} s (ai_summary.batch_wait_deadline_s); the "
            "next run collects it",
            config_.batch_wait_deadline_s);
        return;
      }
      ports_.clock.sleep(
          std::min(interval, std::chrono::duration_cast<milliseconds>(deadline - now)));
      poll_round();
    }
  }

  void list_pending() {
    for (const auto& pending : state_) {
      const auto status = last_status_.find(pending.id);
      const std::string state = status == last_status_.end() ? "unknown" : status->second;
      for (const auto& id : pending.custom_ids) {
        if (const auto it = new_.find(id); it != new_.end()) {
          stats_.not_summarized.push_back(
              {id, "pending in batch " + pending.id + " (" + state +
                       "); the next run or `arxiv-digest batch collect` collects it"});
          ++stats_.batch.pending;
          new_.erase(it);
        }
      }
    }
  }

  void fall_back() {
    if (failed_.empty()) {
      return;
    }
    if (!config_.batch_fallback_to_sync || unauthorized_) {
      for (const auto& [id, reason] : failed_) {
        stats_.not_summarized.push_back(
            {id, reason + (unauthorized_ ? "" : "; left for the next batch")});
      }
      return;
    }
    std::vector<SummaryJob> retry;
    for (const auto& [id, reason] : failed_) {
      if (const auto it = new_.find(id); it != new_.end()) {
        retry.push_back({it->second, prompts_.at(id)});
      }
    }
    SummarizerOptions sync = options_.sync;
    sync.config.mode = SummaryMode::sync;
    const SummaryStats got =
        summarize_jobs(records_, retry, hash_, ports_.http, ports_.clock, sync);
    stats_.batch.sync_fallback = failed_.size();
    stats_.summarized += got.summarized;
    stats_.requests += got.requests;
    stats_.retries += got.retries;
    stats_.prompt_tokens = add_tokens(stats_.prompt_tokens, got.prompt_tokens);
    stats_.completion_tokens = add_tokens(stats_.completion_tokens, got.completion_tokens);
    stats_.notes.insert(stats_.notes.end(), got.notes.begin(), got.notes.end());
    for (const auto& paper : got.not_summarized) {
      stats_.not_summarized.push_back(
          {paper.id, failed_.at(paper.id) + "; sync fallback: " + paper.reason});
    }
  }

  SummaryStats finish_stats() {
    stats_.summarized += stats_.batch.summarized;
    stats_.prompt_tokens = add_tokens(stats_.prompt_tokens, stats_.batch.prompt_tokens);
    stats_.completion_tokens = add_tokens(stats_.completion_tokens, stats_.batch.completion_tokens);
    stats_.batch.requests = tally_.requests;
    stats_.requests += tally_.requests;
    stats_.retries += tally_.retries;
    return stats_;
  }

  std::vector<ArchiveRecord>& records_;
  Ports& ports_;
  const BatchSummarizerOptions& options_;
  const AiSummaryConfig& config_;
  CallTally tally_;
  ProviderClient provider_;
  BatchClient client_;
  BatchStore store_;
  CollectContext collect_;
  const std::string hash_;
  std::vector<PendingBatch> state_;
  std::map<std::string, std::size_t> new_;          // versioned id → record, not yet summarized
  std::map<std::string, std::string> prompts_;      // versioned id → its rendered prompt
  std::map<std::string, std::string> failed_;       // versioned id → why its batch line failed
  std::map<std::string, std::string> last_status_;  // batch id → status last seen
  std::vector<std::string> problems_;
  bool unauthorized_ = false;
  SummaryStats stats_;
};

}  // namespace

SummaryStats summarize_in_batches(std::vector<ArchiveRecord>& records, const SummaryPlan& plan,
                                  Ports& ports, const BatchSummarizerOptions& options) {
  BatchRun run(records, plan, ports, options);
  return run.run(plan);
}

std::string batch_summary_sentence(const SummaryStats& stats) {
  std::string out = summary_sentence(stats);
  const BatchStats& b = stats.batch;
  if (b == BatchStats{}) {
    return out;
  }
  out += "; batch: " + std::to_string(b.submitted) + " submitted, " + std::to_string(b.collected) +
         " collected, " + std::to_string(b.summarized) + " summarized (" +
         std::to_string(b.prompt_tokens) + " tokens in, " + std::to_string(b.completion_tokens) +
         " out; sync " + std::to_string(stats.prompt_tokens - b.prompt_tokens) + " in, " +
         std::to_string(stats.completion_tokens - b.completion_tokens) + " out)";
  if (b.pending > 0) {
    out += ", " + std::to_string(b.pending) + " pending";
  }
  if (b.sync_fallback > 0) {
    out += ", " + std::to_string(b.sync_fallback) + " sent again in sync";
  }
  return out;
}

}  // namespace arxiv_digest::app
