// `run --since/--until` (API search, paged) and `fetch --id`, against a loopback API server.
#include <gmock/gmock.h>

#include <sstream>

#include "app/commands/fetch_command.hpp"
#include "arxiv_digest/archive.hpp"
#include "integration/live_fixture.hpp"
#include "support/feed_builder.hpp"

namespace arxiv_digest::app {
namespace {

using testing::FeedItem;

// Five papers over three pages of two (the last page holds one).
std::vector<FeedItem> backfill_papers() {
  return {{"2601.00001", 1, "LLM agents one", "About LLM agents.", {"cs.CL"}},
          {"2601.00002", 1, "Unrelated topology", "Nothing to see.", {"cs.CL"}},
          {"2601.00003", 1, "LLM reasoning agent", "LLM reasoning for an agent.", {"cs.CL"}},
          {"2601.00004", 1, "Reasoning", "Some reasoning.", {"cs.CL"}},
          {"2601.00005", 2, "LLM", "LLM.", {"cs.CL"}}};
}

class Backfill : public LiveRun {
 protected:
  void serve_pages() {
    serve([](const httplib::Request& req, httplib::Response& res, int) {
      const auto papers = backfill_papers();
      const long long start = std::stoll(req.get_param_value("start"));
      const long long size = std::stoll(req.get_param_value("max_results"));
      std::vector<FeedItem> page;
      for (long long i = start; i < start + size && i < static_cast<long long>(papers.size());
           ++i) {
        page.push_back(papers[static_cast<std::size_t>(i)]);
      }
      res.set_content(
          testing::api_feed(static_cast<long long>(papers.size()), start, "2026-01-05", page),
          "application/atom+xml");
    });
  }
  RunOptions range() {
    RunOptions options;
    options.since = "2026-01-01";
    options.until = "2026-01-31";
    options.page_size = 2;
    return options;
  }
};

TEST_F(Backfill, PagesThroughTheSearchThreeSecondsApartAndRanksEveryPage) {
  write_config(R"("timeout_s": 5, "max_retries": 0)");
  serve_pages();
  ASSERT_EQ(run_live(range()), ExitCode::ok);

  const auto requests = seen();
  ASSERT_EQ(requests.size(), 3u);
  for (std::size_t i = 0; i < requests.size(); ++i) {
    EXPECT_EQ(requests[i].path, "/api/query");
    if (i > 0) {
      EXPECT_GE(requests[i].at - requests[i - 1].at, 3s) << "page " << i;
    }
  }
  const auto records = parse_archive(file("live/data/2026-01-31.jsonl"), "archive");
  ASSERT_OK(records);
  ASSERT_EQ(records->size(), 4u);                   // "Unrelated topology" matches no keyword
  EXPECT_EQ((*records)[0].paper.id, "2601.00003");  // LLM + reasoning + agent, highest score
  EXPECT_THAT(file("live/README.md"), ::testing::HasSubstr("5 items from 3 sources"));
}

TEST_F(Backfill, KeepsOnlyTheBestMaxPapersAcrossPages) {
  const std::string config = R"({"categories": ["cs.CL"], "keywords": ["LLM", "reasoning", "agent"],
    "max_papers": 2, "source": {"base_url": ")" +
                             server_.url("") + R"(", "max_retries": 0}})";
  ASSERT_OK(fs_.write_atomic(dir_ / "live/config.json", config));
  serve_pages();
  ASSERT_EQ(run_live(range()), ExitCode::ok);
  const auto records = parse_archive(file("live/data/2026-01-31.jsonl"), "archive");
  ASSERT_OK(records);
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0].paper.id, "2601.00003");
  EXPECT_EQ((*records)[1].paper.id, "2601.00001");  // ties with 00005: the earlier page wins
}

TEST_F(Backfill, AFailedPageKeepsThePagesBeforeItAndIsPartial) {
  write_config(R"("timeout_s": 5, "max_retries": 0)");
  serve([](const httplib::Request& req, httplib::Response& res, int attempt) {
    if (attempt == 2) {
      res.status = 503;
      return;
    }
    const auto papers = backfill_papers();
    res.set_content(testing::api_feed(5, std::stoll(req.get_param_value("start")), "2026-01-05",
                                      {papers[0], papers[1]}),
                    "application/atom+xml");
  });
  EXPECT_EQ(run_live(range()), ExitCode::partial);
  EXPECT_EQ(seen().size(), 2u);
  EXPECT_THAT(file("live/README.md"), ::testing::HasSubstr("[LLM agents one]"));
  EXPECT_THAT(file("live/state/last_run.json"), ::testing::HasSubstr("\"outcome\": \"partial\""));
}

TEST_F(Backfill, ApiErrorEntryFailsTheRunAndNamesTheReason) {
  const std::string error = CAPTURE_OR_SKIP("api_error_bad_id_abc_http400.xml");
  serve([&](const httplib::Request&, httplib::Response& res, int) {
    res.status = 400;
    res.set_content(error, "application/atom+xml");
  });
  EXPECT_EQ(run_live(range()), ExitCode::failed);
  EXPECT_THAT(file("live/state/last_run.json"),
              ::testing::HasSubstr("incorrect id format for abc"));
  EXPECT_EQ(file("live/README.md"), "<missing>");
}

TEST_F(Backfill, RangeErrorsAreUsageErrors) {
  RunOptions reversed = range();
  reversed.since = "2026-02-01";
  EXPECT_EQ(run_live(reversed), ExitCode::usage);
  RunOptions bad = range();
  bad.until = "2026-13-01";
  EXPECT_EQ(run_live(bad), ExitCode::usage);
  EXPECT_TRUE(seen().empty());
}

TEST_F(Backfill, FetchByIdPrintsTheFoundPapers) {
  serve([](const httplib::Request& req, httplib::Response& res, int) {
    EXPECT_EQ(req.get_param_value("id_list"), "2601.00001,2601.00003v1");
    const auto papers = backfill_papers();
    res.set_content(testing::api_feed(2, 0, "2026-01-05", {papers[0], papers[2]}),
                    "application/atom+xml");
  });
  std::ostringstream out;
  FetchOptions options;
  options.ids = {"2601.00001", "2601.00003v1"};
  options.config_path = dir_ / "live/config.json";
  ASSERT_EQ(fetch(options, ports_, out), ExitCode::ok);
  EXPECT_THAT(out.str(), ::testing::HasSubstr("\"id\": \"2601.00001\""));
  EXPECT_THAT(out.str(), ::testing::HasSubstr("\"title\": \"LLM reasoning agent\""));
}

}  // namespace
}  // namespace arxiv_digest::app
