#include "app/summarizer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

#include "arxiv_digest/chat_codec.hpp"
#include "arxiv_digest/summary_prompt.hpp"
#include "core/date.hpp"

namespace arxiv_digest::app {
namespace {

using std::chrono::milliseconds;

// One paper to summarize: its record and its rendered prompt.
struct Job {
  std::size_t record = 0;
  std::string prompt;
};

// What one paper's requests came to.
struct Outcome {
  std::optional<Summary> summary;
  std::string reason;  // when no summary
  bool unauthorized = false;
  std::size_t requests = 0;
  std::size_t retries = 0;
  Usage usage;
  std::string note;
};

std::string redact(std::string text, const std::string& key) {
  if (key.empty()) {
    return text;
  }
  for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at)) {
    text.replace(at, key.size(), "[REDACTED]");
  }
  return text;
}

bool retryable_status(int status) {
  return status == 408 || status == 409 || status == 429 || (status >= 500 && status <= 599);
}

std::optional<milliseconds> retry_after_ms(const HttpResponse& response) {
  const auto it = response.headers.find("retry-after-ms");
  if (it == response.headers.end()) {
    return std::nullopt;
  }
  double value = 0;
  const std::string& text = it->second;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) {
    return std::nullopt;
  }
  return milliseconds(static_cast<long long>(value + 0.999));
}

class Summarizer {
 public:
  Summarizer(std::vector<ArchiveRecord>& records, HttpClient& http, Clock& clock,
             const SummarizerOptions& options)
      : records_(records),
        http_(http),
        clock_(clock),
        options_(options),
        hash_(prompt_hash(options.template_source, options.config.model, options.config.format)),
        jitter_(options.jitter_seed != 0 ? options.jitter_seed : std::random_device{}()) {}

  SummaryStats run(const std::vector<ArchiveRecord>& cache) {
    std::vector<Job> jobs = plan(cache);
    const std::size_t workers = std::min<std::size_t>(
        jobs.size(), static_cast<std::size_t>(std::max(1, options_.config.max_workers)));
    std::vector<std::optional<Outcome>> outcomes(jobs.size());
    std::size_t next = 0;
    auto work = [&] {
      for (;;) {
        std::size_t index = 0;
        {
          std::lock_guard lock(mutex_);
          if (stop_ || over_budget_locked() || next == jobs.size()) {
            return;
          }
          index = next++;
        }
        Outcome outcome = summarize(jobs[index]);
        std::lock_guard lock(mutex_);
        stats_.requests += outcome.requests;
        stats_.retries += outcome.retries;
        stats_.prompt_tokens += outcome.usage.prompt_tokens;
        stats_.completion_tokens += outcome.usage.completion_tokens;
        stop_ = stop_ || outcome.unauthorized;
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
  // The top papers without a cached summary, prompts rendered here (mstch is not thread-safe).
  std::vector<Job> plan(const std::vector<ArchiveRecord>& cache) {
    const auto& config = options_.config;
    std::vector<Job> jobs;
    int taken = 0;
    for (std::size_t i = 0; i < records_.size(); ++i) {
      ArchiveRecord& record = records_[i];
      if (!record.rank || taken >= config.max_papers_to_summarize) {
        continue;
      }
      ++taken;
      if (const Summary* hit = lookup(record, cache)) {
        record.summary = *hit;
        ++stats_.cached;
        continue;
      }
      auto prompt = render_prompt(options_.template_source, record.paper);
      if (!prompt) {
        stats_.not_summarized.push_back({versioned_id(record.paper), prompt.error().message});
        continue;
      }
      jobs.push_back({i, std::move(prompt.value())});
    }
    return jobs;
  }

  const Summary* lookup(const ArchiveRecord& record, const std::vector<ArchiveRecord>& cache) {
    auto matches = [&](const ArchiveRecord& old) {
      return old.summary && old.paper.id == record.paper.id &&
             old.paper.version == record.paper.version &&
             old.summary->model == options_.config.model && old.summary->prompt_hash == hash_ &&
             old.summary->input_mode == options_.config.input;
    };
    if (matches(record)) {
      return &*record.summary;
    }
    const auto it = std::find_if(cache.begin(), cache.end(), matches);
    return it == cache.end() ? nullptr : &*it->summary;
  }

  bool over_budget_locked() const {
    const long long budget = options_.config.max_tokens_per_run;
    return budget > 0 && stats_.prompt_tokens + stats_.completion_tokens >= budget;
  }

  void collect(const std::vector<Job>& jobs, std::vector<std::optional<Outcome>>& outcomes) {
    const std::string& env = options_.config.api_key_env;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      ArchiveRecord& record = records_[jobs[i].record];
      const std::string id = versioned_id(record.paper);
      if (!outcomes[i]) {
        stats_.not_summarized.push_back(
            {id, stop_ ? "not sent: the endpoint rejected the key in " + env + " (HTTP 401)"
                       : std::string("budget")});
        continue;
      }
      Outcome& outcome = *outcomes[i];
      if (!outcome.note.empty()) {
        stats_.notes.push_back(id + ": " + outcome.note);
      }
      if (outcome.summary) {
        record.summary = std::move(outcome.summary);
        ++stats_.summarized;
      } else {
        stats_.not_summarized.push_back({id, outcome.reason});
      }
    }
  }

  HttpRequest http_request(const ChatRequest& chat) const {
    HttpRequest request;
    request.method = "POST";
    std::string base = options_.config.base_url;
    while (!base.empty() && base.back() == '/') {
      base.pop_back();
    }
    request.url = base + "/chat/completions";
    request.headers = {{"Authorization", "Bearer " + options_.api_key},
                       {"Content-Type", "application/json"},
                       {"Accept", "application/json"}};
    request.body = write_chat_request(chat);
    request.timeout = options_.timeout;
    return request;
  }

  milliseconds backoff(int retry) {
    const auto cap = std::min<long long>(options_.max_backoff.count(),
                                         options_.base_backoff.count() << std::min(retry - 1, 20));
    std::lock_guard lock(jitter_mutex_);
    std::uniform_int_distribution<long long> pick(cap / 2, cap);
    return milliseconds(pick(jitter_));
  }

  // One chat exchange with retries. On failure, `outcome.reason` says why.
  Result<ChatCompletion> exchange(const ChatRequest& chat, Outcome& outcome) {
    const HttpRequest request = http_request(chat);
    for (int attempt = 0;; ++attempt) {
      ++outcome.requests;
      auto response = http_.send(request);
      std::optional<milliseconds> wait;
      Error error;
      if (!response) {
        error = response.error();
        if (error.code != ErrorCode::timeout && error.code != ErrorCode::network) {
          return error;
        }
      } else {
        auto parsed = parse_chat_response(response->status, response->body);
        if (parsed) {
          outcome.usage.prompt_tokens += parsed->usage.prompt_tokens;
          outcome.usage.completion_tokens += parsed->usage.completion_tokens;
          return parsed;
        }
        error = parsed.error();
        if (response->status == 401) {
          outcome.unauthorized = true;
          return Error{ErrorCode::http_status,
                       "the endpoint rejected the key in " + options_.config.api_key_env +
                           " (HTTP 401); set " + options_.config.api_key_env + " to a valid key"};
        }
        if (error.code == ErrorCode::quota || !retryable_status(response->status)) {
          return error;
        }
        wait = retry_after_ms(*response);
        if (!wait) {
          if (const auto it = response->headers.find("retry-after");
              it != response->headers.end()) {
            wait = parse_retry_after(it->second, clock_.now());
          }
        }
      }
      if (attempt >= options_.max_retries) {
        error.message += " (gave up after " + std::to_string(attempt + 1) + " attempts)";
        return error;
      }
      const milliseconds delay = wait ? *wait : backoff(attempt + 1);
      spdlog::warn("summary request: {}; retrying in {:.1f} s (attempt {} of {})",
                   redact(error.message, options_.api_key), delay.count() / 1000.0, attempt + 2,
                   options_.max_retries + 1);
      ++outcome.retries;
      clock_.sleep(delay);
    }
  }

  Outcome summarize(const Job& job) {
    Outcome outcome;
    const auto& config = options_.config;
    const Paper& paper = records_[job.record].paper;
    const ChatRequest chat = summary_request(config, job.prompt);
    auto answer = exchange(chat, outcome);
    if (!answer) {
      outcome.reason = redact(answer.error().message, options_.api_key);
      spdlog::warn("{}: not summarized: {}", versioned_id(paper), outcome.reason);
      return outcome;
    }
    Summary summary;
    summary.model = config.model;
    summary.prompt_hash = hash_;
    summary.input_mode = config.input;
    summary.created_at = iso8601_utc(clock_.now());
    if (config.format == "fields") {
      auto fields = parse_summary_fields(answer->content);
      if (!fields) {
        const std::string problem = fields.error().message;
        auto again = exchange(fields_reask(chat, answer->content, problem), outcome);
        if (again) {
          fields = parse_summary_fields(again->content);
        }
      }
      if (fields) {
        summary.text = fields_markdown(*fields);
        summary.fields = std::move(fields.value());
      } else {
        outcome.note = "the fields answer was not valid JSON twice; kept as text";
      }
    }
    if (!summary.fields) {
      summary.text = answer->content;
    }
    const auto last = summary.text.find_last_not_of(" \t\r\n");
    summary.text.erase(last == std::string::npos ? 0 : last + 1);
    if (summary.text.empty()) {
      outcome.reason = "the model returned an empty answer (finish_reason " +
                       (answer->finish_reason.empty() ? "none" : answer->finish_reason) + ")";
      return outcome;
    }
    summary.usage = outcome.usage;
    spdlog::info("{}: summarized ({} tokens in, {} out)", versioned_id(paper),
                 summary.usage.prompt_tokens, summary.usage.completion_tokens);
    outcome.summary = std::move(summary);
    return outcome;
  }

  std::vector<ArchiveRecord>& records_;
  HttpClient& http_;
  Clock& clock_;
  const SummarizerOptions& options_;
  const std::string hash_;
  std::mutex mutex_;  // stats_, stop_
  SummaryStats stats_;
  bool stop_ = false;
  std::mutex jitter_mutex_;
  std::mt19937 jitter_;
};

}  // namespace

SummaryStats summarize_records(std::vector<ArchiveRecord>& records,
                               const std::vector<ArchiveRecord>& cache, HttpClient& http,
                               Clock& clock, const SummarizerOptions& options) {
  Summarizer summarizer(records, http, clock, options);
  return summarizer.run(cache);
}

std::string summary_sentence(const SummaryStats& stats) {
  std::string out = "summaries: " + std::to_string(stats.summarized) + " new, " +
                    std::to_string(stats.cached) + " cached";
  if (!stats.not_summarized.empty()) {
    out += ", " + std::to_string(stats.not_summarized.size()) + " not summarized (";
    for (std::size_t i = 0; i < stats.not_summarized.size(); ++i) {
      out +=
          (i > 0 ? "; " : "") + stats.not_summarized[i].id + ": " + stats.not_summarized[i].reason;
    }
    out += ")";
  }
  if (!stats.notes.empty()) {
    out += ", " + std::to_string(stats.notes.size()) + " kept as text (invalid fields JSON)";
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
