// The batch summarizer over FakeHttpClient and FakeClock: a scripted provider that stores the
// uploaded JSONL, answers the batch's polls from a script, and serves output and error files
// built from the uploaded custom_ids. (tests/integration/batch_summarize_test.cpp runs the same
// over libcurl and a loopback server.)

#include "app/batch/batch_summarizer.hpp"

#include <gmock/gmock.h>

#include <deque>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "app/app_fixture.hpp"
#include "app/batch/batch_store.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::make_response;

constexpr const char* kBase = "https://dashscope.aliyuncs.com/compatible-mode/v1";

json completion(const std::string& text) {
  return {{"id", "chatcmpl-1"},
          {"model", "qwen-long"},
          {"choices",
           {{{"index", 0},
             {"message", {{"role", "assistant"}, {"content", text}}},
             {"finish_reason", "stop"}}}},
          {"usage", {{"prompt_tokens", 100}, {"completion_tokens", 30}}}};
}

class BatchSummarizerTest : public testing::AppTest {
 protected:
  std::vector<std::string> uploaded_ids_;  // custom_ids of the uploaded JSONL, in order
  std::deque<std::string> statuses_;       // what each GET /batches/batch_1 answers, in turn
  std::set<std::string> failing_ids_;      // lines that come back in the error file
  int sync_requests_ = 0;
  std::optional<HistoryStore> history_store_;
  BatchSummarizerOptions options_;

  void SetUp() override {
    AppTest::SetUp();
    history_store_ = open_history_store();
    ASSERT_TRUE(history_store_);
    options_.sync.api_key = "sk-test";
    options_.sync.template_source = "Summarize {{title}}";
    options_.sync.config.batch_poll_interval_s = 30;
    options_.sync.config.batch_wait_deadline_s = 300;
    options_.sync.jitter_seed = 7;
    options_.run = "2026-02-12";
    options_.state_path = path("state/batches.json");
    options_.history = &*history_store_;
    http_.set_handler([this](const HttpRequest& request) { return answer(request); });
  }

  Result<HttpResponse> answer(const HttpRequest& request) {
    const std::string route = request.method + " " + request.url.substr(std::string(kBase).size());
    if (route == "POST /files") {
      static const std::regex kCustomId(R"re("custom_id":"([^"]+)")re");
      for (std::sregex_iterator it(request.body.begin(), request.body.end(), kCustomId), end;
           it != end; ++it) {
        uploaded_ids_.push_back((*it)[1]);
      }
      return make_response(200, json{{"id", "file-in"},
                                     {"object", "file"},
                                     {"bytes", 10},
                                     {"purpose", "batch"},
                                     {"filename", "in.jsonl"}}
                                    .dump());
    }
    if (route == "POST /batches") {
      return make_response(200, batch("validating").dump());
    }
    if (route == "GET /batches/batch_1") {
      const std::string status = statuses_.empty() ? "in_progress" : statuses_.front();
      if (!statuses_.empty()) {
        statuses_.pop_front();
      }
      return make_response(200, batch(status).dump());
    }
    if (route == "GET /files/file-out/content" || route == "GET /files/file-err/content") {
      return make_response(200, result_lines(route.find("file-err") != std::string::npos));
    }
    if (request.method == "DELETE") {
      return make_response(200, R"({"id":"x","object":"file","deleted":true})");
    }
    if (route == "POST /chat/completions") {
      ++sync_requests_;
      return make_response(200, completion("Sync summary.").dump());
    }
    return make_response(404, "unscripted " + route);
  }

  json batch(const std::string& status) const {
    json b = {{"id", "batch_1"},
              {"object", "batch"},
              {"endpoint", "/v1/chat/completions"},
              {"status", status},
              {"input_file_id", "file-in"},
              {"completion_window", "24h"},
              {"created_at", 1770854400}};
    if (status == "completed") {
      b["output_file_id"] = "file-out";
      if (!failing_ids_.empty()) {
        b["error_file_id"] = "file-err";
      }
    }
    return b;
  }

  std::string result_lines(bool errors) const {
    std::string out;
    for (const auto& id : uploaded_ids_) {
      if ((failing_ids_.count(id) > 0) != errors) {
        continue;
      }
      const json line = errors
                            ? json{{"id", "r-" + id},
                                   {"custom_id", id},
                                   {"response", nullptr},
                                   {"error", {{"code", "server_error"}, {"message", "try again"}}}}
                            : json{{"id", "r-" + id},
                                   {"custom_id", id},
                                   {"response",
                                    {{"status_code", 200},
                                     {"request_id", "r-" + id},
                                     {"body", completion("Batch summary of " + id + ".")}}},
                                   {"error", nullptr}};
      out += line.dump() + "\n";
    }
    return out;
  }

  SummaryStats summarize(std::vector<ArchiveRecord>& records) {
    const auto no_cache = [](const SummaryKey&) {
      return Result<std::optional<Summary>>(std::optional<Summary>());
    };
    auto plan =
        plan_summaries(records, no_cache, options_.sync.config, options_.sync.template_source);
    EXPECT_OK(plan);
    return summarize_in_batches(records, *plan, ports_, options_);
  }

  std::vector<PendingBatch> pending() {
    auto loaded = BatchStore(fs_, options_.state_path, *history_store_).load();
    EXPECT_OK(loaded);
    return loaded ? *loaded : std::vector<PendingBatch>{};
  }
};

TEST_F(BatchSummarizerTest, SubmitsPollsOnTheClockAndCollectsEveryPaper) {
  statuses_ = {"validating", "in_progress", "completed"};
  auto records = testing::ranked_records(3);
  const SummaryStats stats = summarize(records);

  EXPECT_THAT(uploaded_ids_, ElementsAre("2602.10001v1", "2602.10002v1", "2602.10003v1"));
  EXPECT_EQ(stats.summarized, 3u);
  EXPECT_THAT(stats.not_summarized, IsEmpty());
  ASSERT_TRUE(records[1].summary);
  EXPECT_EQ(records[1].summary->text, "Batch summary of 2602.10002v1.");
  EXPECT_EQ(sync_requests_, 0);
  // Three polls, each after the configured interval on the Clock.
  EXPECT_THAT(clock_.sleeps(),
              ElementsAre(milliseconds(30000), milliseconds(30000), milliseconds(30000)));
  EXPECT_THAT(pending(), IsEmpty());
  EXPECT_THAT(batch_summary_sentence(stats), HasSubstr("batch: 1 submitted, 1 collected"));
}

TEST_F(BatchSummarizerTest, WithoutWaitingTheBatchIsSavedBeforeAnyPollAndItsPapersArePending) {
  options_.wait = false;
  auto records = testing::ranked_records(2);
  const SummaryStats stats = summarize(records);

  EXPECT_THAT(clock_.sleeps(), IsEmpty());
  EXPECT_EQ(stats.summarized, 0u);
  EXPECT_EQ(stats.batch.pending, 2u);
  const auto saved = pending();
  ASSERT_EQ(saved.size(), 1u);
  EXPECT_EQ(saved[0].id, "batch_1");
  EXPECT_THAT(saved[0].custom_ids, ElementsAre("2602.10001v1", "2602.10002v1"));
  for (const auto& request : http_.requests()) {
    EXPECT_NE(request.method + " " + request.url, std::string("GET ") + kBase + "/batches/batch_1");
  }
}

TEST_F(BatchSummarizerTest, FailedLinesAreSentAgainInSyncMode) {
  statuses_ = {"completed"};
  failing_ids_ = {"2602.10002v1"};
  auto records = testing::ranked_records(3);
  const SummaryStats stats = summarize(records);

  EXPECT_EQ(stats.summarized, 3u);
  EXPECT_EQ(sync_requests_, 1);
  ASSERT_TRUE(records[1].summary);
  EXPECT_EQ(records[1].summary->text, "Sync summary.");
  EXPECT_EQ(records[0].summary->text, "Batch summary of 2602.10001v1.");
}

TEST_F(BatchSummarizerTest, WithoutFallbackFailedLinesAreLeftForTheNextBatch) {
  options_.sync.config.batch_fallback_to_sync = false;
  statuses_ = {"completed"};
  failing_ids_ = {"2602.10002v1"};
  auto records = testing::ranked_records(3);
  const SummaryStats stats = summarize(records);

  EXPECT_EQ(sync_requests_, 0);
  EXPECT_EQ(stats.summarized, 2u);
  ASSERT_EQ(stats.not_summarized.size(), 1u);
  EXPECT_EQ(stats.not_summarized[0].id, "2602.10002v1");
  EXPECT_THAT(stats.not_summarized[0].reason, HasSubstr("batch_1"));
}

TEST_F(BatchSummarizerTest, PastTheDeadlineTheBatchStaysPendingForTheNextRun) {
  options_.sync.config.batch_wait_deadline_s = 60;  // two polls, then stop waiting
  auto records = testing::ranked_records(2);
  const SummaryStats stats = summarize(records);

  EXPECT_EQ(stats.summarized, 0u);
  EXPECT_EQ(stats.batch.pending, 2u);
  EXPECT_LE(clock_.total_slept(), milliseconds(90000));
  ASSERT_EQ(pending().size(), 1u);
}

}  // namespace
}  // namespace arxiv_digest::app
