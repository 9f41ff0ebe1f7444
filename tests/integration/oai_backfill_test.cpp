// `arxiv-digest backfill` against a loopback OAI-PMH server (FakeOaiServer) serving real captured
// pages and synthetic ones, through the real libcurl client and files in a temp dir, with a
// FakeClock for every wait.
#include "app/backfill/oai_backfill.hpp"

#include <gmock/gmock.h>

#include <map>
#include <set>
#include <sstream>

#include "app/commands/backfill_command.hpp"
#include "app/pipeline/selection_stage.hpp"
#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/config.hpp"
#include "arxiv_digest/oai_pmh.hpp"
#include "db/sqlite_history_index.hpp"
#include "fakes/fake_clock.hpp"
#include "fakes/fake_mail_sender.hpp"
#include "io/real_file_system.hpp"
#include "net/curl_http_client.hpp"
#include "support/fake_oai_server.hpp"
#include "support/log_capture.hpp"
#include "support/oai_pages.hpp"
#include "support/scoped_temp_dir.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

using namespace std::chrono_literals;
using testing::FakeClock;
using testing::FakeOaiServer;
using ::testing::HasSubstr;
using testing::OaiFault;

constexpr char kOaiUserAgent[] = "arxiv-digest-test/1.0 (+https://example.org/contact)";

// What the client sent, and when on the FakeClock: spacing is a property of the client.
class RecordingHttpClient final : public HttpClient {
 public:
  struct Sent {
    std::string url;
    std::map<std::string, std::string> headers;
    FakeClock::TimePoint at;
  };
  RecordingHttpClient(HttpClient& inner, Clock& clock) : inner_(inner), clock_(clock) {}
  Result<HttpResponse> send(const HttpRequest& request) override {
    sent_.push_back({request.url, request.headers, clock_.now()});
    return inner_.send(request);
  }
  const std::vector<Sent>& sent() const { return sent_; }

 private:
  HttpClient& inner_;
  Clock& clock_;
  std::vector<Sent> sent_;
};

class OaiBackfill : public ::testing::Test {
 protected:
  testing::ScopedTempDir temp_;
  FakeOaiServer server_;
  net::CurlHttpClient curl_{net::CurlHttpClientOptions{kOaiUserAgent}};
  FakeClock clock_{FakeClock::default_start() + 6h};
  RecordingHttpClient http_{curl_, clock_};
  io::RealFileSystem fs_;
  db::SqliteHistoryIndex history_{clock_};
  testing::FakeMailSender mail_;
  Ports ports_{http_, fs_, clock_, history_, mail_};
  std::ostringstream out_;

  void SetUp() override {
    server_.start();
    write_config("");
  }

  std::string root() const { return temp_ / "bf"; }

  // A workspace whose categories take every record of the pages served; `extra` is more
  // top-level members.
  void write_config(const std::string& extra) {
    const std::string config =
        R"json({"categories": ["cs", "stat", "math", "physics", "hep-th", "hep-ph", "hep-ex",
            "hep-lat", "astro-ph", "cond-mat", "gr-qc", "quant-ph", "nucl-th", "nucl-ex",
            "math-ph", "nlin", "q-bio"],
            "keywords": ["model", "quantum", "learning", "language model", "quantization",
                         "theory", "data"],
            "announce_types": ["new", "cross", "replace", "replace-cross"],
            "max_papers": 5, "min_score": 0, )json" +
        extra + R"json("source": {"oai_base_url": ")json" + server_.base_url() +
        R"json(", "user_agent": "my-digest/2.0 (mailto:me@example.org)", "max_retries": 2},
            "ai_summary": {"enabled": false}})json";
    ASSERT_OK(fs_.write_atomic(root() + "/config.json", config));
  }

  BackfillOptions range(const std::string& since = "2000-01-01") {
    BackfillOptions options;
    options.config_path = root() + "/config.json";
    options.since = since;
    options.set = "cs";
    return options;
  }

  ExitCode backfill(const BackfillOptions& options) {
    out_.str("");
    return app::backfill(options, ports_, out_);
  }

  BackfillOptions resume() {
    BackfillOptions options;
    options.config_path = root() + "/config.json";
    return options;
  }

  std::vector<std::string> days() {
    auto files = fs_.list(root() + "/data", ".jsonl");
    return files ? *files : std::vector<std::string>{};
  }

  // Every record in the archive, by day file.
  std::map<std::string, std::vector<ArchiveRecord>> archive() {
    std::map<std::string, std::vector<ArchiveRecord>> out;
    for (const auto& path : days()) {
      auto records = parse_archive(testing::read_file(path), path);
      EXPECT_TRUE(records) << records.error().message;
      if (records) {
        out[path.substr(path.size() - 16, 10)] = std::move(records.value());
      }
    }
    return out;
  }

  std::string file(const std::string& relative) {
    return testing::read_file(root() + "/" + relative);
  }

  // Page 2 of 3 comes back as `fault` (not retried: a whole answer), the backfill stops with
  // `why` and is partial; the rerun reads page 2 again, and page 3.
  void stop_at_page_two_and_resume(OaiFault::Kind fault, const std::string& why) {
    server_.set_stream("", synthetic(3, 10));
    server_.fail_request(2, {fault, 0, "", ""});
    {
      testing::LogCapture log;
      EXPECT_EQ(backfill(range("2026-02-02")), ExitCode::partial);
      EXPECT_THAT(log.text(), HasSubstr(why));
      EXPECT_THAT(log.text(), HasSubstr("pages done: 1, saved in"));
    }
    ASSERT_EQ(backfill(resume()), ExitCode::ok) << out_.str();
    EXPECT_EQ(server_.served_counts(""), (std::vector<int>{1, 1, 1}));
  }

  static std::vector<std::string> synthetic(int pages, int records) {
    testing::SyntheticOaiOptions options;
    options.pages = pages;
    options.records_per_page = records;
    options.first_date = "2026-02-02";
    return testing::synthetic_oai_pages(options);
  }
};

#define OAI_CAPTURE_OR_SKIP(relative) testing::read_file(SHARED_DATA_OR_SKIP("oai/" relative))

// What an offline reading of `pages` files into the archive: each record's candidate on its
// day, each day ranked from nothing, in the archived form.
std::map<std::string, std::vector<ArchiveRecord>> offline_archive(
    const std::vector<std::string>& pages, const Config& config, const std::string& since) {
  std::map<std::string, std::vector<Paper>> by_day;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    auto page = parse_oai_page(pages[i], "page " + std::to_string(i + 1));
    EXPECT_TRUE(page) << page.error().message;
    for (const auto& record : page->records) {
      if (auto dated = backfill_paper(record, config.categories, since, "")) {
        by_day[dated->day].push_back(dated->paper);
      }
    }
  }
  std::map<std::string, std::vector<ArchiveRecord>> out;
  for (auto& [day, papers] : by_day) {
    SelectionOptions options = selection_options(config, day);
    Selection selection = select_papers(std::move(papers), {}, options);
    selection.selected = std::min<std::size_t>(selection.candidates.size(), 5);
    if (selection.candidates.empty()) {
      continue;
    }
    for (auto& record : archive_records(selection, day)) {
      out[day].push_back(archived_form(std::move(record)));
    }
  }
  return out;
}

TEST_F(OaiBackfill, ThreeRealPagesFileTheSameRecordsAsParsingThemOffline) {
  const std::vector<std::string> pages{
      OAI_CAPTURE_OR_SKIP("invenio-oaiharvester/sample_arxiv_response_listrecords_cs.xml"),
      OAI_CAPTURE_OR_SKIP("mikesaelim-arXivOAIHarvester/ListRecordsResponse.xml"),
      OAI_CAPTURE_OR_SKIP("invenio-oaiharvester/sample_arxiv_response_listrecords_physics.xml")};
  server_.set_stream("", pages);
  ASSERT_EQ(backfill(range()), ExitCode::ok) << out_.str();

  auto config = parse_config(file("config.json"), "config.json");
  ASSERT_OK(config);
  const auto expected = offline_archive(pages, *config, "2000-01-01");
  ASSERT_GT(expected.size(), 10u);  // the pages' papers spread over many announcement days
  EXPECT_EQ(archive(), expected);
  EXPECT_EQ(server_.served_counts(""), (std::vector<int>{1, 1, 1}));
  EXPECT_THAT(out_.str(), HasSubstr("3 pages, 202 records"));
}

TEST_F(OaiBackfill, RequestsAreSpacedCarryTheUserAgentAndFollowTheTokens) {
  server_.set_stream("", synthetic(3, 20));
  ASSERT_EQ(backfill(range("2026-02-02")), ExitCode::ok) << out_.str();

  const auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].params.at("metadataPrefix"), "arXivRaw");
  EXPECT_EQ(requests[0].params.at("from"), "2026-01-31");  // two days before --since
  EXPECT_EQ(requests[0].params.at("set"), "cs");
  EXPECT_EQ(requests[0].params.count("until"), 0u);
  for (std::size_t i = 1; i < requests.size(); ++i) {
    EXPECT_EQ(requests[i].params.count("resumptionToken"), 1u) << i;
    EXPECT_EQ(requests[i].error, "") << i;  // the token went back exactly, encoded
  }
  const auto& sent = http_.sent();
  for (std::size_t i = 0; i < sent.size(); ++i) {
    EXPECT_EQ(sent[i].headers.at("User-Agent"), "my-digest/2.0 (mailto:me@example.org)");
    if (i > 0) {
      EXPECT_GE(sent[i].at - sent[i - 1].at, 3s) << i;
    }
  }
  auto state = parse_backfill_state(file("state/backfill.json"), "state");
  ASSERT_OK(state);
  EXPECT_TRUE(state->harvested());
  EXPECT_EQ(state->pages, 3);
  EXPECT_EQ(state->records, 60);
}

TEST_F(OaiBackfill, A503WithRetryAfterIsWaitedOutExactlyAndTheSameTokenAskedAgain) {
  server_.set_stream("", synthetic(3, 10));
  server_.fail_request(2, {OaiFault::Kind::unavailable, 7, "", ""});
  ASSERT_EQ(backfill(range("2026-02-02")), ExitCode::ok) << out_.str();

  const auto& sent = http_.sent();
  ASSERT_EQ(sent.size(), 4u);
  EXPECT_EQ(sent[2].at - sent[1].at, 7s);
  EXPECT_EQ(sent[2].url, sent[1].url);
  EXPECT_THAT(sent[1].url, HasSubstr("resumptionToken="));
  EXPECT_EQ(server_.served_counts(""), (std::vector<int>{1, 1, 1}));
}

TEST_F(OaiBackfill, StoppedAfterPageTwoOfFiveTheRerunFetchesOnlyTheRestAndFilesNothingTwice) {
  server_.set_stream("", synthetic(5, 30));
  // Page 3's connection drops, and its retries too: the backfill stops there.
  for (int request = 3; request <= 5; ++request) {
    server_.fail_request(request, {OaiFault::Kind::dropped, 0, "", ""});
  }
  EXPECT_EQ(backfill(range("2026-02-02")), ExitCode::partial) << out_.str();
  EXPECT_EQ(server_.served_counts(""), (std::vector<int>{1, 1, 0, 0, 0}));
  const auto after_two = archive();
  EXPECT_FALSE(after_two.empty());

  ASSERT_EQ(backfill(resume()), ExitCode::ok) << out_.str();
  EXPECT_EQ(server_.served_counts(""), (std::vector<int>{1, 1, 1, 1, 1}));
  std::set<std::string> ids;
  std::size_t records = 0;
  for (const auto& [day, day_records] : archive()) {
    for (const auto& record : day_records) {
      ids.insert(record.paper.id);
      ++records;
    }
  }
  for (const auto& [day, day_records] : after_two) {
    for (const auto& record : day_records) {
      EXPECT_EQ(ids.count(record.paper.id), 1u) << record.paper.id << " of " << day << " is lost";
    }
  }
  EXPECT_EQ(ids.size(), records) << "a paper is filed twice";
}

TEST_F(OaiBackfill, AnExpiredTokenRestartsTheSetFromTheNewestDatestampDone) {
  server_.set_stream("", synthetic(4, 10));
  server_.fail_request(3, {OaiFault::Kind::expired_token, 0, "", ""});
  ASSERT_EQ(backfill(range("2026-02-02")), ExitCode::ok) << out_.str();

  auto second = parse_oai_page(synthetic(4, 10)[1], "page 2");
  ASSERT_OK(second);
  const auto requests = server_.requests();
  ASSERT_GE(requests.size(), 4u);
  EXPECT_EQ(requests[3].params.count("resumptionToken"), 0u);
  EXPECT_EQ(requests[3].params.at("from"), second->records.back().datestamp);
  EXPECT_THAT(out_.str(), HasSubstr("5 pages"));  // page 2 read twice
  EXPECT_THAT(out_.str(), HasSubstr("restarts from " + second->records.back().datestamp));
  // Page 2 holds the newest datestamp done, so it comes again; page 1 does not.
  EXPECT_EQ(server_.served_counts(""), (std::vector<int>{1, 2, 1, 1}));
  std::set<std::string> ids;
  std::size_t records = 0;
  for (const auto& [day, day_records] : archive()) {
    records += day_records.size();
    for (const auto& record : day_records) {
      ids.insert(record.paper.id);
    }
  }
  EXPECT_EQ(ids.size(), records);
}

TEST_F(OaiBackfill, OaiErrorsAreReportedWithTheirCodeAndNothingIsWritten) {
  server_.set_stream("", synthetic(2, 10));
  server_.fail_request(1, {OaiFault::Kind::oai_error, 0, "badArgument", "Illegal argument: moo"});
  testing::LogCapture log;
  EXPECT_EQ(backfill(range("2026-02-02")), ExitCode::failed);
  EXPECT_THAT(log.text(), HasSubstr("OAI-PMH error badArgument: Illegal argument: moo"));
  EXPECT_TRUE(days().empty());
  EXPECT_FALSE(fs_.exists(root() + "/state/backfill.json"));
}

TEST_F(OaiBackfill, NoRecordsMatchIsAnEmptyHarvest) {
  BackfillOptions options = range("2026-02-02");
  options.set = "q-fin";  // no stream: the fake answers noRecordsMatch
  server_.set_stream("cs", synthetic(1, 5));
  ASSERT_EQ(backfill(options), ExitCode::ok) << out_.str();
  EXPECT_THAT(out_.str(), HasSubstr("0 pages, 0 records"));
  EXPECT_TRUE(days().empty());
}

TEST_F(OaiBackfill, ATruncatedPageStopsThereAndTheRerunReadsItAgain) {
  stop_at_page_two_and_resume(OaiFault::Kind::truncated, "truncated download");
}

TEST_F(OaiBackfill, AnHtmlPageWithStatus200StopsThereAndTheRerunReadsItAgain) {
  stop_at_page_two_and_resume(OaiFault::Kind::html_200, "HTML");
}

TEST_F(OaiBackfill, ADayAlreadyInTheArchiveIsLeftAsItIs) {
  const auto pages = synthetic(2, 10);
  server_.set_stream("", pages);
  auto first = parse_oai_page(pages[0], "page 1");
  ASSERT_OK(first);
  auto config = parse_config(file("config.json"), "config.json");
  ASSERT_OK(config);
  std::string day;
  for (const auto& record : first->records) {
    if (auto dated = backfill_paper(record, config->categories, "2026-02-02", "")) {
      day = dated->day;
      break;
    }
  }
  ASSERT_FALSE(day.empty());
  const std::string mine = R"({"digest_date":")" + day +
                           R"(","rank":1,"paper":{"id":"2602.99999","version":1,"title":"Mine"}})"
                           "\n";
  ASSERT_OK(fs_.write_atomic(root() + "/data/" + day + ".jsonl", mine));

  ASSERT_EQ(backfill(range("2026-02-02")), ExitCode::ok) << out_.str();
  EXPECT_EQ(file("data/" + day + ".jsonl"), mine);
  EXPECT_THAT(out_.str(), HasSubstr("left as they were: " + day));
  EXPECT_GT(days().size(), 1u);
}

TEST_F(OaiBackfill, AnotherRangeWhileOneIsUnfinishedIsRefused) {
  server_.set_stream("", synthetic(3, 10));
  for (int request = 2; request <= 4; ++request) {
    server_.fail_request(request, {OaiFault::Kind::dropped, 0, "", ""});
  }
  EXPECT_EQ(backfill(range("2026-02-02")), ExitCode::partial);
  testing::LogCapture log;
  EXPECT_EQ(backfill(range("2026-03-02")), ExitCode::usage);
  EXPECT_THAT(log.text(), HasSubstr("an unfinished backfill of 2026-02-02..now (sets cs)"));
  EXPECT_EQ(backfill(range("2026-02-02")), ExitCode::ok);  // the same range continues it
}

TEST_F(OaiBackfill, BadOptionsAreUsageErrors) {
  EXPECT_EQ(backfill(resume()), ExitCode::usage);  // nothing to continue and no --since
  BackfillOptions reversed = range("2026-03-01");
  reversed.until = "2026-02-01";
  EXPECT_EQ(backfill(reversed), ExitCode::usage);
  BackfillOptions bad = range("2026-02-30");
  EXPECT_EQ(backfill(bad), ExitCode::usage);
  EXPECT_TRUE(server_.requests().empty());
}

}  // namespace
}  // namespace arxiv_digest::app
