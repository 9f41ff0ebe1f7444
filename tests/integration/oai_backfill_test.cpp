// `arxiv-digest backfill` against a loopback OAI-PMH server (FakeOaiServer) serving real captured
// pages and synthetic ones, through the real libcurl client and files in a temp dir, with a
// FakeClock for every wait.
#include "app/backfill/oai_backfill.hpp"

#include <gmock/gmock.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "app/commands/backfill_command.hpp"
#include "app/commands/batch_command.hpp"
#include "app/commands/run_command.hpp"
#include "app/pipeline/selection_stage.hpp"
#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/batch_state.hpp"
#include "arxiv_digest/config.hpp"
#include "arxiv_digest/oai_pmh.hpp"
#include "db/sqlite_history_index.hpp"
#include "fakes/fake_clock.hpp"
#include "fakes/fake_mail_sender.hpp"
#include "fakes/fake_stop.hpp"
#include "io/real_file_system.hpp"
#include "net/curl_http_client.hpp"
#include "support/fake_batch_server.hpp"
#include "support/fake_oai_server.hpp"
#include "support/feed_builder.hpp"
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
  testing::FakeStop stop_;
  Ports ports_{http_, fs_, clock_, history_, mail_, stop_};
  std::ostringstream out_;

  void SetUp() override {
    server_.start();
    write_config("");
  }

  std::string root() const { return temp_ / "bf"; }

  // A workspace whose categories take every record of the pages served; `extra` is more
  // top-level members, `source_extra` more members of "source", `ai_summary` that object.
  void write_config(const std::string& extra, const std::string& source_extra = "",
                    const std::string& ai_summary = R"json({"enabled": false})json") {
    const std::string config =
        R"json({"categories": ["cs", "stat", "math", "physics", "hep-th", "hep-ph", "hep-ex",
            "hep-lat", "astro-ph", "cond-mat", "gr-qc", "quant-ph", "nucl-th", "nucl-ex",
            "math-ph", "nlin", "q-bio"],
            "keywords": ["model", "quantum", "learning", "language model", "quantization",
                         "theory", "data"],
            "announce_types": ["new", "cross", "replace", "replace-cross"],
            "max_papers": 5, "min_score": 0, )json" +
        extra + R"json("source": {"oai_base_url": ")json" + server_.base_url() +
        R"json(", "user_agent": "my-digest/2.0 (mailto:me@example.org)", "max_retries": 2)json" +
        (source_extra.empty() ? "" : ", " + source_extra) + R"json(}, "ai_summary": )json" +
        ai_summary + "}";
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
  EXPECT_THAT(log.text(), HasSubstr("an unfinished backfill of 2026-02-02..2026-02-11 (sets cs)"));
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

constexpr char kBackfillBatchKey[] = "sk-backfill-SENTINEL-5";
constexpr int kBackfillTopSummarized = 3;  // below max_papers (5): only the top of a day is sent

EnvLookup backfill_key_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    return name == "DASHSCOPE_API_KEY" ? std::optional<std::string>(kBackfillBatchKey)
                                       : std::nullopt;
  };
}

// `backfill --summarize` with the provider's Batch API faked on another loopback port.
class OaiBackfillSummaries : public OaiBackfill {
 protected:
  testing::FakeBatchServer batch_{kBackfillBatchKey};

  void SetUp() override {
    OaiBackfill::SetUp();
    batch_.start();
    write_ai_summary("");
  }

  void TearDown() override { batch_.stop(); }

  // Batch mode as the daily runs would use it; `extra` is more members of ai_summary.
  void write_ai_summary(const std::string& extra) {
    write_config("", "",
                 R"json({"base_url": ")json" + batch_.base_url() +
                     R"json(", "mode": "batch", "max_papers_to_summarize": )json" +
                     std::to_string(kBackfillTopSummarized) + extra + "}");
  }

  BackfillOptions summarize_range() {
    BackfillOptions options = range("2026-02-02");
    options.summarize = true;
    options.env = backfill_key_env();
    return options;
  }

  ExitCode collect(std::string* printed) {
    std::ostringstream text;
    const ExitCode code =
        batch_command({root() + "/config.json", "collect", "", backfill_key_env()}, ports_, text);
    *printed = text.str();
    return code;
  }

  std::vector<PendingBatch> pending() {
    auto batches = parse_batch_state(file("state/batches.json"), "state/batches.json");
    EXPECT_TRUE(batches) << batches.error().message;
    return batches ? *batches : std::vector<PendingBatch>{};
  }

  // A batch an earlier daily run left pending: created at the fake (so it can be polled) and
  // listed in state/batches.json as that run would have left it.
  std::string seed_pending_batch() {
    const std::string base = batch_.base_url();
    httplib::Client client(base.substr(0, base.size() - 3));  // without "/v1"
    const httplib::Headers auth{{"Authorization", std::string("Bearer ") + kBackfillBatchKey}};
    const std::string line =
        R"json({"custom_id":"2512.99999v1","method":"POST","url":"/v1/chat/completions",)json"
        R"json("body":{"model":"qwen-long","messages":[{"role":"user","content":"<title>Old</title>\n"}]}})json";
    const httplib::MultipartFormDataItems form{{"file", line + "\n", "earlier.jsonl", ""},
                                               {"purpose", "batch", "", ""}};
    auto uploaded = client.Post("/v1/files", auth, form);
    EXPECT_TRUE(uploaded && uploaded->status == 200);
    if (!uploaded || uploaded->status != 200) {
      return "";
    }
    const std::string file_id = nlohmann::json::parse(uploaded->body)["id"];
    const nlohmann::json create = {{"input_file_id", file_id},
                                   {"endpoint", "/v1/chat/completions"},
                                   {"completion_window", "24h"},
                                   {"metadata", {{"run", "2026-01-15"}}}};
    auto created = client.Post("/v1/batches", auth, create.dump(), "application/json");
    EXPECT_TRUE(created && created->status == 200);
    if (!created || created->status != 200) {
      return "";
    }
    const std::string id = nlohmann::json::parse(created->body)["id"];
    const PendingBatch earlier{id,
                               file_id,
                               {"2512.99999v1"},
                               "earlier-prompt-hash",
                               "qwen-long",
                               SummaryFormat::markdown,
                               SummaryInput::abstract,
                               "2026-01-15T12:00:00Z",
                               "2026-01-15",
                               "/v1/chat/completions"};
    EXPECT_TRUE(fs_.write_atomic(root() + "/state/batches.json", write_batch_state({earlier})));
    return id;
  }

  // The versioned ids of each day's top ranked records, as many as are summarized.
  std::map<std::string, std::vector<std::string>> top_of_each_day() {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& [day, records] : archive()) {
      for (const auto& record : records) {
        if (record.rank && out[day].size() < static_cast<std::size_t>(kBackfillTopSummarized)) {
          out[day].push_back(versioned_id(record.paper));
        }
      }
    }
    return out;
  }
};

TEST_F(OaiBackfillSummaries, EachDaysTopIsSubmittedInBatchesWithoutWaitingThenCollected) {
  server_.set_stream("", synthetic(3, 10));
  const std::string earlier = seed_pending_batch();
  ASSERT_FALSE(earlier.empty());
  const std::size_t seeding_calls = batch_.calls().size();
  ASSERT_EQ(backfill(summarize_range()), ExitCode::ok) << out_.str();
  EXPECT_THAT(out_.str(), HasSubstr("batches submitted"));

  auto state = parse_backfill_state(file("state/backfill.json"), "state");
  ASSERT_OK(state);
  EXPECT_TRUE(state->harvested());
  EXPECT_FALSE(state->summarize);  // done: neither a backfill nor a run submits them again
  EXPECT_THAT(file("state/backfill.json"), HasSubstr(R"("summarize": false)"));

  const auto top = top_of_each_day();
  ASSERT_GE(top.size(), 2u);  // three pages of consecutive weekdays file several days
  std::vector<std::string> days_with_files;
  for (const auto& [day, ids] : top) {
    days_with_files.push_back(day);
  }
  EXPECT_EQ(state->days, days_with_files);

  std::map<std::string, std::vector<std::string>> submitted;  // run → custom_ids, line order
  std::size_t earlier_listed = 0;
  for (const auto& batch : pending()) {
    if (batch.id == earlier) {
      ++earlier_listed;  // polled once (validating → in_progress): still pending
      continue;
    }
    EXPECT_EQ(batch.model, "qwen-long");
    auto& ids = submitted[batch.run];
    ids.insert(ids.end(), batch.custom_ids.begin(), batch.custom_ids.end());
  }
  EXPECT_EQ(earlier_listed, 1u);
  EXPECT_EQ(submitted, top);
  std::size_t backfill_batches = 0;
  for (const auto& batch : batch_.batches()) {
    if (batch["id"] != earlier) {
      ++backfill_batches;
      EXPECT_TRUE(top.count(batch["metadata"]["run"].get<std::string>()) > 0) << batch.dump();
    }
  }
  EXPECT_EQ(backfill_batches, top.size());  // the fake's default limits: one batch a day

  // Summaries of thousands of papers never go through the sync API, and the batches are not
  // waited for. The earlier batch was polled on the first day only, not once per day.
  EXPECT_EQ(batch_.count("POST", "/v1/chat/completions"), 0u);
  EXPECT_EQ(batch_.count("GET", "/v1/batches/" + earlier), 1u);
  EXPECT_EQ(batch_.count("GET", "/v1/batches"), 1u);
  EXPECT_EQ(batch_.calls().size() - seeding_calls, 1u + 2u * top.size());  // GET + upload, POST
  for (const auto& call : batch_.calls()) {
    EXPECT_EQ(call.authorization, std::string("Bearer ") + kBackfillBatchKey) << call.path;
  }
  EXPECT_EQ(clock_.sleeps().size(), 2u);  // the OAI pages' spacing only

  std::string printed;
  // Each collect polls each batch once: validating → in_progress → finalizing → completed.
  for (int round = 1; round <= 3; ++round) {
    ASSERT_EQ(collect(&printed), ExitCode::ok) << printed;
  }
  EXPECT_TRUE(pending().empty()) << printed;
  EXPECT_EQ(batch_.count("POST", "/v1/chat/completions"), 0u);
  std::size_t summarized = 0;
  for (const auto& [day, records] : archive()) {
    const auto& ids = top.at(day);
    for (const auto& record : records) {
      const std::string id = versioned_id(record.paper);
      const bool sent = std::find(ids.begin(), ids.end(), id) != ids.end();
      ASSERT_EQ(record.summary.has_value(), sent) << day << " " << id;
      if (sent) {
        EXPECT_THAT(record.summary->text, HasSubstr(testing::FakeBatchServer::summary_for(id)));
        EXPECT_EQ(record.summary->usage.prompt_tokens, 100);
        ++summarized;
      }
    }
  }
  std::size_t expected = 0;
  for (const auto& [day, ids] : top) {
    expected += ids.size();
  }
  EXPECT_EQ(summarized, expected);
}

TEST_F(OaiBackfillSummaries, WithoutTheKeyItIsAUsageErrorAndNothingIsAsked) {
  server_.set_stream("", synthetic(3, 10));
  BackfillOptions options = summarize_range();
  options.env = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  testing::LogCapture log;
  EXPECT_EQ(backfill(options), ExitCode::usage);
  EXPECT_THAT(log.text(), HasSubstr("set DASHSCOPE_API_KEY"));
  options.env = nullptr;  // no environment at all
  EXPECT_EQ(backfill(options), ExitCode::usage);
  EXPECT_TRUE(server_.requests().empty());
  EXPECT_TRUE(batch_.calls().empty());
  EXPECT_FALSE(fs_.exists(root() + "/state/backfill.json"));
  EXPECT_TRUE(days().empty());
}

TEST_F(OaiBackfillSummaries, PdfInputIsAUsageError) {
  write_ai_summary(R"json(, "input": "pdf")json");
  server_.set_stream("", synthetic(3, 10));
  testing::LogCapture log;
  EXPECT_EQ(backfill(summarize_range()), ExitCode::usage);
  EXPECT_THAT(log.text(), HasSubstr("abstracts only"));
  EXPECT_TRUE(server_.requests().empty());
  EXPECT_TRUE(batch_.calls().empty());
  EXPECT_FALSE(fs_.exists(root() + "/state/backfill.json"));
}

// `run` with an unfinished backfill saved: a live RSS digest from a second loopback server,
// then the rest of the backfill from the OAI one.
class OaiBackfillThenRun : public OaiBackfill {
 protected:
  testing::LoopbackServer rss_;
  std::atomic<int> rss_requests_{0};
  std::mutex asked_mutex_;
  std::vector<bool> readme_when_asked_;  // per OAI request: whether the README was written

  void SetUp() override {
    OaiBackfill::SetUp();
    server_.on_request([this](const testing::OaiRequest&) {
      const bool written = fs_.exists(root() + "/README.md");
      const std::lock_guard lock(asked_mutex_);
      readme_when_asked_.push_back(written);
    });
    const std::vector<testing::FeedItem> items{
        {"2602.31001",
         1,
         "A language model for run days",
         "We train a language model.",
         {"cs.CL"},
         "new"},
        {"2602.31002", 1, "Quantization of the digest", "Quantization theory.", {"cs.LG"}, "new"}};
    const std::string feed = testing::rss_feed("cs", "Thu, 12 Feb 2026 00:00:00 -0500", items);
    rss_.server().Get(R"(/rss/(.*))",
                      [this, feed](const httplib::Request&, httplib::Response& res) {
                        ++rss_requests_;
                        res.set_content(feed, "application/rss+xml");
                      });
    rss_.start();
    write_config("", R"json("base_url": ")json" + rss_.url("") + R"json(")json");
  }

  void TearDown() override { rss_.stop(); }

  std::vector<bool> readme_when_asked() {
    const std::lock_guard lock(asked_mutex_);
    return readme_when_asked_;
  }

  ExitCode run_live() {
    RunOptions options;
    options.config_path = root() + "/config.json";
    options.env = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
    return run(options, ports_);
  }

  // A backfill of four pages stopped after page 2: page 3's connection drops, and its retries.
  void stop_after_page_two_of_four() {
    server_.set_stream("", synthetic(4, 10));
    for (int request = 3; request <= 5; ++request) {
      server_.fail_request(request, {OaiFault::Kind::dropped, 0, "", ""});
    }
    ASSERT_EQ(backfill(range("2026-02-02")), ExitCode::partial) << out_.str();
    ASSERT_EQ(server_.served_counts(""), (std::vector<int>{1, 1, 0, 0}));
  }
};

TEST_F(OaiBackfillThenRun, RunWritesItsDigestThenFinishesTheBackfill) {
  ASSERT_NO_FATAL_FAILURE(stop_after_page_two_of_four());
  const auto before = archive();
  ASSERT_EQ(run_live(), ExitCode::ok);
  EXPECT_EQ(rss_requests_.load(), 1);
  EXPECT_THAT(file("README.md"), HasSubstr("A language model for run days"));
  EXPECT_EQ(server_.served_counts(""), (std::vector<int>{1, 1, 1, 1}));
  // Pages 3 and 4 were asked for only once the run's digest was on disk.
  EXPECT_EQ(readme_when_asked(),
            (std::vector<bool>{false, false, false, false, false, true, true}));
  auto state = parse_backfill_state(file("state/backfill.json"), "state");
  ASSERT_OK(state);
  EXPECT_TRUE(state->harvested());
  EXPECT_EQ(state->pages, 4);
  EXPECT_EQ(state->records, 40);
  const auto after = archive();
  ASSERT_EQ(after.count("2026-02-12"), 1u);  // the run's own day, beside the backfilled ones
  EXPECT_GT(after.size(), before.size() + 1);
  // The backfill never touches the run's day: it is not one of its days.
  EXPECT_EQ(std::count(state->days.begin(), state->days.end(), "2026-02-12"), 0);

  const int asked = server_.request_count();
  ASSERT_EQ(run_live(), ExitCode::ok);  // finished: the next run asks the OAI server nothing
  EXPECT_EQ(server_.request_count(), asked);
}

TEST_F(OaiBackfillThenRun, ABackfillFailingAgainInsideRunIsPartialButTheDigestIsWritten) {
  ASSERT_NO_FATAL_FAILURE(stop_after_page_two_of_four());
  for (int request = 6; request <= 8; ++request) {  // page 3 drops again, retries too
    server_.fail_request(request, {OaiFault::Kind::dropped, 0, "", ""});
  }
  testing::LogCapture log;
  EXPECT_EQ(run_live(), ExitCode::partial);
  EXPECT_THAT(file("README.md"), HasSubstr("A language model for run days"));
  EXPECT_THAT(log.text(), HasSubstr("pages done: 2"));
  EXPECT_EQ(server_.served_counts(""), (std::vector<int>{1, 1, 0, 0}));
  EXPECT_EQ(server_.request_count(), 8);
  EXPECT_EQ(readme_when_asked(),
            (std::vector<bool>{false, false, false, false, false, true, true, true}));
  auto state = parse_backfill_state(file("state/backfill.json"), "state");
  ASSERT_OK(state);
  EXPECT_FALSE(state->harvested());
  EXPECT_EQ(state->pages, 2);
}

}  // namespace
}  // namespace arxiv_digest::app
