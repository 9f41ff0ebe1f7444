// `arxiv-digest run` with summaries: the real libcurl client and the real file system against a
// cpp-httplib OpenAI-compatible server (/chat/completions) on 127.0.0.1 that injects faults.
// Backoff and Retry-After waits happen on a FakeClock.
#include <gmock/gmock.h>
#include <httplib.h>

#include <atomic>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/commands/run_command.hpp"
#include "app/commands/summarize_command.hpp"
#include "arxiv_digest/archive.hpp"
#include "db/sqlite_history_index.hpp"
#include "fakes/fake_clock.hpp"
#include "fakes/fake_mail_sender.hpp"
#include "fakes/fake_stop.hpp"
#include "io/real_file_system.hpp"
#include "net/curl_http_client.hpp"
#include "support/feed_builder.hpp"
#include "support/loopback_server.hpp"
#include "support/scoped_temp_dir.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

using namespace std::chrono_literals;

constexpr const char* kKey = "sk-loopback-NEVER-LOGGED-42";

std::string completion(const std::string& content) {
  return nlohmann::json{{"id", "chatcmpl-x"},
                        {"object", "chat.completion"},
                        {"choices",
                         {{{"index", 0},
                           {"message", {{"role", "assistant"}, {"content", content}}},
                           {"finish_reason", "stop"}}}},
                        {"usage", {{"prompt_tokens", 120}, {"completion_tokens", 40}}}}
      .dump();
}

class SummarizeRun : public ::testing::Test {
 protected:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&, int attempt)>;

  testing::ScopedTempDir dir_;
  testing::LoopbackServer server_;
  net::CurlHttpClient http_;
  io::RealFileSystem fs_;
  testing::FakeClock clock_;
  db::SqliteHistoryIndex history_{clock_};
  testing::FakeMailSender mail_;
  testing::FakeStop stop_;
  Ports ports_{http_, fs_, clock_, history_, mail_, stop_};
  testing::Gate release_;

  std::mutex mutex_;
  Handler handler_;
  int requests_ = 0;
  int in_flight_ = 0;
  int peak_ = 0;
  std::vector<std::string> authorizations_;

  void SetUp() override {
    server_.server().Post("/v1/chat/completions",
                          [this](const httplib::Request& req, httplib::Response& res) {
                            int attempt = 0;
                            {
                              const std::lock_guard lock(mutex_);
                              attempt = ++requests_;
                              peak_ = std::max(peak_, ++in_flight_);
                              authorizations_.push_back(req.get_header_value("Authorization"));
                            }
                            handler_(req, res, attempt);
                            const std::lock_guard lock(mutex_);
                            --in_flight_;
                          });
    server_.start();
    std::vector<testing::FeedItem> items;
    for (int i = 1; i <= 15; ++i) {
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
    write_config("markdown");
  }

  void TearDown() override {
    release_.open();
    server_.stop();
    // The key appears in no file the run wrote.
    for (const char* file : {"README.md", "data/2026-02-12.jsonl", "state/last_run.json"}) {
      EXPECT_THAT(read(file), ::testing::Not(::testing::HasSubstr(kKey))) << file;
    }
  }

  void write_config(const std::string& format, int max_workers = 3) {
    const std::string config =
        R"({"categories": ["cs.CL"], "keywords": ["LLM"], "max_papers": 15,
            "ai_summary": {"base_url": ")" +
        server_.url("/v1") + R"(", "format": ")" + format + R"(", "max_workers": )" +
        std::to_string(max_workers) + "}}";
    ASSERT_OK(fs_.write_atomic(dir_ / "config.json", config));
  }

  void serve(Handler handler) { handler_ = std::move(handler); }

  ExitCode run_once(std::chrono::milliseconds timeout = 2s) {
    RunOptions options;
    options.config_path = dir_ / "config.json";
    options.offline_dir = dir_ / "feeds";
    options.summary_timeout = timeout;
    options.env = [](const std::string& name) -> std::optional<std::string> {
      return name == "DASHSCOPE_API_KEY" ? std::optional<std::string>(kKey) : std::nullopt;
    };
    return run(options, ports_);
  }

  std::string read(const std::string& relative) {
    auto bytes = fs_.read(dir_ / relative);
    return bytes ? *bytes : std::string();
  }
  nlohmann::json last_run() { return nlohmann::json::parse(read("state/last_run.json")); }
  std::size_t summaries_in_readme() {
    const std::string readme = read("README.md");
    std::size_t count = 0;
    for (auto at = readme.find("AI Summary (by qwen-long)"); at != std::string::npos;
         at = readme.find("AI Summary (by qwen-long)", at + 1)) {
      ++count;
    }
    return count;
  }
  // Every one of the 15 papers is summarized or listed with a reason.
  void expect_accounted(std::size_t summarized) {
    const auto stats = last_run()["summary_stats"];
    EXPECT_EQ(stats["summarized"].get<std::size_t>() + stats["cached"].get<std::size_t>(),
              summarized);
    EXPECT_EQ(stats["summarized"].get<std::size_t>() + stats["cached"].get<std::size_t>() +
                  stats["not_summarized"].size(),
              15u);
    EXPECT_EQ(summaries_in_readme(), summarized);
    EXPECT_THAT(read("README.md"), ::testing::HasSubstr("### 15. [LLM paper"));
  }
};

TEST_F(SummarizeRun, FifteenPapersThreeWorkersAllSummarizedThenRerunIsFree) {
  serve([](const httplib::Request& req, httplib::Response& res, int) {
    res.set_content(completion("Summary of " + testing::prompt_title(req.body) + "."),
                    "application/json");
  });
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(15);
  EXPECT_EQ(requests_, 15);
  EXPECT_LE(peak_, 3);
  for (const auto& auth : authorizations_) {
    EXPECT_EQ(auth, std::string("Bearer ") + kKey);
  }
  EXPECT_THAT(read("README.md"), ::testing::HasSubstr("Summary of LLM paper 7."));
  EXPECT_EQ(last_run()["summary_stats"]["prompt_tokens"], 15 * 120);

  // Same day, an hour later: everything cached, no request, the README byte for byte as it was
  // (only state/last_run.json says "15 cached"), so a scheduled rerun commits nothing.
  const std::string before = read("README.md");
  clock_.advance(1h);
  ASSERT_EQ(run_once(), ExitCode::ok);
  EXPECT_EQ(requests_, 15);
  EXPECT_EQ(last_run()["summary_stats"]["cached"], 15);
  EXPECT_EQ(read("README.md"), before);
}

TEST_F(SummarizeRun, TransientFaultsAreRetriedUntilEveryPaperIsSummarized) {
  serve([this](const httplib::Request& req, httplib::Response& res, int attempt) {
    switch (attempt) {
      case 1:
        res.status = 429;
        res.set_header("retry-after-ms", "250");
        res.set_content(R"({"error":{"message":"slow down","code":"rate_limit_exceeded"}})",
                        "application/json");
        return;
      case 2:
        res.status = 500;
        res.set_content(R"({"error":{"message":"boom","type":"server_error"}})",
                        "application/json");
        return;
      case 3:
        res.status = 503;
        res.set_content("upstream unavailable", "text/plain");
        return;
      case 4:
        release_.wait(5s);  // slower than the 500 ms timeout
        break;
      default:
        break;
    }
    res.set_content(completion("Summary of " + testing::prompt_title(req.body) + "."),
                    "application/json");
  });
  ASSERT_EQ(run_once(500ms), ExitCode::ok);
  expect_accounted(15);
  const auto stats = last_run()["summary_stats"];
  EXPECT_EQ(stats["retries"], 4);
  EXPECT_EQ(stats["requests"], 19);
  const auto sleeps = clock_.sleeps();
  EXPECT_NE(std::find(sleeps.begin(), sleeps.end(), 250ms), sleeps.end());
}

TEST_F(SummarizeRun, DroppedConnectionIsRetried) {
  serve([](const httplib::Request& req, httplib::Response& res, int attempt) {
    if (attempt == 1) {
      // Claim more bytes than are sent: the client sees a truncated body.
      res.set_content_provider(1000, "application/json",
                               [](std::size_t, std::size_t, httplib::DataSink& sink) {
                                 sink.write("{\"choices\"", 10);
                                 return false;  // abort the connection
                               });
      return;
    }
    res.set_content(completion("Summary of " + testing::prompt_title(req.body) + "."),
                    "application/json");
  });
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(15);
  EXPECT_EQ(last_run()["summary_stats"]["retries"], 1);
}

TEST_F(SummarizeRun, NonJsonBodyIsReportedAndTheRestAreSummarized) {
  serve([](const httplib::Request& req, httplib::Response& res, int) {
    if (testing::prompt_title(req.body) == "LLM paper 4") {
      res.set_content("<html>gateway says hi</html>", "text/html");
      return;
    }
    res.set_content(completion("Summary."), "application/json");
  });
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(14);
  const auto unsummarized = last_run()["summary_stats"]["not_summarized"];
  ASSERT_EQ(unsummarized.size(), 1u);
  EXPECT_EQ(unsummarized[0]["reason"], "response is not JSON: \"<html>gateway says hi</html>\"");
  EXPECT_NE(read("README.md").find("1 not summarized (2602."), std::string::npos);
}

TEST_F(SummarizeRun, InvalidFieldsJsonIsReaskedOnceThenKeptAsText) {
  write_config("fields");
  serve([](const httplib::Request& req, httplib::Response& res, int) {
    const auto doc = nlohmann::json::parse(req.body);
    EXPECT_EQ(doc["response_format"]["type"], "json_object");
    const std::string title = testing::prompt_title(req.body);
    if (title == "LLM paper 2") {  // never valid
      res.set_content(completion("Just prose about paper 2."), "application/json");
      return;
    }
    if (title == "LLM paper 3" && doc["messages"].size() == 2) {  // valid on the re-ask
      res.set_content(completion("{\"tldr\": \"half\"}"), "application/json");
      return;
    }
    res.set_content(completion(R"({"tldr":"T","motivation":"M","method":"Me","result":"R",)"
                               R"("conclusion":"C"})"),
                    "application/json");
  });
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(15);
  EXPECT_EQ(requests_, 17);
  EXPECT_THAT(read("README.md"), ::testing::HasSubstr("Just prose about paper 2."));
  EXPECT_THAT(read("README.md"), ::testing::HasSubstr("**TL;DR**: T"));
  EXPECT_EQ(last_run()["summary_stats"]["notes"].size(), 1u);
}

TEST_F(SummarizeRun, A401StopsSummarizingAndTheDigestStillRenders) {
  write_config("markdown", 1);
  serve([](const httplib::Request&, httplib::Response& res, int) {
    res.status = 401;
    res.set_content(R"({"error":{"message":"Incorrect API key provided: sk-lo****42",)"
                    R"("type":"invalid_request_error","code":"invalid_api_key"}})",
                    "application/json");
  });
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(0);
  EXPECT_EQ(requests_, 1);
  EXPECT_THAT(read("README.md"),
              ::testing::HasSubstr("rejected the key in DASHSCOPE_API_KEY (HTTP 401)"));
}

TEST_F(SummarizeRun, QuotaExhaustedIsNotRetriedAndStopsTheRest) {
  write_config("markdown", 1);
  serve([](const httplib::Request&, httplib::Response& res, int) {
    res.status = 429;
    res.set_header("retry-after", "1");
    res.set_content(R"({"error":{"message":"You exceeded your current quota.",)"
                    R"("type":"insufficient_quota","code":"insufficient_quota"}})",
                    "application/json");
  });
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(0);
  EXPECT_EQ(requests_, 1);  // neither retried nor repeated for the other 14 papers
  const auto unsummarized = last_run()["summary_stats"]["not_summarized"];
  EXPECT_THAT(unsummarized[0]["reason"].get<std::string>(),
              ::testing::HasSubstr("insufficient_quota"));
  EXPECT_THAT(unsummarized[14]["reason"].get<std::string>(), ::testing::HasSubstr("quota"));
}

TEST_F(SummarizeRun, SummarizeCommandDryRunThenLimitThenTheRest) {
  serve([](const httplib::Request& req, httplib::Response& res, int) {
    res.set_content(completion("Summary of " + testing::prompt_title(req.body) + "."),
                    "application/json");
  });
  // A run without a key ranks and archives but summarizes nothing.
  RunOptions keyless;
  keyless.config_path = dir_ / "config.json";
  keyless.offline_dir = dir_ / "feeds";
  keyless.env = [](const std::string&) { return std::optional<std::string>(); };
  ASSERT_EQ(run(keyless, ports_), ExitCode::ok);
  EXPECT_THAT(read("README.md"), ::testing::HasSubstr("set DASHSCOPE_API_KEY to summarize"));

  SummarizeOptions options;
  options.run.config_path = dir_ / "config.json";
  options.run.summary_timeout = 2s;
  options.run.env = keyless.env;
  options.dry_run = true;
  std::ostringstream plan;
  ASSERT_EQ(summarize(options, ports_, plan), ExitCode::ok);
  EXPECT_THAT(plan.str(),
              ::testing::HasSubstr("2026-02-12: 15 papers would be summarized, 0 are cached"))
      << plan.str();
  EXPECT_THAT(plan.str(), ::testing::HasSubstr("estimated input: about "));
  EXPECT_EQ(requests_, 0);

  options.dry_run = false;
  std::ostringstream ignored;
  EXPECT_EQ(summarize(options, ports_, ignored), ExitCode::usage);  // no key
  options.run.env = [](const std::string& name) -> std::optional<std::string> {
    return name == "DASHSCOPE_API_KEY" ? std::optional<std::string>(kKey) : std::nullopt;
  };
  options.limit = 5;
  ASSERT_EQ(summarize(options, ports_, ignored), ExitCode::ok);
  EXPECT_EQ(requests_, 5);
  EXPECT_EQ(summaries_in_readme(), 5u);
  EXPECT_THAT(read("README.md"), ::testing::HasSubstr("Summary of LLM paper 5."));
  EXPECT_THAT(read("README.md"), ::testing::HasSubstr("summaries: 5 new, 0 cached"));

  options.limit.reset();  // the config's max_papers_to_summarize again
  options.dry_run = true;
  std::ostringstream rest;
  ASSERT_EQ(summarize(options, ports_, rest), ExitCode::ok);
  EXPECT_THAT(rest.str(), ::testing::HasSubstr("10 papers would be summarized, 5 are cached"))
      << rest.str();
  options.dry_run = false;
  ASSERT_EQ(summarize(options, ports_, ignored), ExitCode::ok);
  EXPECT_EQ(requests_, 15);
  EXPECT_EQ(summaries_in_readme(), 15u);
  EXPECT_EQ(last_run()["summary_stats"]["cached"], 5);
}

// PDF document mode against the same server: /pdf/ID stands in for arXiv, /v1/files for the
// provider's file store.
class PdfSummarizeRun : public SummarizeRun {
 protected:
  std::mutex files_mutex_;
  std::map<std::string, int> polls_;  // file id -> GET count
  std::vector<std::string> uploaded_names_;
  std::vector<std::string> deleted_;
  int polls_until_processed_ = 1;

  void SetUp() override {
    auto& server = server_.server();
    server.Get(R"(/pdf/(.+))", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content("%PDF-1.5 paper " + req.matches[1].str(), "application/pdf");
    });
    server.Post("/v1/files", [this](const httplib::Request& req, httplib::Response& res) {
      ASSERT_TRUE(req.has_file("file"));
      EXPECT_EQ(req.get_file_value("purpose").content, "file-extract");
      const auto file = req.get_file_value("file");
      EXPECT_EQ(file.content_type, "application/pdf");
      EXPECT_EQ(file.content.rfind("%PDF-1.5 paper ", 0), 0u);
      const std::lock_guard lock(files_mutex_);
      uploaded_names_.push_back(file.filename);
      res.set_content(file_object("file-fe-" + file.filename, "uploaded"), "application/json");
    });
    server.Get(
        R"(/v1/files/([\w.\-]+))", [this](const httplib::Request& req, httplib::Response& res) {
          const std::string id = req.matches[1];
          const std::lock_guard lock(files_mutex_);
          const bool done = polls_until_processed_ >= 0 && ++polls_[id] >= polls_until_processed_;
          res.set_content(file_object(id, done ? "processed" : "processing"), "application/json");
        });
    server.Delete(R"(/v1/files/([\w.\-]+))", [this](const httplib::Request& req,
                                                    httplib::Response& res) {
      const std::lock_guard lock(files_mutex_);
      deleted_.push_back(req.matches[1]);
      res.set_content(R"({"object":"file","deleted":true,"id":")" + req.matches[1].str() + "\"}",
                      "application/json");
    });
    SummarizeRun::SetUp();
    write_pdf_config();
  }

  static std::string file_object(const std::string& id, const std::string& status) {
    return nlohmann::json{{"id", id},        {"object", "file"},          {"bytes", 20},
                          {"filename", "x"}, {"purpose", "file-extract"}, {"status", status}}
        .dump();
  }

  void write_pdf_config(const std::string& extra = "") {
    const std::string config =
        R"({"categories": ["cs.CL"], "keywords": ["LLM"], "max_papers": 15,
            "source": {"base_url": ")" +
        server_.url("") + R"("},
            "ai_summary": {"base_url": ")" +
        server_.url("/v1") + R"(", "input": "pdf")" + extra + "}}";
    ASSERT_OK(fs_.write_atomic(dir_ / "config.json", config));
  }
};

TEST_F(PdfSummarizeRun, UploadsEachPdfReferencesItByFileIdAndDeletesIt) {
  serve([](const httplib::Request& req, httplib::Response& res, int) {
    const auto doc = nlohmann::json::parse(req.body);
    const auto& messages = doc["messages"];
    EXPECT_EQ(messages.size(), 3u);
    EXPECT_EQ(messages[0]["role"], "system");
    EXPECT_EQ(messages[1]["content"].get<std::string>().rfind("fileid://file-fe-2602.", 0), 0u);
    EXPECT_EQ(messages[2]["role"], "user");
    res.set_content(completion("From the PDF of " + testing::prompt_title(req.body) + "."),
                    "application/json");
  });
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(15);
  EXPECT_EQ(uploaded_names_.size(), 15u);
  EXPECT_EQ(deleted_.size(), 15u);
  EXPECT_THAT(read("README.md"), ::testing::HasSubstr("From the PDF of LLM paper 3."));
  EXPECT_THAT(read("data/2026-02-12.jsonl"), ::testing::HasSubstr(R"("input_mode":"pdf")"));
  // Same day again: cached by (id, version, model, prompt, input pdf), so nothing is sent.
  const int chats = requests_;
  ASSERT_EQ(run_once(), ExitCode::ok);
  EXPECT_EQ(requests_, chats);
  EXPECT_EQ(uploaded_names_.size(), 15u);
}

TEST_F(PdfSummarizeRun, AFileStuckInProcessingFallsBackToTheAbstract) {
  polls_until_processed_ = -1;  // never processed
  serve([](const httplib::Request& req, httplib::Response& res, int) {
    const auto doc = nlohmann::json::parse(req.body);
    EXPECT_EQ(doc["messages"].size(), 2u);  // no fileid:// message
    res.set_content(completion("From the abstract of " + testing::prompt_title(req.body) + "."),
                    "application/json");
  });
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(15);
  EXPECT_EQ(deleted_.size(), 15u);  // the stuck uploads are cleaned up too
  const auto notes = last_run()["summary_stats"]["notes"];
  ASSERT_EQ(notes.size(), 15u);
  EXPECT_THAT(notes[0].get<std::string>(), ::testing::HasSubstr("still processing after"));
  EXPECT_THAT(read("README.md"), ::testing::HasSubstr("PDF mode failed"));
  EXPECT_THAT(read("data/2026-02-12.jsonl"), ::testing::HasSubstr(R"("input_mode":"abstract")"));
}

TEST_F(PdfSummarizeRun, KeepFilesLeavesTheUploadsInPlace) {
  write_pdf_config(R"(, "keep_files": true)");
  serve([](const httplib::Request& req, httplib::Response& res, int) {
    res.set_content(completion("From the PDF of " + testing::prompt_title(req.body) + "."),
                    "application/json");
  });
  ASSERT_EQ(run_once(), ExitCode::ok);
  expect_accounted(15);
  EXPECT_EQ(uploaded_names_.size(), 15u);
  EXPECT_TRUE(deleted_.empty());
}

}  // namespace
}  // namespace arxiv_digest::app
