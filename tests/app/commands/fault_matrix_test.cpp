// The fault matrix: one table, one row per fault a daily run can meet, each with what must hold
// afterwards: the exit code, whether README.md changed (a failed run leaves it byte-identical),
// yesterday's archive byte-identical, the status naming the fault, and how many summaries today's
// archive holds (every summary received before the fault is kept).
//
// Each row starts from the same fork: yesterday's run (Wednesday) wrote README.md, its archive
// day and state. Today's run (Thursday) then meets the row's fault. HTTP goes through the fake
// client (the curl adapter's own faults are tested against real servers in net_tests), the disk
// is the memory file system with write failures, every wait is on the fake clock.

#include <gmock/gmock.h>

#include <csignal>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "app/app_fixture.hpp"
#include "app/commands/run_command.hpp"
#include "arxiv_digest/archive.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

using testing::FeedItem;
using testing::make_response;
using testing::rss_feed;

constexpr char kKeyEnv[] = "DASHSCOPE_API_KEY";

std::string completion(const std::string& content, const std::string& finish = "stop") {
  return nlohmann::json{{"id", "chatcmpl-1"},
                        {"choices",
                         {{{"index", 0},
                           {"message", {{"role", "assistant"}, {"content", content}}},
                           {"finish_reason", finish}}}},
                        {"usage", {{"prompt_tokens", 100}, {"completion_tokens", 20}}}}
      .dump();
}

std::string feed(const char* day, const std::string& prefix) {
  std::vector<FeedItem> items;
  for (int i = 1; i <= 3; ++i) {
    items.push_back({prefix + std::to_string(i),
                     1,
                     "LLM paper " + prefix + std::to_string(i),
                     "We study LLM serving.",
                     {"cs.AI"},
                     "new"});
  }
  return rss_feed("cs.AI", day, items);
}

const std::string kWednesday = feed("Wed, 11 Feb 2026 00:00:00 -0500", "2602.0100");
const std::string kThursday = feed("Thu, 12 Feb 2026 00:00:00 -0500", "2602.0200");

class FaultMatrix;
using Answer = std::function<Result<HttpResponse>(const HttpRequest&, int call)>;

struct FaultRow {
  const char* name;
  std::function<void(FaultMatrix&)> inject;
  ExitCode code;
  bool readme_changes;  // a status line that says something new counts
  const char* status;   // in state/last_run.json's message or summaries sentence ("" = none)
  std::size_t summaries_kept;
};

class FaultMatrix : public testing::AppTest, public ::testing::WithParamInterface<FaultRow> {
 public:
  Answer arxiv;  // today's feed requests
  Answer model;  // /chat/completions
  std::string today_feed = kThursday;

  FaultMatrix() {
    arxiv = [this](const HttpRequest&, int) { return make_response(200, today_feed); };
    model = [](const HttpRequest&, int) { return make_response(200, completion("Fine.")); };
  }

  // Writes number `first` to `last` from now fail (1 = the next one).
  void fail_writes(std::size_t first, std::size_t last) {
    for (std::size_t n = first; n <= last; ++n) {
      fs_.fail_write_at(n);
    }
  }
  void append(const std::string& relative, const std::string& text) {
    fs_.add_file(path(relative), fs_.contents(path(relative)).value_or("") + text);
  }
  void stop(int signal) { stop_.request(signal); }

  Result<HttpResponse> route(const HttpRequest& request) {
    if (request.url.find("/chat/completions") != std::string::npos) {
      return model(request, ++model_calls_);
    }
    return arxiv(request, ++arxiv_calls_);
  }

 protected:
  int arxiv_calls_ = 0;
  int model_calls_ = 0;

  void SetUp() override {
    AppTest::SetUp();
    fs_.add_file(path("config.json"), R"({
      "categories": ["cs.AI"], "keywords": ["LLM"], "max_papers": 10,
      "source": {"base_url": "http://arxiv.test", "max_retries": 1},
      "ai_summary": {"base_url": "http://llm.test/v1", "max_workers": 1, "max_retries": 1}})");
    clock_.set_now(testing::FakeClock::default_start() - std::chrono::hours(18));
    model = [](const HttpRequest&, int) { return make_response(200, completion("Yesterday.")); };
    http_.set_handler([this](const HttpRequest& request) {
      if (request.url.find("/chat/completions") != std::string::npos) {
        return model(request, 0);
      }
      return Result<HttpResponse>(make_response(200, kWednesday, {{"ETag", "\"wed\""}}));
    });
    ASSERT_EQ(run_once(), ExitCode::ok);
    model = [](const HttpRequest&, int) { return make_response(200, completion("Fine.")); };
    clock_.set_now(testing::FakeClock::default_start() + std::chrono::hours(6));
    http_.set_handler([this](const HttpRequest& request) { return route(request); });
  }

  ExitCode run_once() {
    RunOptions options;
    options.config_path = path("config.json");
    options.env = [](const std::string& name) -> std::optional<std::string> {
      return name == kKeyEnv ? std::optional<std::string>("sk-matrix") : std::nullopt;
    };
    return run(options, ports_);
  }

  std::size_t summaries_today() {
    const auto bytes = fs_.contents(path("data/2026-02-12.jsonl"));
    if (!bytes) {
      return 0;
    }
    const auto records = parse_archive(*bytes, "archive");
    EXPECT_TRUE(records.has_value());
    std::size_t count = 0;
    for (const auto& record : records ? *records : std::vector<ArchiveRecord>{}) {
      count += record.summary ? 1 : 0;
    }
    return count;
  }
};

TEST_P(FaultMatrix, KeepsEverythingItShould) {
  const FaultRow& row = GetParam();
  const std::string readme = file("README.md");
  const std::string yesterday = file("data/2026-02-11.jsonl");
  row.inject(*this);

  EXPECT_EQ(run_once(), row.code);

  EXPECT_EQ(file("README.md") != readme, row.readme_changes);
  EXPECT_EQ(file("data/2026-02-11.jsonl"), yesterday);
  EXPECT_EQ(summaries_today(), row.summaries_kept);
  if (*row.status != '\0') {
    EXPECT_THAT(file("state/last_run.json"), ::testing::HasSubstr(row.status));
  }
  for (const auto& [name, bytes] : fs_.files()) {
    EXPECT_THAT(bytes, ::testing::Not(::testing::HasSubstr("sk-matrix"))) << name;
  }
}

Answer always(int status, std::string body, std::map<std::string, std::string> headers = {}) {
  return [=](const HttpRequest&, int) { return make_response(status, body, headers); };
}
Answer always(Error error) {
  return [=](const HttpRequest&, int) -> Result<HttpResponse> { return error; };
}
// `first` on the first call, then the feed of the day.
Answer first_then_feed(Result<HttpResponse> first) {
  return [=](const HttpRequest&, int call) -> Result<HttpResponse> {
    return call == 1 ? first : Result<HttpResponse>(make_response(200, kThursday));
  };
}

const FaultRow kRows[] = {
    // arXiv
    {"Arxiv429WithRetryAfterThenTheFeed",
     [](FaultMatrix& m) {
       m.arxiv = first_then_feed(make_response(429, "", {{"Retry-After", "5"}}));
     },
     ExitCode::ok, true, "\"outcome\": \"ok\"", 3},
    {"Arxiv503Always", [](FaultMatrix& m) { m.arxiv = always(503, "Service Unavailable"); },
     ExitCode::failed, false, "HTTP 503", 0},
    {"ArxivTimeout",
     [](FaultMatrix& m) {
       m.arxiv = always(Error{ErrorCode::timeout, "GET x: timeout"});
     },
     ExitCode::failed, false, "timeout", 0},
    {"ArxivConnectionDroppedMidBody",
     [](FaultMatrix& m) {
       m.arxiv = always(Error{ErrorCode::network, "GET x: Transferred a partial file"});
     },
     ExitCode::failed, false, "partial file", 0},
    {"ArxivTruncatedXml",
     [](FaultMatrix& m) { m.arxiv = always(200, kThursday.substr(0, kThursday.size() / 2)); },
     ExitCode::failed, false, "\"outcome\": \"failed\"", 0},
    {"ArxivHtmlPageWith200",
     [](FaultMatrix& m) {
       m.arxiv = always(200, "<!DOCTYPE html><html><body><h1>Maintenance</h1></body></html>");
     },
     ExitCode::failed, false, "\"outcome\": \"failed\"", 0},
    {"ArxivRateExceededText", [](FaultMatrix& m) { m.arxiv = always(200, "Rate exceeded."); },
     ExitCode::failed, false, "Rate exceeded", 0},
    {"ArxivEmptyFeed",
     [](FaultMatrix& m) {
       m.today_feed = rss_feed("cs.AI", "Sat, 14 Feb 2026 00:00:00 -0500", {});
     },
     ExitCode::ok, true, "arXiv announced nothing for this day", 0},
    {"ArxivReservesYesterdaysList", [](FaultMatrix& m) { m.today_feed = kWednesday; }, ExitCode::ok,
     false, "\"digest_date\": \"2026-02-11\"", 0},  // the same digest again, nothing paid
    {"Arxiv304NotModified",
     [](FaultMatrix& m) {
       m.arxiv = [](const HttpRequest& request, int) {
         const auto etag = request.headers.find("If-None-Match");
         return etag != request.headers.end() && etag->second == "\"wed\""
                    ? make_response(304, "")
                    : make_response(500, "no conditional request");
       };
     },
     ExitCode::ok, false, "\"digest_date\": \"2026-02-11\"", 0},  // the stored body, unchanged
    // The provider
    {"Provider429RetryAfterMsThenAnswers",
     [](FaultMatrix& m) {
       m.model = [](const HttpRequest&, int call) {
         return call == 1 ? make_response(429, "{}", {{"retry-after-ms", "1500"}})
                          : make_response(200, completion("Fine."));
       };
     },
     ExitCode::ok, true, "3 new", 3},
    {"ProviderInsufficientQuota",
     [](FaultMatrix& m) {
       m.model = always(429, R"({"error":{"code":"insufficient_quota","message":"no money"}})");
     },
     ExitCode::ok, true, "quota is used up", 0},
    {"Provider401",
     [](FaultMatrix& m) { m.model = always(401, R"({"error":{"message":"bad key"}})"); },
     ExitCode::ok, true, "DASHSCOPE_API_KEY", 0},
    {"Provider500Always", [](FaultMatrix& m) { m.model = always(500, R"({"error":{}})"); },
     ExitCode::ok, true, "HTTP 500", 0},
    {"ProviderTimeout",
     [](FaultMatrix& m) {
       m.model = always(Error{ErrorCode::timeout, "POST x: timeout"});
     },
     ExitCode::ok, true, "timeout", 0},
    {"ProviderNonJsonBody",
     [](FaultMatrix& m) { m.model = always(200, "<html>Bad gateway</html>"); }, ExitCode::ok, true,
     "not summarized", 0},
    {"Provider200WithEmptyChoices",
     [](FaultMatrix& m) { m.model = always(200, R"({"id":"x","choices":[]})"); }, ExitCode::ok,
     true, "not summarized", 0},
    {"ProviderFinishReasonLength",
     [](FaultMatrix& m) { m.model = always(200, completion("A cut answer", "length")); },
     ExitCode::ok, true, "3 new", 3},
    {"ProviderContentFilter",
     [](FaultMatrix& m) { m.model = always(200, completion("", "content_filter")); }, ExitCode::ok,
     true, "content_filter", 0},
    {"ProviderFailsAfterTwoSummaries",
     [](FaultMatrix& m) {
       m.model = [](const HttpRequest&, int call) {
         return call <= 2 ? make_response(200, completion("Fine."))
                          : make_response(400, R"({"error":{"message":"bad request"}})");
       };
     },
     ExitCode::ok, true, "2 new", 2},
    // Local
    {"FeedCacheWriteFailsAndTheRunGoesOn", [](FaultMatrix& m) { m.fail_writes(1, 1); },
     ExitCode::ok, true, "\"outcome\": \"ok\"", 3},
    {"DiskFullAfterTheFeedCache", [](FaultMatrix& m) { m.fail_writes(2, 40); }, ExitCode::failed,
     false, "", 0},
    {"WriteErrorMidOutputs", [](FaultMatrix& m) { m.fail_writes(3, 3); }, ExitCode::failed, false,
     "", 3},
    {"ReadOnlyOutputFolder", [](FaultMatrix& m) { m.fail_writes(1, 40); }, ExitCode::failed, false,
     "", 0},
    {"CorruptArchiveLineOfAnEarlierDay",
     [](FaultMatrix& m) { m.append("data/2026-02-10.jsonl", "{\"id\": broken\n"); }, ExitCode::ok,
     true, "\"outcome\": \"ok\"", 3},
    {"CorruptBatchState", [](FaultMatrix& m) { m.append("state/batches.json", "{not json"); },
     ExitCode::ok, true, "\"outcome\": \"ok\"", 3},
    {"SigtermInTheMiddleOfSummarizing",
     [](FaultMatrix& m) {
       m.model = [&m](const HttpRequest& request, int call) -> Result<HttpResponse> {
         if (call <= 2) {
           return make_response(200, completion("Fine."));
         }
         m.stop(SIGTERM);
         return Error{ErrorCode::interrupted, "POST " + request.url + ": interrupted by SIGTERM"};
       };
     },
     ExitCode::interrupted_by_sigterm, false, "", 2},
};

INSTANTIATE_TEST_SUITE_P(Faults, FaultMatrix, ::testing::ValuesIn(kRows),
                         [](const auto& row) { return std::string(row.param.name); });

}  // namespace
}  // namespace arxiv_digest::app
