// Batch mode end to end: `arxiv-digest run` and `arxiv-digest batch ...` over the real
// libcurl client and the real file system against FakeBatchServer (/files, /batches,
// /chat/completions on 127.0.0.1). Every poll interval and backoff is a FakeClock sleep.
#include <gmock/gmock.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "app/commands/batch_command.hpp"
#include "app/commands/run_command.hpp"
#include "arxiv_digest/archive.hpp"
#include "db/sqlite_history_index.hpp"
#include "fakes/fake_clock.hpp"
#include "fakes/fake_mail_sender.hpp"
#include "fakes/fake_stop.hpp"
#include "io/real_file_system.hpp"
#include "net/curl_http_client.hpp"
#include "support/fake_batch_server.hpp"
#include "support/feed_builder.hpp"
#include "support/scoped_temp_dir.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr const char* kKey = "sk-batch-SENTINEL-NEVER-WRITTEN-7";
constexpr int kPapers = 40;

std::string paper_id(int i) { return "2602." + std::to_string(20000 + i) + "v1"; }

class BatchRun : public ::testing::Test {
 protected:
  testing::ScopedTempDir dir_;
  testing::FakeBatchServer server_{kKey};
  net::CurlHttpClient http_;
  io::RealFileSystem fs_;
  testing::FakeClock clock_;
  db::SqliteHistoryIndex history_{clock_};
  testing::FakeMailSender mail_;
  testing::FakeStop stop_;
  Ports ports_{http_, fs_, clock_, history_, mail_, stop_};

  void SetUp() override {
    server_.start();
    std::vector<testing::FeedItem> items;
    for (int i = 1; i <= kPapers; ++i) {
      items.push_back({"2602." + std::to_string(20000 + i),
                       1,
                       "LLM paper " + std::to_string(i),
                       "We study LLM number " + std::to_string(i) + ".",
                       {"cs.CL"},
                       "new"});
    }
    ASSERT_OK(
        fs_.write_atomic(dir_ / "feeds/cs.CL.xml",
                         testing::rss_feed("cs.CL", "Thu, 12 Feb 2026 00:00:00 -0500", items)));
    write_config();
  }

  void TearDown() override {
    server_.stop();
    // The key is in no file the runs wrote and in no uploaded batch input.
    for (const char* file :
         {"README.md", "data/2026-02-12.jsonl", "state/last_run.json", "state/batches.json"}) {
      EXPECT_THAT(read(file), ::testing::Not(::testing::HasSubstr(kKey))) << file;
    }
    for (const auto& upload : server_.uploaded_batch_files()) {
      EXPECT_THAT(upload, ::testing::Not(::testing::HasSubstr(kKey)));
    }
  }

  void write_config(bool fallback = true, const std::string& format = "markdown") {
    const std::string config =
        R"({"categories": ["cs.CL"], "keywords": ["LLM"], "max_papers": 40,
            "ai_summary": {"base_url": ")" +
        server_.base_url() + R"(", "mode": "batch", "max_papers_to_summarize": 40,
            "format": ")" +
        format + R"(", "batch_poll_interval_s": 60,
            "batch_wait_deadline_s": 600, "batch_fallback_to_sync": )" +
        (fallback ? "true" : "false") + "}}";
    ASSERT_OK(fs_.write_atomic(dir_ / "config.json", config));
  }

  ExitCode run_once(bool no_wait = false, BatchLimits limits = {}) {
    RunOptions options;
    options.config_path = dir_ / "config.json";
    options.offline_dir = dir_ / "feeds";
    options.summary_timeout = 2s;
    options.no_wait = no_wait;
    options.batch_limits = limits;
    options.env = env();
    return run(options, ports_);
  }

  ExitCode batch(const std::string& action, const std::string& id, std::string* printed) {
    std::ostringstream out;
    const ExitCode code = batch_command({dir_ / "config.json", action, id, env()}, ports_, out);
    *printed = out.str();
    return code;
  }

  static EnvLookup env() {
    return [](const std::string& name) -> std::optional<std::string> {
      return name == "DASHSCOPE_API_KEY" ? std::optional<std::string>(kKey) : std::nullopt;
    };
  }

  std::string read(const std::string& relative) {
    auto bytes = fs_.read(dir_ / relative);
    return bytes ? *bytes : std::string();
  }
  json last_run() { return json::parse(read("state/last_run.json")); }
  json stats() { return last_run()["summary_stats"]; }
  json state() { return json::parse(read("state/batches.json")); }
  std::vector<ArchiveRecord> archive() {
    auto records = parse_archive(read("data/2026-02-12.jsonl"), "archive");
    return records ? *records : std::vector<ArchiveRecord>{};
  }
  std::size_t in_readme(const std::string& needle) {
    const std::string readme = read("README.md");
    std::size_t count = 0;
    for (auto at = readme.find(needle); at != std::string::npos; at = readme.find(needle, at + 1)) {
      ++count;
    }
    return count;
  }
  std::size_t batch_posts() { return server_.count("POST", "/v1/batches"); }
  std::size_t chat_posts() { return server_.count("POST", "/v1/chat/completions"); }

  // Every paper of the top is summarized, or listed in not_summarized with a reason; the README
  // shows exactly the summarized ones and the archive holds usage for each of them.
  void expect_accounted(std::size_t summarized) {
    const json s = stats();
    EXPECT_EQ(s["summarized"].get<std::size_t>() + s["cached"].get<std::size_t>(), summarized);
    EXPECT_EQ(s["summarized"].get<std::size_t>() + s["cached"].get<std::size_t>() +
                  s["not_summarized"].size(),
              static_cast<std::size_t>(kPapers));
    for (const auto& paper : s["not_summarized"]) {
      EXPECT_FALSE(paper["reason"].get<std::string>().empty()) << paper;
    }
    EXPECT_EQ(in_readme("AI Summary (by qwen-long)"), summarized);
    EXPECT_THAT(read("README.md"), ::testing::HasSubstr("### 40. [LLM paper"));
    std::size_t with_usage = 0;
    for (const auto& record : archive()) {
      if (record.summary) {
        EXPECT_GT(record.summary->usage.prompt_tokens, 0) << versioned_id(record.paper);
        EXPECT_GT(record.summary->usage.completion_tokens, 0) << versioned_id(record.paper);
        ++with_usage;
      }
    }
    EXPECT_EQ(with_usage, summarized);
  }
};

TEST_F(BatchRun, FortyPapersValidatingToCompletedShuffledThenRerunIsFree) {
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(kPapers);
  EXPECT_EQ(in_readme("Summary of 2602."), static_cast<std::size_t>(kPapers));
  EXPECT_THAT(read("README.md"),
              ::testing::HasSubstr(testing::FakeBatchServer::summary_for(paper_id(17))));
  EXPECT_EQ(batch_posts(), 1u);
  EXPECT_EQ(chat_posts(), 0u);
  // The fake's validation accepted our JSONL: the batch completed.
  const auto batches = server_.batches();
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(batches[0]["status"], "completed");
  EXPECT_TRUE(batches[0]["errors"].is_null());
  EXPECT_EQ(batches[0]["metadata"]["run"], "2026-02-12");
  const auto uploads = server_.uploaded_batch_files();
  ASSERT_EQ(uploads.size(), 1u);
  EXPECT_EQ(std::count(uploads[0].begin(), uploads[0].end(), '\n'), kPapers);
  EXPECT_EQ(json::parse(uploads[0].substr(0, uploads[0].find('\n')))["custom_id"], paper_id(1));
  // validating → in_progress → finalizing → completed: three polls, one interval apart.
  EXPECT_EQ(server_.count("GET", "/v1/batches/"), 3u);
  EXPECT_EQ(clock_.sleeps(), (std::vector<std::chrono::milliseconds>{60s, 60s, 60s}));
  EXPECT_TRUE(state()["batches"].empty());
  const json batch = stats()["batch"];
  EXPECT_EQ(batch["submitted"], 1);
  EXPECT_EQ(batch["summarized"], kPapers);
  EXPECT_EQ(batch["prompt_tokens"], 100 * kPapers);
  EXPECT_EQ(batch["completion_tokens"], 30 * kPapers);
  EXPECT_THAT(read("README.md"),
              ::testing::HasSubstr("40 summarized (4000 tokens in, 1200 out; sync 0 in, 0 out)"));

  const std::size_t calls = server_.calls().size();
  ASSERT_EQ(run_once(), ExitCode::ok);  // same day: every summary is cached
  EXPECT_EQ(server_.calls().size(), calls);
  EXPECT_EQ(stats()["cached"], kPapers);
  EXPECT_EQ(in_readme("AI Summary (by qwen-long)"), static_cast<std::size_t>(kPapers));
}

TEST_F(BatchRun, MixedSuccessAndErrorLinesFallBackToSync) {
  testing::FakeBatchScript script;
  script.error_ids = {paper_id(3), paper_id(30)};
  script.length_ids = {paper_id(5)};
  server_.set_script(script);
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(kPapers);
  EXPECT_EQ(chat_posts(), 2u);
  EXPECT_EQ(in_readme("Sync summary of LLM paper"), 2u);
  EXPECT_THAT(read("README.md"), ::testing::HasSubstr("Sync summary of LLM paper 30."));
  const json s = stats();
  EXPECT_EQ(s["batch"]["sync_fallback"], 2);
  EXPECT_EQ(s["batch"]["summarized"], kPapers - 2);
  EXPECT_EQ(s["prompt_tokens"], 100 * (kPapers - 2) + 2 * 120);
  ASSERT_EQ(s["notes"].size(), 1u);
  EXPECT_EQ(s["notes"][0].get<std::string>().rfind(paper_id(5) + ": finish_reason length", 0), 0u);
}

TEST_F(BatchRun, ExpiredLinesAreLeftForTheNextBatchWithoutFallback) {
  write_config(/*fallback=*/false);
  testing::FakeBatchScript script;
  script.progression = {"validating", "in_progress", "expired"};
  script.answered = 30;
  server_.set_script(script);
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(30);
  EXPECT_EQ(chat_posts(), 0u);
  const json missing = stats()["not_summarized"];
  ASSERT_EQ(missing.size(), 10u);
  EXPECT_EQ(missing[0]["reason"],
            "batch batch_fake-2: batch_expired: This request could not be executed before the "
            "completion window expired.; left for the next batch");

  server_.set_script({});
  ASSERT_EQ(run_once(), ExitCode::ok);  // the next run sends only the ten again
  expect_accounted(kPapers);
  EXPECT_EQ(batch_posts(), 2u);
  const auto uploads = server_.uploaded_batch_files();
  ASSERT_EQ(uploads.size(), 2u);
  EXPECT_EQ(std::count(uploads[1].begin(), uploads[1].end(), '\n'), 10);
  EXPECT_EQ(stats()["cached"], 30);
}

// An error file of exactly one line is a single JSON object with an `error` member: it must be
// read as a file, not mistaken for the provider's error envelope.
TEST_F(BatchRun, ErrorFileWithOneExpiredLineIsStillCollected) {
  testing::FakeBatchScript script;
  script.expired_ids = {paper_id(7)};
  server_.set_script(script);
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(kPapers);
  EXPECT_EQ(chat_posts(), 1u);
  EXPECT_THAT(read("README.md"), ::testing::HasSubstr("Sync summary of LLM paper 7."));
  EXPECT_TRUE(state()["batches"].empty());
}

TEST_F(BatchRun, ValidationFailureIsReportedPerPaper) {
  write_config(/*fallback=*/false);
  testing::FakeBatchScript script;
  script.reject_ids = {paper_id(3)};
  server_.set_script(script);
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(0);
  const json missing = stats()["not_summarized"];
  ASSERT_EQ(missing.size(), static_cast<std::size_t>(kPapers));
  for (const auto& paper : missing) {
    const std::string reason = paper["reason"];
    if (paper["id"] == paper_id(3)) {
      EXPECT_EQ(reason,
                "batch batch_fake-2 failed validation on line 3: invalid_request: The request is "
                "invalid.; left for the next batch");
    } else {
      EXPECT_EQ(reason.rfind("batch batch_fake-2 failed validation (invalid_request: The request "
                             "is invalid. on line 3)",
                             0),
                0u)
          << reason;
    }
  }
  EXPECT_TRUE(state()["batches"].empty());
}

TEST_F(BatchRun, ValidationFailureFallsBackToSync) {
  testing::FakeBatchScript script;
  script.reject_ids = {paper_id(3)};
  server_.set_script(script);
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(kPapers);
  EXPECT_EQ(chat_posts(), static_cast<std::size_t>(kPapers));
  EXPECT_EQ(stats()["batch"]["sync_fallback"], kPapers);
}

TEST_F(BatchRun, InterruptedAfterSubmitTheRerunCollectsWithoutSubmittingAgain) {
  ASSERT_EQ(run_once(/*no_wait=*/true), ExitCode::ok);  // returns right after submitting
  EXPECT_EQ(batch_posts(), 1u);
  EXPECT_EQ(server_.count("GET", "/v1/batches/"), 0u);
  ASSERT_EQ(state()["batches"].size(), 1u);
  EXPECT_EQ(state()["batches"][0]["custom_ids"].size(), static_cast<std::size_t>(kPapers));
  expect_accounted(0);
  EXPECT_EQ(stats()["not_summarized"][0]["reason"].get<std::string>().rfind(
                "pending in batch batch_fake-2 (validating)", 0),
            0u);
  EXPECT_EQ(stats()["batch"]["pending"], kPapers);

  ASSERT_EQ(run_once(), ExitCode::ok);
  EXPECT_EQ(batch_posts(), 1u);  // no second POST /batches for those papers
  expect_accounted(kPapers);
  EXPECT_TRUE(state()["batches"].empty());

  const std::size_t calls = server_.calls().size();
  ASSERT_EQ(run_once(), ExitCode::ok);  // after completion: no request at all
  EXPECT_EQ(server_.calls().size(), calls);
  EXPECT_EQ(batch_posts() + server_.count("GET", "/v1/batches"), 1u + 3u);
  EXPECT_EQ(chat_posts(), 0u);
}

TEST_F(BatchRun, DeadlinePassedLeavesTheBatchPendingForTheNextRun) {
  testing::FakeBatchScript script;
  script.progression = {"validating",  "in_progress", "in_progress", "in_progress",
                        "in_progress", "in_progress", "finalizing",  "completed"};
  server_.set_script(script);
  ASSERT_OK(fs_.write_atomic(dir_ / "config.json",
                             R"({"categories": ["cs.CL"], "keywords": ["LLM"], "max_papers": 40,
          "ai_summary": {"base_url": ")" +
                                 server_.base_url() +
                                 R"(", "mode": "batch", "max_papers_to_summarize": 40,
          "batch_poll_interval_s": 60, "batch_wait_deadline_s": 150}})"));
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(0);
  EXPECT_EQ(clock_.sleeps(), (std::vector<std::chrono::milliseconds>{60s, 60s, 30s}));
  EXPECT_EQ(state()["batches"].size(), 1u);
  EXPECT_EQ(chat_posts(), 0u);  // pending papers are not paid for twice in sync mode

  ASSERT_EQ(run_once(), ExitCode::ok);
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(kPapers);
  EXPECT_EQ(batch_posts(), 1u);
}

TEST_F(BatchRun, PollingRetries429And5xx) {
  testing::FakeBatchScript script;
  script.poll_faults = 4;
  server_.set_script(script);
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(kPapers);
  EXPECT_EQ(server_.count("GET", "/v1/batches/"), 3u + 4u);
  const auto sleeps = clock_.sleeps();
  EXPECT_EQ(std::count(sleeps.begin(), sleeps.end(), 10ms), 2);  // retry-after-ms of the 429s
  EXPECT_GE(stats()["retries"], 4);
}

TEST_F(BatchRun, TruncatedOutputFileFailsOnlyItsLastLine) {
  testing::FakeBatchScript script;
  script.truncate_output = true;
  server_.set_script(script);
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(kPapers);
  EXPECT_EQ(chat_posts(), 1u);
  EXPECT_EQ(stats()["batch"]["summarized"], kPapers - 1);
  EXPECT_EQ(in_readme("Sync summary of LLM paper"), 1u);
}

TEST_F(BatchRun, ManyPapersAreSplitIntoSeveralValidBatches) {
  BatchLimits limits;
  limits.max_lines = 15;
  ASSERT_EQ(run_once(false, limits), ExitCode::ok);
  expect_accounted(kPapers);
  EXPECT_EQ(batch_posts(), 3u);
  for (const auto& batch : server_.batches()) {
    EXPECT_EQ(batch["status"], "completed") << batch.dump();
  }
  EXPECT_EQ(stats()["batch"]["submitted"], 3);
}

TEST_F(BatchRun, CancelledBatchWithPartialOutputIsCollectedAndTheRestSentInSync) {
  ASSERT_EQ(run_once(/*no_wait=*/true), ExitCode::ok);
  const std::string id = state()["batches"][0]["id"];
  std::string printed;
  ASSERT_EQ(batch("status", "", &printed), ExitCode::ok);
  EXPECT_THAT(printed, ::testing::HasSubstr(id + "  in_progress  0/0 done")) << printed;
  ASSERT_EQ(batch("cancel", id, &printed), ExitCode::ok);
  EXPECT_THAT(printed, ::testing::HasSubstr(id + "  cancelling")) << printed;

  testing::FakeBatchScript script;
  script.answered = 25;
  server_.set_script(script);
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(kPapers);
  EXPECT_EQ(batch_posts(), 2u);  // the create and the cancel, never a second batch
  EXPECT_EQ(chat_posts(), 15u);
  EXPECT_EQ(stats()["batch"]["summarized"], 25);
}

TEST_F(BatchRun, BatchCollectStoresSummariesInTheArchiveForTheNextRun) {
  ASSERT_EQ(run_once(/*no_wait=*/true), ExitCode::ok);
  std::string printed;
  ASSERT_EQ(batch("collect", "", &printed), ExitCode::ok);  // validating → in_progress
  EXPECT_THAT(printed, ::testing::HasSubstr("(still running)")) << printed;
  ASSERT_EQ(batch("collect", "", &printed), ExitCode::ok);  // finalizing
  ASSERT_EQ(batch("collect", "", &printed), ExitCode::ok);  // completed
  EXPECT_THAT(printed,
              ::testing::HasSubstr("completed: 40 summarized, 0 failed (4000 tokens in, 1200 out)"))
      << printed;
  EXPECT_TRUE(state()["batches"].empty());
  std::size_t stored = 0;
  for (const auto& record : archive()) {
    stored += record.summary ? 1 : 0;
  }
  EXPECT_EQ(stored, static_cast<std::size_t>(kPapers));

  const std::size_t calls = server_.calls().size();
  ASSERT_EQ(run_once(), ExitCode::ok);
  EXPECT_EQ(server_.calls().size(), calls);
  EXPECT_EQ(stats()["cached"], kPapers);
  ASSERT_EQ(batch("status", "", &printed), ExitCode::ok);
  EXPECT_THAT(printed, ::testing::HasSubstr("no pending batches"));
}

TEST_F(BatchRun, EveryRequestCarriesTheKeyOnlyInTheAuthorizationHeader) {
  ASSERT_EQ(run_once(), ExitCode::ok);
  for (const auto& call : server_.calls()) {
    EXPECT_EQ(call.authorization, std::string("Bearer ") + kKey) << call.path;
    EXPECT_THAT(call.body, ::testing::Not(::testing::HasSubstr(kKey))) << call.path;
  }
}

}  // namespace
}  // namespace arxiv_digest::app
