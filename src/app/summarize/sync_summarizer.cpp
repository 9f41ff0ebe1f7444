#include "app/summarize/sync_summarizer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <thread>

#include "app/http/provider_client.hpp"
#include "arxiv_digest/chat_codec.hpp"
#include "arxiv_digest/summary_prompt.hpp"
#include "arxiv_digest/summary_sanitizer.hpp"
#include "core/util/date.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest::app {
namespace {

using std::chrono::milliseconds;

// After this many papers in a row fail for the same reason, the provider is taken for dead (a
// 500 on every request, an endpoint that is down) and no new paper is started: each one would
// cost its retries for the same answer.
constexpr std::size_t kSameFailuresBeforeStopping = 3;

// What one paper's requests came to.
struct Outcome {
  std::optional<Summary> summary;
  std::string reason;  // when no summary
  // Why no paper should be sent any more (401: bad key; quota: no money left), or "".
  std::string stop_reason;
  CallTally calls;
  Usage usage;
  std::vector<std::string> notes;
};

class Summarizer {
 public:
  Summarizer(std::vector<ArchiveRecord>& records, std::string prompt_hash, HttpClient& http,
             Clock& clock, const SummarizerOptions& options)
      : records_(records),
        clock_(clock),
        options_(options),
        provider_(http, clock, provider_options(options)),
        arxiv_(http, clock, options.pdf_politeness),
        hash_(std::move(prompt_hash)) {}

  SummaryStats run(const std::vector<SummaryJob>& jobs) {
    const std::size_t workers = std::min<std::size_t>(
        jobs.size(), static_cast<std::size_t>(std::max(1, options_.config.max_workers)));
    std::vector<std::optional<Outcome>> outcomes(jobs.size());
    std::size_t next = 0;
    auto work = [&] {
      for (;;) {
        std::size_t index = 0;
        {
          std::lock_guard lock(mutex_);
          if (!stop_reason_.empty() || over_budget_locked() || next == jobs.size()) {
            return;
          }
          index = next++;
        }
        Outcome outcome = summarize(jobs[index]);
        std::lock_guard lock(mutex_);
        stats_.requests += outcome.calls.requests;
        stats_.retries += outcome.calls.retries;
        stats_.prompt_tokens = add_tokens(stats_.prompt_tokens, outcome.usage.prompt_tokens);
        stats_.completion_tokens =
            add_tokens(stats_.completion_tokens, outcome.usage.completion_tokens);
        if (stop_reason_.empty()) {
          stop_reason_ = outcome.stop_reason;
        }
        note_failure_locked(outcome);
        outcomes[index] = std::move(outcome);
      }
    };
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < workers; ++i) {
      threads.emplace_back(work);
    }
    if (workers > 0) {
      work();
    }
    for (auto& thread : threads) {
      thread.join();
    }
    collect(jobs, outcomes);
    return stats_;
  }

 private:
  // Counts papers that failed alike in a row (in the order they finished); a summary resets it.
  void note_failure_locked(const Outcome& outcome) {
    if (outcome.summary || !outcome.stop_reason.empty()) {
      same_failures_ = 0;
      return;
    }
    same_failures_ = outcome.reason == last_failure_ ? same_failures_ + 1 : 1;
    last_failure_ = outcome.reason;
    if (same_failures_ >= kSameFailuresBeforeStopping && stop_reason_.empty()) {
      stop_reason_ = "stopped after " + std::to_string(same_failures_) +
                     " papers in a row failed alike (" + outcome.reason + ")";
    }
  }

  bool over_budget_locked() const {
    const long long budget = options_.config.max_tokens_per_run;
    return budget > 0 && add_tokens(stats_.prompt_tokens, stats_.completion_tokens) >= budget;
  }

  void collect(const std::vector<SummaryJob>& jobs, std::vector<std::optional<Outcome>>& outcomes) {
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      ArchiveRecord& record = records_[jobs[i].record];
      const std::string id = versioned_id(record.paper);
      if (!outcomes[i]) {
        stats_.not_summarized.push_back(
            {id, stop_reason_.empty() ? std::string("budget") : "not sent: " + stop_reason_});
        continue;
      }
      Outcome& outcome = *outcomes[i];
      for (const std::string& note : outcome.notes) {
        stats_.notes.push_back(id + ": " + note);
      }
      if (outcome.summary) {
        record.summary = std::move(outcome.summary);
        ++stats_.summarized;
      } else {
        stats_.not_summarized.push_back({id, outcome.reason});
      }
    }
  }

  // One chat exchange (ProviderClient retries). On failure, the Error says why.
  Result<ChatCompletion> exchange(const ChatRequest& chat, Outcome& outcome) {
    auto response = provider_.call("POST", "/chat/completions", write_chat_request(chat),
                                   "application/json", &outcome.calls);
    if (!response) {
      note_stop(response.error(), outcome);
      return response.error();
    }
    auto parsed = parse_chat_completion(response->body);
    if (parsed) {
      add_usage(outcome.usage, parsed->usage);
    }
    return parsed;
  }

  // A rejected key or an exhausted quota fails every later request too, and a stopped process
  // sends none: stop sending.
  bool note_stop(const Error& error, Outcome& outcome) const {
    if (error.code == ErrorCode::unauthorized) {
      const std::string& env = options_.config.api_key_env;
      outcome.stop_reason = "the endpoint rejected the key in " + env + " (HTTP 401)";
    } else if (error.code == ErrorCode::quota) {
      outcome.stop_reason = "the provider says the account's quota is used up";
    } else if (error.code == ErrorCode::interrupted) {
      outcome.stop_reason = "interrupted";
    }
    return !outcome.stop_reason.empty();
  }

  // PDF document mode: the paper's PDF uploaded and processed, as a file id.
  Result<std::string> upload_pdf(const Paper& paper, Outcome& outcome) {
    const std::string id = versioned_id(paper);
    HttpRequest request;
    request.url = pdf_url(id, options_.arxiv_hosts);
    request.headers = {{"Accept", "application/pdf"}};
    auto pdf = arxiv_.send(request);
    if (!pdf) {
      return pdf.error();
    }
    if (pdf->status != 200) {
      return Error{ErrorCode::http_status,
                   "GET " + request.url + " -> HTTP " + std::to_string(pdf->status)};
    }
    if (pdf->body.size() > options_.max_pdf_bytes || pdf->body.rfind("%PDF", 0) != 0) {
      return Error{ErrorCode::malformed_input,
                   pdf->body.size() > options_.max_pdf_bytes
                       ? "the PDF is " + std::to_string(pdf->body.size() >> 20) +
                             " MB, over the limit of " +
                             std::to_string(options_.max_pdf_bytes >> 20) + " MB"
                       : "GET " + request.url + " did not return a PDF"};
    }
    std::string name = id + ".pdf";
    std::replace(name.begin(), name.end(), '/', '_');
    auto file =
        upload_file(provider_, "file-extract", name, "application/pdf", pdf->body, &outcome.calls);
    if (!file) {
      return file.error();
    }
    auto processed =
        wait_until_processed(provider_, clock_, *file, options_.file_wait, &outcome.calls);
    if (!processed) {
      discard(file->id, outcome);
      return processed.error();
    }
    return processed->id;
  }

  void discard(const std::string& file_id, Outcome& outcome) {
    if (options_.config.keep_files) {
      return;
    }
    if (auto deleted = delete_file(provider_, file_id, &outcome.calls); !deleted) {
      spdlog::warn("could not delete uploaded file {}: {}", file_id, deleted.error().message);
    }
  }

  Outcome summarize(const SummaryJob& job) {
    Outcome outcome;
    const Paper& paper = records_[job.record].paper;
    ChatRequest chat = summary_request(options_.config, job.prompt);
    if (options_.config.input != SummaryInput::pdf) {
      answer(paper, chat, SummaryInput::abstract, outcome);
      return outcome;
    }
    auto file_id = upload_pdf(paper, outcome);
    if (!file_id) {
      const std::string why = provider_.redact(file_id.error().message);
      if (note_stop(file_id.error(), outcome)) {
        outcome.reason = why;
        return outcome;
      }
      spdlog::warn("{}: PDF mode failed, summarizing the abstract: {}", versioned_id(paper), why);
      outcome.notes.push_back("PDF mode failed (" + why + "); summarized the abstract");
      answer(paper, chat, SummaryInput::abstract, outcome);
      return outcome;
    }
    answer(paper, with_document(std::move(chat), *file_id), SummaryInput::pdf, outcome);
    discard(*file_id, outcome);
    return outcome;
  }

  // Asks `chat` (and re-asks once for invalid fields) and fills outcome.summary or its reason.
  void answer(const Paper& paper, const ChatRequest& chat, SummaryInput input, Outcome& outcome) {
    const auto& config = options_.config;
    auto reply = exchange(chat, outcome);
    if (!reply) {
      outcome.reason = provider_.redact(reply.error().message);
      spdlog::warn("{}: not summarized: {}", versioned_id(paper), outcome.reason);
      return;
    }
    Summary summary;
    summary.model = config.model;
    summary.prompt_hash = hash_;
    summary.input_mode = to_string(input);
    summary.created_at = iso8601_utc(clock_.now());
    if (config.format == SummaryFormat::fields) {
      auto fields = parse_summary_fields(reply->content);
      if (!fields) {
        const std::string problem = fields.error().message;
        auto again = exchange(fields_reask(chat, reply->content, problem), outcome);
        if (again) {
          fields = parse_summary_fields(again->content);
        }
      }
      if (fields) {
        summary.text = fields_markdown(*fields);
        summary.fields = std::move(fields.value());
      } else {
        outcome.notes.push_back("the fields answer was not valid JSON twice; kept as text");
      }
    }
    if (!summary.fields) {
      summary.text = std::string(trim(reply->content));
    }
    if (summary.text.empty()) {
      outcome.reason = "the model returned an empty answer (finish_reason " +
                       (reply->finish_reason.empty() ? "none" : reply->finish_reason) + ")";
      return;
    }
    summary.usage = outcome.usage;
    sanitize_summary(summary, paper.abstract);
    spdlog::info("{}: summarized from the {} ({} tokens in, {} out)", versioned_id(paper),
                 to_string(input), summary.usage.prompt_tokens, summary.usage.completion_tokens);
    outcome.summary = std::move(summary);
  }

  std::vector<ArchiveRecord>& records_;
  Clock& clock_;
  const SummarizerOptions& options_;
  ProviderClient provider_;
  PoliteHttpClient arxiv_;
  const std::string hash_;
  std::mutex mutex_;  // stats_, stop_reason_
  SummaryStats stats_;
  std::string stop_reason_;
  std::string last_failure_;       // the reason the last failed paper got
  std::size_t same_failures_ = 0;  // papers in a row that failed with it
};

}  // namespace

ProviderOptions provider_options(const SummarizerOptions& options) {
  return ProviderOptions{options.config.base_url, options.api_key,     options.config.api_key_env,
                         options.timeout,         options.max_retries, options.base_backoff,
                         options.max_backoff,     options.jitter_seed};
}

SummaryStats summarize_jobs(std::vector<ArchiveRecord>& records,
                            const std::vector<SummaryJob>& jobs, const std::string& prompt_hash,
                            HttpClient& http, Clock& clock, const SummarizerOptions& options) {
  Summarizer summarizer(records, prompt_hash, http, clock, options);
  return summarizer.run(jobs);
}

namespace {

// One part per distinct reason, in order of first appearance: "2602.1v1: why" for one paper,
// "3 papers (2602.1v1, 2602.2v1, 2602.3v1): why" for several (at most 3 ids shown), so a
// provider that fails every paper alike reads as one line, not fifteen.
std::string grouped_reasons(const std::vector<UnsummarizedPaper>& papers) {
  constexpr std::size_t kIdsShown = 3;
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const auto& paper : papers) {
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const auto& group) { return group.first == paper.reason; });
    if (it == groups.end()) {
      groups.push_back({paper.reason, {}});
      it = groups.end() - 1;
    }
    it->second.push_back(paper.id);
  }
  std::string out;
  for (const auto& [reason, ids] : groups) {
    out += out.empty() ? "" : "; ";
    if (ids.size() == 1) {
      out += ids.front() + ": " + reason;
      continue;
    }
    out += std::to_string(ids.size()) + " papers (";
    for (std::size_t i = 0; i < ids.size() && i < kIdsShown; ++i) {
      out += (i > 0 ? ", " : "") + ids[i];
    }
    out += (ids.size() > kIdsShown ? ", ...): " : "): ") + reason;
  }
  return out;
}

}  // namespace

std::string summary_sentence(const SummaryStats& stats) {
  std::string out = "summaries: " + std::to_string(stats.summarized) + " new, " +
                    std::to_string(stats.cached) + " cached";
  if (!stats.not_summarized.empty()) {
    out += ", " + std::to_string(stats.not_summarized.size()) + " not summarized (" +
           grouped_reasons(stats.not_summarized) + ")";
  }
  if (!stats.notes.empty()) {
    out += ", notes (";
    for (std::size_t i = 0; i < stats.notes.size(); ++i) {
      out += (i > 0 ? "; " : "") + stats.notes[i];
    }
    out += ")";
  }
  out += "; " + std::to_string(stats.prompt_tokens) + " tokens in, " +
         std::to_string(stats.completion_tokens) + " out, " + std::to_string(stats.requests) +
         (stats.requests == 1 ? " request" : " requests");
  if (stats.retries > 0) {
    out += " (" + std::to_string(stats.retries) + " retries)";
  }
  return out;
}

}  // namespace arxiv_digest::app
