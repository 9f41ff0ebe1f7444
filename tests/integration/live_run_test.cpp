// `arxiv-digest run` fetching live: the real libcurl client and the real file system against a
// cpp-httplib server on 127.0.0.1 that serves real captured feeds and injects faults. Waiting
// (spacing, backoff, Retry-After) happens on a FakeClock, so no test sleeps for it.
#include <gmock/gmock.h>
#include <zlib.h>

#include "integration/live_fixture.hpp"
#include "support/feed_builder.hpp"

namespace arxiv_digest::app {
namespace {

TEST_F(LiveRun, ProducesTheSameReadmeAsOfflineOnTheSameFeed) {
  const std::string feed = CAPTURE_OR_SKIP("rss_cs.CL_2026-02-12.xml");
  serve([&](const httplib::Request&, httplib::Response& res, int) { send_feed(res, feed); });
  ASSERT_EQ(run_live(), ExitCode::ok);

  ASSERT_OK(fs_.write_atomic(dir_ / "feeds/cs.CL.xml", feed));
  RunOptions offline;
  offline.config_path = dir_ / "offline/config.json";
  offline.offline_dir = dir_ / "feeds";
  offline.env = [](const std::string&) { return std::nullopt; };
  ASSERT_EQ(run(offline, ports_), ExitCode::ok);

  EXPECT_EQ(file("live/README.md"), file("offline/README.md"));
  EXPECT_EQ(file("live/data/2026-02-12.jsonl"), file("offline/data/2026-02-12.jsonl"));
  const auto requests = seen();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].path, "/rss/cs.CL");
  EXPECT_EQ(requests[0].headers.at("User-Agent"), kUserAgent);
}

TEST_F(LiveRun, SecondRunAgainstAnUnchangedFeedIsOne304) {
  const std::string feed = CAPTURE_OR_SKIP("rss_cs.CL_2026-02-12.xml");
  serve([&](const httplib::Request& req, httplib::Response& res, int) {
    if (req.get_header_value("If-None-Match") == "\"v1\"") {
      res.status = 304;
      return;
    }
    res.set_header("ETag", "\"v1\"");
    send_feed(res, feed);
  });
  ASSERT_EQ(run_live(), ExitCode::ok);
  const std::string readme = file("live/README.md");
  const std::string archive = file("live/data/2026-02-12.jsonl");

  serve([&](const httplib::Request& req, httplib::Response& res, int) {
    res.status = req.get_header_value("If-None-Match") == "\"v1\"" ? 304 : 500;
  });
  ASSERT_EQ(run_live(), ExitCode::ok);
  const auto requests = seen();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].headers.at("If-None-Match"), "\"v1\"");
  EXPECT_EQ(file("live/README.md"), readme);
  EXPECT_EQ(file("live/data/2026-02-12.jsonl"), archive);
  EXPECT_THAT(file("live/state/last_run.json"), ::testing::HasSubstr("\"not_modified\": true"));
}

TEST_F(LiveRun, HonorsRetryAfterOn429) {
  const std::string feed = CAPTURE_OR_SKIP("rss_cs.CL_2026-02-12.xml");
  write_config(R"("timeout_s": 5, "max_retries": 2, "min_interval_ms": 0)");
  serve([&](const httplib::Request&, httplib::Response& res, int attempt) {
    if (attempt == 1) {
      res.status = 429;
      res.set_header("Retry-After", "2");
      res.set_content("Rate exceeded.", "text/plain");
      return;
    }
    send_feed(res, feed);
  });
  ASSERT_EQ(run_live(), ExitCode::ok);
  const auto requests = seen();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].at - requests[0].at, 2s);  // exactly the Retry-After, on the fake clock
}

TEST_F(LiveRun, Retries503ThenSucceedsWithRequestsAtLeastThreeSecondsApart) {
  const std::string feed = CAPTURE_OR_SKIP("rss_cs.CL_2026-02-12.xml");
  serve([&](const httplib::Request&, httplib::Response& res, int attempt) {
    if (attempt < 3) {
      res.status = 503;
      res.set_content("<html><body>Service Unavailable</body></html>", "text/html");
      return;
    }
    send_feed(res, feed);
  });
  ASSERT_EQ(run_live(), ExitCode::ok);
  const auto requests = seen();
  ASSERT_EQ(requests.size(), 3u);
  for (std::size_t i = 1; i < requests.size(); ++i) {
    EXPECT_GE(requests[i].at - requests[i - 1].at, 3s) << "request " << i;
  }
}

TEST_F(LiveRun, AtomSourceFetchesTheAtomFeed) {
  write_config(R"("kind": "atom", "max_retries": 0)", R"("cs.AI", "cs.LG")");
  const std::string atom =
      read_file(testing::fixture_path("feeds/atom_cs.AI+cs.LG_2026-02-12.xml"));
  serve([&](const httplib::Request&, httplib::Response& res, int) {
    res.set_content(atom, "application/atom+xml");
  });
  ASSERT_EQ(run_live(), ExitCode::ok);
  const auto requests = seen();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].path, "/atom/cs.AI+cs.LG");
  EXPECT_THAT(file("live/README.md"), ::testing::HasSubstr("2026-02-12: 5 items from 1 source"));
}

TEST_F(LiveRun, ApiSourceCountsSubmissionsAsNew) {
  write_config(R"("kind": "api", "max_retries": 0)");
  serve([](const httplib::Request&, httplib::Response& res, int) {
    res.set_content(testing::api_feed(1, 0, "2026-02-12",
                                      {{"2602.30000", 1, "LLM agents", "LLM agents.", {"cs.CL"}}}),
                    "application/atom+xml");
  });
  ASSERT_EQ(run_live(), ExitCode::ok);
  EXPECT_EQ(seen().at(0).path, "/api/query");
  EXPECT_THAT(file("live/README.md"), ::testing::HasSubstr("**Type**: new  "));
}

// A failed run leaves README and archive byte-identical; returns the failing run's exit code.
class LiveRunFault : public LiveRun {
 protected:
  std::string readme_;
  std::string archive_;

  void run_good_day() {
    const std::string feed = capture("rss_cs.CL_2026-02-12.xml");
    serve([feed](const httplib::Request&, httplib::Response& res, int) { send_feed(res, feed); });
    ASSERT_EQ(run_live(), ExitCode::ok);
    readme_ = file("live/README.md");
    archive_ = file("live/data/2026-02-12.jsonl");
  }
  void expect_unchanged() {
    EXPECT_EQ(file("live/README.md"), readme_);
    EXPECT_EQ(file("live/data/2026-02-12.jsonl"), archive_);
  }
  std::string status() { return file("live/state/last_run.json"); }
};

TEST_F(LiveRunFault, TruncatedXmlFailsAndChangesNothing) {
  const std::string feed = CAPTURE_OR_SKIP("rss_cs.CL_2026-02-12.xml");
  run_good_day();
  serve([&](const httplib::Request&, httplib::Response& res, int) {
    send_feed(res, feed.substr(0, feed.size() / 2));
  });
  EXPECT_EQ(run_live(), ExitCode::failed);
  expect_unchanged();
  EXPECT_THAT(status(), ::testing::HasSubstr("byte")) << status();
  EXPECT_THAT(status(), ::testing::HasSubstr(server_.url("/rss/cs.CL")));
}

TEST_F(LiveRunFault, HtmlPageWithStatus200FailsAndChangesNothing) {
  CAPTURE_OR_SKIP("rss_cs.CL_2026-02-12.xml");
  run_good_day();
  serve([](const httplib::Request&, httplib::Response& res, int) {
    res.set_content(
        "<!DOCTYPE html><html><head><title>arXiv is down for maintenance</title>"
        "</head><body>back soon</body></html>",
        "text/html");
  });
  EXPECT_EQ(run_live(), ExitCode::failed);
  expect_unchanged();
  EXPECT_THAT(status(), ::testing::HasSubstr("HTML")) << status();
}

TEST_F(LiveRunFault, DroppedConnectionFailsAfterRetriesAndChangesNothing) {
  CAPTURE_OR_SKIP("rss_cs.CL_2026-02-12.xml");
  run_good_day();
  serve([](const httplib::Request&, httplib::Response& res, int) {
    res.set_content_provider(100000, "application/rss+xml",
                             [](std::size_t, std::size_t, httplib::DataSink& sink) {
                               sink.write("<?xml version='1.0'?><rss version=\"2.0\">", 40);
                               return false;  // close the connection mid-body
                             });
  });
  EXPECT_EQ(run_live(), ExitCode::failed);
  expect_unchanged();
  EXPECT_EQ(seen().size(), 3u);  // first try + max_retries 2
}

TEST_F(LiveRunFault, ResponseSlowerThanTheTimeoutFails) {
  CAPTURE_OR_SKIP("rss_cs.CL_2026-02-12.xml");
  run_good_day();
  write_config(R"("timeout_s": 1, "max_retries": 0)");
  serve([this](const httplib::Request&, httplib::Response& res, int) {
    release_.wait(5s);
    res.set_content("too late", "text/plain");
  });
  EXPECT_EQ(run_live(), ExitCode::failed);
  release_.open();
  expect_unchanged();
  EXPECT_THAT(status(), ::testing::HasSubstr("timed out")) << status();
}

TEST_F(LiveRunFault, ArxivFeedErrorNamesTheCategory) {
  const std::string error_feed = CAPTURE_OR_SKIP("rss_error_bad_archive_astroph.xml");
  run_good_day();
  serve([&](const httplib::Request&, httplib::Response& res, int) { send_feed(res, error_feed); });
  EXPECT_EQ(run_live(), ExitCode::failed);
  expect_unchanged();
  EXPECT_THAT(status(), ::testing::HasSubstr("astroph")) << status();
}

TEST_F(LiveRun, EmptyWeekendFeedKeepsTheDigestAndSaysWhy) {
  const std::string feed = CAPTURE_OR_SKIP("rss_cs.CL_2026-02-12.xml");
  const std::string empty = capture("rss_empty_cs.AI_2025-10-25_saturday.xml");
  serve([&](const httplib::Request&, httplib::Response& res, int) { send_feed(res, feed); });
  ASSERT_EQ(run_live(), ExitCode::ok);
  const std::string before = file("live/README.md");
  serve([&](const httplib::Request&, httplib::Response& res, int) { send_feed(res, empty); });
  clock_.advance(48h);
  ASSERT_EQ(run_live(), ExitCode::ok);
  const std::string after = file("live/README.md");
  const auto papers = before.find("## 📚 Recent Papers");
  EXPECT_EQ(after.substr(after.find("## 📚 Recent Papers")), before.substr(papers));
  EXPECT_THAT(after, ::testing::HasSubstr("arXiv announced nothing for this day"));
}

TEST_F(LiveRun, GzipEncodedFeedIsDecoded) {
  const std::string feed = CAPTURE_OR_SKIP("rss_cs.CL_2026-02-12.xml");
  std::string gz(compressBound(static_cast<uLong>(feed.size())) + 64, '\0');
  z_stream stream{};
  ASSERT_EQ(deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(feed.data()));
  stream.avail_in = static_cast<uInt>(feed.size());
  stream.next_out = reinterpret_cast<Bytef*>(gz.data());
  stream.avail_out = static_cast<uInt>(gz.size());
  ASSERT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  gz.resize(stream.total_out);
  deflateEnd(&stream);
  serve([&](const httplib::Request&, httplib::Response& res, int) {
    res.set_header("Content-Encoding", "gzip");
    res.set_content(gz, "application/rss+xml");
  });
  ASSERT_EQ(run_live(), ExitCode::ok);
  EXPECT_THAT(file("live/README.md"), ::testing::HasSubstr("### 1. ["));
}

TEST_F(LiveRun, CombinedFeedAtTheCapFallsBackToOneRequestPerCategoryAndReportsAFailure) {
  write_config(R"("timeout_s": 5, "max_retries": 0)", R"("cs.AI", "cs.LG")");
  std::vector<testing::FeedItem> items;
  for (int i = 0; i < 2000; ++i) {
    items.push_back({"2602." + std::to_string(10000 + i),
                     1,
                     "LLM paper " + std::to_string(i),
                     "About LLM agents.",
                     {"cs.LG"}});
  }
  const std::string combined =
      testing::rss_feed("cs.AI, cs.LG", "Thu, 12 Feb 2026 00:00:00 -0500", items);
  const std::string lg =
      testing::rss_feed("cs.LG", "Thu, 12 Feb 2026 00:00:00 -0500",
                        {{"2602.20000", 1, "LLM agents", "LLM agents.", {"cs.LG"}}});
  serve([&](const httplib::Request& req, httplib::Response& res, int) {
    if (req.path == "/rss/cs.AI+cs.LG") {
      send_feed(res, combined);
    } else if (req.path == "/rss/cs.LG") {
      send_feed(res, lg);
    } else {
      res.status = 502;
    }
  });
  EXPECT_EQ(run_live(), ExitCode::partial);
  const auto requests = seen();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[1].path, "/rss/cs.AI");
  EXPECT_EQ(requests[2].path, "/rss/cs.LG");
  EXPECT_THAT(file("live/README.md"),
              ::testing::HasSubstr("[LLM agents](https://arxiv.org/abs/2602.20000)"));
  EXPECT_THAT(file("live/README.md"), ::testing::HasSubstr("HTTP 502"));
  EXPECT_THAT(file("live/state/last_run.json"), ::testing::HasSubstr("\"outcome\": \"partial\""));
}

}  // namespace
}  // namespace arxiv_digest::app
