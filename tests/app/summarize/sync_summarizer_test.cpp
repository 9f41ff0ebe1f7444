// The sync summarizer over FakeHttpClient and FakeClock: concurrency cap, retries and their
// delays, 401 stop, quota, budget, the cache, fields re-ask, and the key kept out of messages.

#include "app/summarize/sync_summarizer.hpp"

#include <gmock/gmock.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>

#include "arxiv_digest/summary_prompt.hpp"
#include "fakes/fake_clock.hpp"
#include "fakes/fake_http_client.hpp"
#include "support/log_capture.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

using std::chrono::milliseconds;
using testing::FakeClock;
using testing::FakeHttpClient;
using testing::make_response;
using testing::ranked_records;

constexpr const char* kKey = "sk-test-SECRET-0123456789";

std::string completion_body(const std::string& content, int in = 100, int out = 50) {
  return nlohmann::json{{"id", "chatcmpl-1"},
                        {"choices",
                         {{{"index", 0},
                           {"message", {{"role", "assistant"}, {"content", content}}},
                           {"finish_reason", "stop"}}}},
                        {"usage", {{"prompt_tokens", in}, {"completion_tokens", out}}}}
      .dump();
}

// A summary cache over earlier records (the history store's role in a run).
SummaryLookup lookup_in(const std::vector<ArchiveRecord>& cache) {
  return [&cache](const SummaryKey& key) -> Result<std::optional<Summary>> {
    for (const auto& record : cache) {
      if (record.summary &&
          key == SummaryKey{record.paper.id, record.paper.version, record.summary->model,
                            record.summary->prompt_hash, record.summary->input_mode}) {
        return std::optional<Summary>(record.summary);
      }
    }
    return std::optional<Summary>();
  };
}

class SummarizerTest : public ::testing::Test {
 protected:
  FakeClock clock_;
  FakeHttpClient http_;
  SummarizerOptions options_;
  testing::LogCapture log_;

  void SetUp() override {
    options_.api_key = kKey;
    options_.template_source = "Summarize {{title}}: {{abstract}}";
    options_.jitter_seed = 7;
    options_.config.max_workers = 3;
    options_.config.max_papers_to_summarize = 15;
  }
  void TearDown() override {
    EXPECT_THAT(log_.text(), ::testing::Not(::testing::HasSubstr(kKey)))
        << "the key leaked into the log";
  }

  SummaryStats summarize(std::vector<ArchiveRecord>& records,
                         const std::vector<ArchiveRecord>& cache = {}) {
    auto plan =
        plan_summaries(records, lookup_in(cache), options_.config, options_.template_source);
    EXPECT_TRUE(plan) << plan.error().message;
    if (!plan) {
      return {};
    }
    SummaryStats stats =
        summarize_jobs(records, plan->jobs, plan->prompt_hash, http_, clock_, options_);
    add_plan(stats, *plan);
    EXPECT_THAT(summary_sentence(stats), ::testing::Not(::testing::HasSubstr(kKey)));
    for (const auto& paper : stats.not_summarized) {
      EXPECT_THAT(paper.reason, ::testing::Not(::testing::HasSubstr(kKey)));
    }
    return stats;
  }
};

TEST_F(SummarizerTest, SummarizesTheTopWithTheKeyAsBearer) {
  http_.set_handler([](const HttpRequest&) -> Result<HttpResponse> {
    return make_response(200, completion_body("A **short** summary.\n"));
  });
  auto records = ranked_records(4);
  options_.config.max_papers_to_summarize = 3;
  const SummaryStats stats = summarize(records);
  EXPECT_EQ(stats.summarized, 3u);
  EXPECT_EQ(stats.requests, 3u);
  EXPECT_EQ(stats.prompt_tokens, 300);
  EXPECT_EQ(stats.completion_tokens, 150);
  EXPECT_TRUE(stats.not_summarized.empty());
  ASSERT_TRUE(records[0].summary);
  EXPECT_EQ(records[0].summary->text, "A **short** summary.");
  EXPECT_EQ(records[0].summary->model, "qwen-long");
  EXPECT_EQ(records[0].summary->input_mode, "abstract");
  EXPECT_EQ(records[0].summary->prompt_hash,
            prompt_hash(options_.template_source, "qwen-long", SummaryFormat::markdown));
  EXPECT_EQ(records[0].summary->usage, (Usage{100, 50}));
  EXPECT_EQ(records[0].summary->created_at, "2026-02-12T00:00:00Z");
  EXPECT_FALSE(records[3].summary);  // below the top 3

  const auto requests = http_.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].url, "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions");
  EXPECT_EQ(requests[0].headers.at("Authorization"), std::string("Bearer ") + kKey);
  const auto body = nlohmann::json::parse(requests[0].body);
  EXPECT_EQ(body["model"], "qwen-long");
  EXPECT_EQ(body["messages"][1]["content"].get<std::string>().rfind("Summarize Paper ", 0), 0u);
  EXPECT_EQ(summary_sentence(stats),
            "summaries: 3 new, 0 cached; 300 tokens in, 150 out, 3 requests");
}

TEST_F(SummarizerTest, NeverMoreThanMaxWorkersInFlight) {
  std::mutex mutex;
  std::condition_variable changed;
  int in_flight = 0;
  int peak = 0;
  bool filled = false;
  http_.set_handler([&](const HttpRequest&) -> Result<HttpResponse> {
    std::unique_lock lock(mutex);
    ++in_flight;
    peak = std::max(peak, in_flight);
    filled = filled || in_flight >= 3;
    changed.notify_all();
    // The first requests are held until three overlap, proving the pool fills up; after that
    // nothing waits, and `peak` shows it never holds more. (The timeout only ends a broken run.)
    changed.wait_for(lock, std::chrono::seconds(5), [&] { return filled; });
    lock.unlock();
    auto response = make_response(200, completion_body("ok"));
    lock.lock();
    --in_flight;
    return response;
  });
  auto records = ranked_records(15);
  const SummaryStats stats = summarize(records);
  EXPECT_EQ(stats.summarized, 15u);
  EXPECT_EQ(peak, 3);
  EXPECT_EQ(http_.request_count(), 15u);
}

TEST_F(SummarizerTest, RetriesHonorRetryAfterMsThenRetryAfterThenBackoff) {
  http_.push(429, R"({"error":{"message":"slow down","code":"rate_limit_exceeded"}})",
             {{"retry-after-ms", "1500"}, {"retry-after", "9"}});
  http_.push(503, "Service Unavailable", {{"retry-after", "4"}});
  http_.push(Error{ErrorCode::timeout, "POST https://x/chat/completions: timed out"});
  http_.push(500, "{}");
  http_.push(408, "");
  http_.push(409, "");
  http_.push(200, completion_body("finally"));
  options_.max_retries = 6;
  auto records = ranked_records(1);
  const SummaryStats stats = summarize(records);
  EXPECT_EQ(stats.summarized, 1u);
  EXPECT_EQ(stats.requests, 7u);
  EXPECT_EQ(stats.retries, 6u);
  const auto sleeps = clock_.sleeps();
  ASSERT_EQ(sleeps.size(), 6u);
  EXPECT_EQ(sleeps[0], milliseconds(1500));  // retry-after-ms wins over retry-after
  EXPECT_EQ(sleeps[1], milliseconds(4000));
  // Backoff with equal jitter: retry r waits within [cap/2, cap], cap = 1 s * 2^(r-1).
  for (std::size_t r = 3; r <= 6; ++r) {
    const long long cap = 1000LL << (r - 1);
    EXPECT_GE(sleeps[r - 1].count(), cap / 2) << r;
    EXPECT_LE(sleeps[r - 1].count(), cap) << r;
  }
}

TEST_F(SummarizerTest, GivesUpAfterMaxRetriesAndReportsWhy) {
  http_.set_handler([](const HttpRequest&) -> Result<HttpResponse> {
    return make_response(500, R"({"error":{"message":"boom","type":"server_error"}})");
  });
  options_.max_retries = 2;
  auto records = ranked_records(1);
  const SummaryStats stats = summarize(records);
  EXPECT_EQ(stats.requests, 3u);
  ASSERT_EQ(stats.not_summarized.size(), 1u);
  EXPECT_EQ(stats.not_summarized[0].id, "2602.10001v1");
  EXPECT_EQ(stats.not_summarized[0].reason,
            "HTTP 500: boom (server_error) (gave up after 3 attempts)");
  EXPECT_FALSE(records[0].summary);
}

TEST_F(SummarizerTest, NoRetryOn400403404OrQuota) {
  for (const int status : {400, 403, 404}) {
    http_.push(status, R"({"error":{"message":"no","code":"bad"}})");
  }
  http_.push(429,
             R"({"error":{"message":"You exceeded your current quota.",)"
             R"("type":"insufficient_quota","code":"insufficient_quota"}})",
             {{"retry-after-ms", "10"}});
  options_.config.max_workers = 1;
  auto records = ranked_records(4);
  const SummaryStats stats = summarize(records);
  EXPECT_EQ(http_.request_count(), 4u);
  EXPECT_TRUE(clock_.sleeps().empty());
  ASSERT_EQ(stats.not_summarized.size(), 4u);
  EXPECT_EQ(stats.not_summarized[0].reason, "HTTP 400: no (bad)");
  EXPECT_EQ(stats.not_summarized[3].reason,
            "HTTP 429: You exceeded your current quota. (insufficient_quota)");
}

TEST_F(SummarizerTest, A401StopsEverythingAndNamesTheVariable) {
  http_.push(401, R"({"error":{"message":"Incorrect API key provided: )" + std::string(kKey) +
                      R"(","code":"invalid_api_key"}})");
  options_.config.max_workers = 1;
  auto records = ranked_records(5);
  const SummaryStats stats = summarize(records);
  EXPECT_EQ(http_.request_count(), 1u);
  ASSERT_EQ(stats.not_summarized.size(), 5u);
  EXPECT_EQ(stats.not_summarized[0].reason,
            "the endpoint rejected the key in DASHSCOPE_API_KEY (HTTP 401); set "
            "DASHSCOPE_API_KEY to a valid key");
  for (std::size_t i = 1; i < 5; ++i) {
    EXPECT_EQ(stats.not_summarized[i].reason,
              "not sent: the endpoint rejected the key in DASHSCOPE_API_KEY (HTTP 401)");
  }
}

TEST_F(SummarizerTest, AProviderFailingEveryPaperAlikeIsGivenUpAfterThree) {
  http_.set_handler([](const HttpRequest&) -> Result<HttpResponse> {
    return make_response(500, R"({"error":{"message":"boom","type":"server_error"}})");
  });
  options_.config.max_workers = 1;
  auto records = ranked_records(15);
  const SummaryStats stats = summarize(records);
  EXPECT_EQ(stats.requests, 15u);  // 3 papers × 5 attempts, not 15 × 5
  ASSERT_EQ(stats.not_summarized.size(), 15u);
  const std::string failed = "HTTP 500: boom (server_error) (gave up after 5 attempts)";
  EXPECT_EQ(stats.not_summarized[2], (UnsummarizedPaper{"2602.10003v1", failed}));
  EXPECT_EQ(stats.not_summarized[3],
            (UnsummarizedPaper{
                "2602.10004v1",
                "not sent: stopped after 3 papers in a row failed alike (" + failed + ")"}));
  EXPECT_THAT(summary_sentence(stats),
              ::testing::HasSubstr("15 not summarized (3 papers (2602.10001v1, 2602.10002v1, "
                                   "2602.10003v1): " +
                                   failed +
                                   "; 12 papers (2602.10004v1, 2602.10005v1, "
                                   "2602.10006v1, ...): not sent: stopped after 3"));
}

TEST_F(SummarizerTest, AnInterruptKeepsWhatArrivedAndSendsNothingMore) {
  int calls = 0;
  http_.set_handler([&](const HttpRequest& request) -> Result<HttpResponse> {
    if (++calls <= 2) {
      return make_response(200, completion_body("kept"));
    }
    return Error{ErrorCode::interrupted, "POST " + request.url + ": interrupted by SIGTERM"};
  });
  options_.config.max_workers = 1;
  auto records = ranked_records(5);
  const SummaryStats stats = summarize(records);
  EXPECT_EQ(stats.requests, 3u);  // an interrupt is not retried
  EXPECT_EQ(stats.summarized, 2u);
  ASSERT_TRUE(records[1].summary);
  EXPECT_EQ(records[1].summary->text, "kept");
  ASSERT_EQ(stats.not_summarized.size(), 3u);
  EXPECT_THAT(stats.not_summarized[0].reason, ::testing::HasSubstr("interrupted by SIGTERM"));
  EXPECT_EQ(stats.not_summarized[2], (UnsummarizedPaper{"2602.10005v1", "not sent: interrupted"}));
}

TEST_F(SummarizerTest, WithWorkersInParallelADeadProviderStillStopsEarly) {
  http_.set_handler([](const HttpRequest&) -> Result<HttpResponse> {
    return make_response(500, R"({"error":{"message":"boom","type":"server_error"}})");
  });
  auto records = ranked_records(15);  // max_workers 3
  const SummaryStats stats = summarize(records);
  EXPECT_LE(stats.requests, 25u);  // the 3 that failed alike, and at most 2 already in flight
  EXPECT_EQ(stats.not_summarized.size(), 15u);
}

TEST_F(SummarizerTest, ASuccessOrAnotherReasonInBetweenKeepsGoing) {
  options_.max_retries = 0;
  options_.config.max_workers = 1;
  for (const int status : {500, 500, 200, 500, 500, 502, 500}) {
    if (status == 200) {
      http_.push(200, completion_body("ok"));
    } else {
      http_.push(status, R"({"error":{"message":"boom","type":"server_error"}})");
    }
  }
  auto records = ranked_records(7);
  const SummaryStats stats = summarize(records);
  EXPECT_EQ(http_.request_count(), 7u);
  EXPECT_EQ(stats.summarized, 1u);
  EXPECT_EQ(stats.not_summarized.size(), 6u);
}

TEST_F(SummarizerTest, BudgetStopsStartingNewPapers) {
  http_.set_handler([](const HttpRequest&) -> Result<HttpResponse> {
    return make_response(200, completion_body("ok", 300, 100));
  });
  options_.config.max_workers = 1;
  options_.config.max_tokens_per_run = 1000;  // reached after the third paper (1200)
  auto records = ranked_records(5);
  const SummaryStats stats = summarize(records);
  EXPECT_EQ(stats.summarized, 3u);
  EXPECT_EQ(http_.request_count(), 3u);
  ASSERT_EQ(stats.not_summarized.size(), 2u);
  EXPECT_EQ(stats.not_summarized[0], (UnsummarizedPaper{"2602.10004v1", "budget"}));
  EXPECT_EQ(stats.not_summarized[1], (UnsummarizedPaper{"2602.10005v1", "budget"}));
}

TEST_F(SummarizerTest, CacheHitsMakeZeroRequests) {
  http_.set_handler([](const HttpRequest&) -> Result<HttpResponse> {
    return make_response(200, completion_body("fresh"));
  });
  auto first = ranked_records(3);
  (void)summarize(first);
  ASSERT_EQ(http_.request_count(), 3u);

  // A later run: yesterday's records are the cache (a record may also carry its own).
  auto again = ranked_records(3);
  const SummaryStats stats = summarize(again, first);
  EXPECT_EQ(http_.request_count(), 3u);
  EXPECT_EQ(stats.cached, 3u);
  EXPECT_EQ(stats.requests, 0u);
  EXPECT_EQ(again[1].summary, first[1].summary);

  // A new version, another model or another prompt misses.
  auto changed = ranked_records(3);
  changed[0].paper.version = 2;
  options_.template_source += " (v2)";
  const SummaryStats missed = summarize(changed, first);
  EXPECT_EQ(missed.cached, 0u);
  EXPECT_EQ(http_.request_count(), 6u);
}

TEST_F(SummarizerTest, FieldsFormatReasksOnceThenFallsBackToText) {
  options_.config.format = SummaryFormat::fields;
  options_.config.max_workers = 1;
  const std::string good =
      R"({"tldr":"T","motivation":"M","method":"Me","result":"R","conclusion":"C"})";
  http_.push(200, completion_body("```json\n" + good + "\n```"));  // paper 1: fenced, fine
  http_.push(200, completion_body("not json"));                    // paper 2: bad...
  http_.push(200, completion_body(good));                          // ...fixed on re-ask
  http_.push(200, completion_body("Plain words about paper 3."));  // paper 3: bad...
  http_.push(200, completion_body(R"({"tldr":"only this"})"));     // ...still bad
  auto records = ranked_records(3);
  const SummaryStats stats = summarize(records);
  EXPECT_EQ(stats.summarized, 3u);
  EXPECT_EQ(stats.requests, 5u);
  ASSERT_TRUE(records[0].summary && records[0].summary->fields);
  EXPECT_EQ(records[0].summary->fields->tldr, "T");
  EXPECT_EQ(records[0].summary->text.rfind("**TL;DR**: T", 0), 0u);
  ASSERT_TRUE(records[1].summary && records[1].summary->fields);
  EXPECT_EQ(records[1].summary->usage, (Usage{200, 100}));  // both exchanges count
  ASSERT_TRUE(records[2].summary);
  EXPECT_FALSE(records[2].summary->fields);
  EXPECT_EQ(records[2].summary->text, "Plain words about paper 3.");
  ASSERT_EQ(stats.notes.size(), 1u);
  EXPECT_EQ(stats.notes[0],
            "2602.10003v1: the fields answer was not valid JSON twice; kept as text");

  const auto requests = http_.requests();
  const auto reask = nlohmann::json::parse(requests[2].body);
  EXPECT_EQ(reask["response_format"]["type"], "json_object");
  ASSERT_EQ(reask["messages"].size(), 4u);
  EXPECT_THAT(reask["messages"][3]["content"].get<std::string>(),
              ::testing::HasSubstr("not valid JSON"));
}

TEST_F(SummarizerTest, ConnectionErrorsRetryAndNonJsonIsReported) {
  http_.push(Error{ErrorCode::network, "POST https://x/chat/completions: connection reset"});
  http_.push(200, completion_body("after reset"));
  http_.push(200, "<html>proxy error</html>");
  options_.config.max_workers = 1;
  auto records = ranked_records(2);
  const SummaryStats stats = summarize(records);
  EXPECT_EQ(stats.summarized, 1u);
  ASSERT_EQ(stats.not_summarized.size(), 1u);
  EXPECT_EQ(stats.not_summarized[0].reason, "response is not JSON: \"<html>proxy error</html>\"");
}

TEST_F(SummarizerTest, EmptyAnswerIsNotASummary) {
  http_.push(200, completion_body(""));
  auto records = ranked_records(1);
  const SummaryStats stats = summarize(records);
  ASSERT_EQ(stats.not_summarized.size(), 1u);
  EXPECT_EQ(stats.not_summarized[0].reason,
            "the model returned an empty answer (finish_reason stop)");
}

}  // namespace
}  // namespace arxiv_digest::app
