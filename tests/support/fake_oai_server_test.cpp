// The OAI-PMH fake and the synthetic page generator, checked on their own (libcurl through
// CurlHttpClient against the fake on 127.0.0.1), so that the backfill tests built on them
// test the client and not the fake.

#include "support/fake_oai_server.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <pugixml.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "net/curl_http_client.hpp"
#include "support/oai_pages.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// What a test needs to know of an answer, read with pugixml.
struct OaiTestPage {
  bool parsed = false;
  bool list_records = false;
  std::vector<std::string> ids;
  std::vector<std::string> datestamps;
  int token_elements = 0;
  std::string token;
  std::string expiration;
  std::string error_code;
  std::string error_message;
  int request_attributes = 0;
};

OaiTestPage oai_test_parse(const std::string& body) {
  OaiTestPage out;
  pugi::xml_document doc;
  out.parsed = static_cast<bool>(doc.load_buffer(body.data(), body.size()));
  const pugi::xml_node root = doc.child("OAI-PMH");
  if (!out.parsed || !root) {
    out.parsed = false;
    return out;
  }
  const pugi::xml_node error = root.child("error");
  out.error_code = error.attribute("code").value();
  out.error_message = error.text().get();
  for (const pugi::xml_attribute& attribute : root.child("request").attributes()) {
    (void)attribute;
    ++out.request_attributes;
  }
  const pugi::xml_node list = root.child("ListRecords");
  out.list_records = static_cast<bool>(list);
  for (const pugi::xml_node& record : list.children("record")) {
    const std::string identifier = record.child("header").child("identifier").text().get();
    out.ids.push_back(identifier.substr(identifier.rfind(':') + 1));
    out.datestamps.push_back(record.child("header").child("datestamp").text().get());
  }
  for (const pugi::xml_node& token : list.children("resumptionToken")) {
    ++out.token_elements;
    out.token = token.text().get();
    out.expiration = token.attribute("expirationDate").value();
  }
  return out;
}

// RFC 3986 percent-encoding of everything but the unreserved characters.
std::string oai_test_encode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4U];
      out += kHex[byte & 0xFU];
    }
  }
  return out;
}

// The record ids of a page as the fake's input holds them.
std::vector<std::string> oai_test_ids(const std::string& page) { return oai_test_parse(page).ids; }

class FakeOai : public ::testing::Test {
 protected:
  void SetUp() override { server_.start(); }

  Result<HttpResponse> get(const std::string& query) {
    HttpRequest request;
    request.url = server_.base_url() + "?" + query;
    request.timeout = std::chrono::seconds(20);
    return http_.send(request);
  }
  // The answer's body, failing the test on a network error or a status other than 200.
  std::string get_ok(const std::string& query) {
    const auto response = get(query);
    if (!response) {
      ADD_FAILURE() << query << ": " << response.error().message;
      return {};
    }
    EXPECT_EQ(response->status, 200) << query << ": " << response->body;
    return response->body;
  }
  OaiTestPage first(const std::string& arguments) {
    return oai_test_parse(get_ok("verb=ListRecords&metadataPrefix=arXivRaw&" + arguments));
  }
  OaiTestPage next(const std::string& token) {
    return oai_test_parse(get_ok("verb=ListRecords&resumptionToken=" + oai_test_encode(token)));
  }

  // The three real ListRecords captures chained as one stream: arXivRaw (with the old server's
  // token), then two pages of the `arXiv` format. Empty (and the test skipped) when absent.
  std::vector<std::string> real_pages() {
    const auto dir = shared_data_dir();
    if (!dir) {
      return {};
    }
    return {read_file(*dir + "/oai/mikesaelim-arXivOAIHarvester/ListRecordsResponse.xml"),
            read_file(*dir + "/oai/inspirehep-hepcrawl/arxiv-physics-hep-ex.xml"),
            read_file(*dir + "/oai/inspirehep-hepcrawl/arxiv-physics-hep-th.xml")};
  }

  static std::vector<std::string> synthetic(int pages, int records) {
    SyntheticOaiOptions options;
    options.pages = pages;
    options.records_per_page = records;
    options.abstract_chars = 200;
    return synthetic_oai_pages(options);
  }

  FakeOaiServer server_;
  net::CurlHttpClient http_;
};

#define OAI_REAL_PAGES_OR_SKIP()                                                             \
  __extension__({                                                                            \
    auto pages_ = real_pages();                                                              \
    if (pages_.empty()) {                                                                    \
      GTEST_SKIP() << "shared data folder not found (set ARXIV_DIGEST_DATA_DIR); needs the " \
                      "ListRecords captures in oai/";                                        \
    }                                                                                        \
    pages_;                                                                                  \
  })

TEST_F(FakeOai, ChainsThreeRealPagesByItsOwnTokens) {
  const std::vector<std::string> pages = OAI_REAL_PAGES_OR_SKIP();
  server_.set_stream("", pages);

  const OaiTestPage one = first("from=2014-10-01");
  EXPECT_EQ(one.ids, oai_test_ids(pages[0]));
  EXPECT_EQ(one.ids.size(), 6U);
  ASSERT_EQ(one.token_elements, 1) << "the capture's own token must be replaced, not kept";
  EXPECT_NE(one.token, "726959|1001");
  EXPECT_THAT(one.token, HasSubstr("|"));
  EXPECT_THAT(one.token, HasSubstr("%"));
  EXPECT_THAT(one.expiration, ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T00:00:00Z"));

  const OaiTestPage two = next(one.token);
  EXPECT_EQ(two.ids, oai_test_ids(pages[1]));
  ASSERT_EQ(two.token_elements, 1);
  EXPECT_NE(two.token, one.token);
  const OaiTestPage three = next(two.token);
  EXPECT_EQ(three.ids, oai_test_ids(pages[2]));
  // The end of a list reached by token: an empty element.
  EXPECT_EQ(three.token_elements, 1);
  EXPECT_EQ(three.token, "");

  EXPECT_THAT(server_.served_counts(""), ElementsAre(1, 1, 1));
  const auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 3U);
  EXPECT_EQ(requests[1].params.at("resumptionToken"), one.token);
  EXPECT_THAT(requests[1].target, HasSubstr("%7C"));
  EXPECT_EQ(requests[0].token, one.token);
  EXPECT_EQ(requests[2].page, 3);
  EXPECT_EQ(requests[2].token, "");
  EXPECT_LE(requests[0].arrived, requests[1].arrived);
}

TEST_F(FakeOai, SinglePageStreamHasNoTokenElement) {
  const auto path = SHARED_DATA_OR_SKIP("oai/mikesaelim-arXivOAIHarvester/ListRecordsResponse.xml");
  const std::string page = read_file(path);
  ASSERT_THAT(page, HasSubstr("726959|1001"));  // the capture's token, which must go
  server_.set_stream("cs", {page});

  const OaiTestPage only = first("from=2014-10-01&set=cs");
  EXPECT_EQ(only.ids, oai_test_ids(page));
  EXPECT_EQ(only.token_elements, 0);
  EXPECT_EQ(server_.served("cs", 1), 1);
  EXPECT_EQ(server_.requests().front().token, "");
}

TEST_F(FakeOai, FromStartsAtTheFirstPageWithALaterDatestamp) {
  const std::vector<std::string> pages = OAI_REAL_PAGES_OR_SKIP();
  server_.set_stream("", pages);

  // The first capture's datestamps run 2014-11-18 to 2014-12-22: a `from` inside them gets the
  // whole page, earlier records included.
  const OaiTestPage whole = first("from=2014-12-01");
  EXPECT_EQ(whole.ids.size(), 6U);
  EXPECT_THAT(whole.datestamps, ::testing::Contains("2014-11-18"));
  // Past it, the stream starts at the 2017 captures.
  const OaiTestPage later = first("from=2015-01-01");
  EXPECT_EQ(later.ids, oai_test_ids(pages[1]));
  EXPECT_EQ(next(later.token).ids, oai_test_ids(pages[2]));
  // Past every page: nothing.
  EXPECT_EQ(first("from=2030-01-01").error_code, "noRecordsMatch");

  EXPECT_THAT(server_.served_counts(""), ElementsAre(1, 1, 1));
}

TEST_F(FakeOai, RestartFromADatestampServesOnlyTheRestOfASyntheticStream) {
  const auto pages = synthetic(5, 4);
  server_.set_stream("", pages);
  const std::string third = oai_test_parse(pages[2]).datestamps.front();

  const OaiTestPage start = first("from=" + third);
  EXPECT_EQ(start.ids, oai_test_ids(pages[2]));
  const OaiTestPage four = next(start.token);
  EXPECT_EQ(four.ids, oai_test_ids(pages[3]));
  const OaiTestPage five = next(four.token);
  EXPECT_EQ(five.ids, oai_test_ids(pages[4]));
  EXPECT_EQ(five.token_elements, 1);
  EXPECT_EQ(five.token, "");
  EXPECT_THAT(server_.served_counts(""), ElementsAre(0, 0, 1, 1, 1));

  // A first request that lands on the last page is a list that fits on one page: no element.
  const std::string last = oai_test_parse(pages[4]).datestamps.front();
  EXPECT_EQ(first("from=" + last).token_elements, 0);
}

TEST_F(FakeOai, UnavailableIsArxivsOwn503WithRetryAfter) {
  const auto capture = SHARED_DATA_OR_SKIP(
      "oai/paperhive-oai-pmh/2018/extracted/"
      "oaipmh-listrecords---should-list-identifiers-from-arxiv.1.503.body.html");
  server_.set_stream("", synthetic(1, 2));
  OaiFault fault;
  fault.kind = OaiFault::Kind::unavailable;
  fault.retry_after_s = 10;
  server_.fail_request(1, fault);

  const auto refused = get("verb=ListRecords&metadataPrefix=arXivRaw&from=2026-01-01");
  ASSERT_OK(refused);
  EXPECT_EQ(refused->status, 503);
  EXPECT_EQ(refused->headers.at("retry-after"), "10");
  EXPECT_EQ(refused->headers.at("content-type"), "text/html");
  EXPECT_EQ(refused->body, read_file(capture));
  EXPECT_EQ(FakeOaiServer::unavailable_body(3),
            "<html><body>\n<h1>Retry after 3 seconds</h1>\n</body></html>\n");

  // The same request again is answered.
  EXPECT_EQ(first("from=2026-01-01").ids.size(), 2U);
  const auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 2U);
  EXPECT_EQ(requests[0].fault, OaiFault::Kind::unavailable);
  EXPECT_EQ(requests[0].status, 503);
  EXPECT_EQ(requests[0].page, 0);
  EXPECT_EQ(requests[1].fault, std::nullopt);
  EXPECT_EQ(server_.served("", 1), 1);
}

TEST_F(FakeOai, ExpiredTokenStaysExpiredAndARestartGetsFreshTokens) {
  server_.set_stream("", synthetic(3, 2));
  OaiFault expired;
  expired.kind = OaiFault::Kind::expired_token;
  server_.fail_request(2, expired);

  const OaiTestPage one = first("from=2026-01-01");
  const OaiTestPage refused = next(one.token);
  EXPECT_EQ(refused.error_code, "badResumptionToken");
  EXPECT_EQ(refused.error_message, FakeOaiServer::kBadTokenMessage);
  EXPECT_EQ(next(one.token).error_code, "badResumptionToken") << "a token does not come back";

  // The client's restart: a first request again, whose token is new and good.
  const OaiTestPage again = first("from=2026-01-01");
  EXPECT_NE(again.token, one.token);
  const OaiTestPage two = next(again.token);
  EXPECT_EQ(two.error_code, "");
  EXPECT_EQ(two.ids.size(), 2U);

  const auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 5U);
  EXPECT_EQ(requests[1].fault, OaiFault::Kind::expired_token);
  EXPECT_EQ(requests[1].error, "badResumptionToken");
  EXPECT_EQ(requests[2].fault, std::nullopt);
  EXPECT_EQ(requests[2].error, "badResumptionToken");
  EXPECT_THAT(server_.served_counts(""), ElementsAre(2, 1, 0));
}

TEST_F(FakeOai, ExpireTokensRefusesEveryTokenIssuedBefore) {
  server_.set_stream("", synthetic(3, 2));
  const OaiTestPage one = first("from=2026-01-01");
  const OaiTestPage two = next(one.token);
  server_.expire_tokens();

  EXPECT_EQ(next(one.token).error_code, "badResumptionToken");
  EXPECT_EQ(next(two.token).error_code, "badResumptionToken");
  const OaiTestPage fresh = first("from=2026-01-01");
  EXPECT_EQ(next(fresh.token).error_code, "");
}

TEST_F(FakeOai, UnknownSetAndUnknownTokenAreOaiErrors) {
  server_.set_stream("cs", synthetic(2, 2));

  const OaiTestPage moo = first("from=2026-01-01&set=moo");
  EXPECT_EQ(moo.error_code, "noRecordsMatch");
  EXPECT_THAT(moo.error_message, HasSubstr("'moo'"));
  EXPECT_EQ(first("from=2026-01-01").error_code, "noRecordsMatch") << "no any-set stream";
  EXPECT_EQ(first("from=2026-01-01&set=cs").ids.size(), 2U);
  EXPECT_EQ(next("fake|cs|2|999|+&=%").error_code, "badResumptionToken");

  // The any-set stream answers sets without a stream of their own.
  server_.set_stream("", synthetic(1, 3));
  EXPECT_EQ(first("from=2026-01-01&set=moo").ids.size(), 3U);
  const auto requests = server_.requests();
  EXPECT_EQ(requests.back().set, "");
  EXPECT_EQ(requests.back().params.at("set"), "moo");
}

TEST_F(FakeOai, ArgumentErrorsAreOaiErrorDocuments) {
  server_.set_stream("", synthetic(2, 2));
  const auto code = [&](const std::string& query) {
    const OaiTestPage page = oai_test_parse(get_ok(query));
    EXPECT_TRUE(page.parsed) << query;
    return page.error_code;
  };
  EXPECT_EQ(code("metadataPrefix=arXivRaw"), "badVerb");
  EXPECT_EQ(code("verb=Identify"), "badVerb");
  EXPECT_EQ(code("verb=ListRecords&from=2026-01-01"), "badArgument");
  EXPECT_EQ(code("verb=ListRecords&metadataPrefix=arXivRaw&from=2026-1-1"), "badArgument");
  EXPECT_EQ(code("verb=ListRecords&metadataPrefix=arXivRaw&from=2026-02-01&until=2026-01-01"),
            "badArgument");
  EXPECT_EQ(code("verb=ListRecords&metadataPrefix=arXivRaw&identifier=x"), "badArgument");
  EXPECT_EQ(code("verb=ListRecords&metadataPrefix=oai_dc"), "cannotDisseminateFormat");
  EXPECT_EQ(code("verb=ListRecords&metadataPrefix=arXiv"), "");

  const OaiTestPage one = first("from=2026-01-01");
  EXPECT_EQ(code("verb=ListRecords&metadataPrefix=arXivRaw&resumptionToken=" +
                 oai_test_encode(one.token)),
            "badArgument")
      << "resumptionToken is exclusive";
  // OAI-PMH 3.6: a badArgument's request element has no attributes; other errors echo them.
  EXPECT_EQ(oai_test_parse(get_ok("verb=ListRecords")).request_attributes, 0);
  const std::string format = get_ok("verb=ListRecords&metadataPrefix=oai_dc&set=moo");
  EXPECT_EQ(oai_test_parse(format).request_attributes, 3);
  // Written with single quotes, as the new server writes them.
  EXPECT_THAT(format, HasSubstr("<error code='cannotDisseminateFormat'>"));
  EXPECT_THAT(format, HasSubstr("set='moo'"));

  HttpRequest elsewhere;
  elsewhere.url = "http://127.0.0.1:" + std::to_string(server_.port()) + "/oai2?verb=ListRecords";
  const auto missing = http_.send(elsewhere);
  ASSERT_OK(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST_F(FakeOai, AnUnencodedTokenIsNotTheToken) {
  server_.set_stream("", synthetic(2, 2));
  const OaiTestPage one = first("from=2026-01-01");
  // Sent raw, its & splits the argument and its + turns into a space.
  const auto raw = get("verb=ListRecords&resumptionToken=" + one.token);
  ASSERT_OK(raw);
  const OaiTestPage refused = oai_test_parse(raw->body);
  EXPECT_FALSE(refused.list_records);
  EXPECT_NE(refused.error_code, "");
  EXPECT_EQ(server_.served("", 2), 0);
}

TEST_F(FakeOai, TruncatedDroppedHtmlAndOaiErrorFaultsReplaceTheAnswer) {
  server_.set_stream("", synthetic(1, 6));
  OaiFault fault;
  fault.kind = OaiFault::Kind::truncated;
  server_.fail_request(1, fault);
  fault.kind = OaiFault::Kind::dropped;
  server_.fail_request(2, fault);
  fault.kind = OaiFault::Kind::html_200;
  server_.fail_request(3, fault);
  fault.kind = OaiFault::Kind::oai_error;
  fault.code = "badArgument";
  fault.message = "Injected.";
  server_.fail_request(4, fault);
  const std::string query = "verb=ListRecords&metadataPrefix=arXivRaw&from=2026-01-01";

  const auto truncated = get(query);
  const auto dropped = get(query);
  const auto html = get(query);
  const auto error = get(query);
  const std::string whole = get_ok(query);

  ASSERT_OK(truncated);
  EXPECT_EQ(truncated->status, 200);
  EXPECT_EQ(truncated->body.size(), whole.size() / 2);
  EXPECT_TRUE(whole.starts_with(truncated->body));
  EXPECT_FALSE(oai_test_parse(truncated->body).parsed);

  ASSERT_FALSE(dropped) << "a connection closed mid-body is a network error";
  EXPECT_EQ(dropped.error().code, ErrorCode::network);

  ASSERT_OK(html);
  EXPECT_EQ(html->status, 200);
  EXPECT_THAT(html->headers.at("content-type"), HasSubstr("text/html"));
  EXPECT_FALSE(oai_test_parse(html->body).parsed);

  ASSERT_OK(error);
  EXPECT_EQ(oai_test_parse(error->body).error_code, "badArgument");
  EXPECT_EQ(oai_test_parse(error->body).error_message, "Injected.");

  EXPECT_EQ(oai_test_parse(whole).ids.size(), 6U);
  // Only the whole page counts as served; the cut ones are in their requests.
  EXPECT_EQ(server_.served("", 1), 1);
  const auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 5U);
  EXPECT_EQ(requests[0].page, 1);
  EXPECT_EQ(requests[0].fault, OaiFault::Kind::truncated);
  EXPECT_EQ(requests[1].status, 0);
  EXPECT_EQ(requests[1].fault, OaiFault::Kind::dropped);
  EXPECT_EQ(requests[2].fault, OaiFault::Kind::html_200);
  EXPECT_EQ(requests[3].error, "badArgument");
  EXPECT_EQ(requests[4].fault, std::nullopt);
}

TEST_F(FakeOai, ObserverSeesEveryRequestInOrder) {
  server_.set_stream("", synthetic(2, 1));
  std::vector<std::string> seen;
  std::mutex seen_mutex;
  server_.on_request([&](const OaiRequest& request) {
    const std::lock_guard lock(seen_mutex);
    seen.push_back(request.target + " " + std::to_string(request.status));
  });
  const OaiTestPage one = first("from=2026-01-01");
  next(one.token);
  const std::lock_guard lock(seen_mutex);
  ASSERT_EQ(seen.size(), 2U);
  EXPECT_EQ(seen[0], "/oai?verb=ListRecords&metadataPrefix=arXivRaw&from=2026-01-01 200");
  EXPECT_THAT(seen[1], HasSubstr("resumptionToken=fake%7C"));
}

TEST(FakeOaiStream, RefusesPagesThatAreNotListRecords) {
  FakeOaiServer server;
  EXPECT_THROW(server.set_stream("", {}), std::invalid_argument);
  EXPECT_THROW(server.set_stream("", {"<OAI-PMH><ListRecords>"}), std::invalid_argument);
  EXPECT_THROW(server.set_stream("", {"<OAI-PMH><error code='badVerb'/></OAI-PMH>"}),
               std::invalid_argument);
}

// ---- synthetic_oai_pages

const char* const kOaiTestWeekdayDate =
    R"(^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [1-9][0-9]? (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 20[0-9]{2} [0-2][0-9]:[0-5][0-9]:[0-5][0-9] GMT$)";

TEST(SyntheticOaiPages, PagesHaveTheAskedRecordsInTheArxivRawShape) {
  SyntheticOaiOptions options;
  options.pages = 4;
  options.records_per_page = 25;
  options.first_date = "2026-02-02";  // a Monday
  const std::vector<std::string> pages = synthetic_oai_pages(options);
  ASSERT_EQ(pages.size(), 4U);

  const std::regex id_form(R"(^[0-9]{4}\.[0-9]{5}$)");
  const std::regex date_form(kOaiTestWeekdayDate);
  const std::set<std::string> allowed(options.categories.begin(), options.categories.end());
  std::set<std::string> ids;
  std::string previous_datestamp;
  std::vector<std::string> latest_days;  // "Mon, 2 Feb 2026" of each page's records
  int revised = 0;
  int with_keyword = 0;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(pages[p].c_str())) << "page " << p + 1;
    const pugi::xml_node list = doc.child("OAI-PMH").child("ListRecords");
    ASSERT_TRUE(list);
    int records = 0;
    std::set<std::string> days;
    for (const pugi::xml_node& record : list.children("record")) {
      ++records;
      const pugi::xml_node header = record.child("header");
      const std::string identifier = header.child("identifier").text().get();
      ASSERT_TRUE(identifier.starts_with("oai:arXiv.org:")) << identifier;
      const std::string id = identifier.substr(14);
      EXPECT_TRUE(std::regex_match(id, id_form)) << id;
      EXPECT_TRUE(ids.insert(id).second) << "duplicate id " << id;
      const std::string datestamp = header.child("datestamp").text().get();
      EXPECT_GE(datestamp, previous_datestamp);
      previous_datestamp = datestamp;
      EXPECT_TRUE(header.child("setSpec"));

      const pugi::xml_node raw = record.child("metadata").child("arXivRaw");
      ASSERT_TRUE(raw);
      EXPECT_STREQ(raw.attribute("xmlns").value(), "http://arxiv.org/OAI/arXivRaw/");
      EXPECT_EQ(raw.child("id").text().get(), id);
      EXPECT_STRNE(raw.child("submitter").text().get(), "");
      int versions = 0;
      std::string last_date;
      for (const pugi::xml_node& version : raw.children("version")) {
        ++versions;
        EXPECT_EQ(version.attribute("version").value(), "v" + std::to_string(versions));
        last_date = version.child("date").text().get();
        EXPECT_TRUE(std::regex_match(last_date, date_form)) << last_date;
        EXPECT_THAT(version.child("size").text().get(), ::testing::EndsWith("kb"));
      }
      ASSERT_GE(versions, 1);
      ASSERT_LE(versions, 3);
      revised += versions > 1 ? 1 : 0;
      days.insert(last_date.substr(0, last_date.size() - 13));  // without " HH:MM:SS GMT"
      EXPECT_STRNE(raw.child("title").text().get(), "");
      const std::string authors = raw.child("authors").text().get();
      EXPECT_FALSE(authors.empty());
      if (authors.find(", ") != std::string::npos) {
        EXPECT_THAT(authors, HasSubstr(", and ")) << authors;
      }
      std::istringstream categories(raw.child("categories").text().get());
      for (std::string category; categories >> category;) {
        EXPECT_TRUE(allowed.contains(category)) << category;
      }
      EXPECT_THAT(raw.child("comments").text().get(), HasSubstr("pages"));
      EXPECT_THAT(raw.child("license").text().get(), HasSubstr("licenses"));
      std::string abstract = raw.child("abstract").text().get();
      EXPECT_GE(abstract.size(), options.abstract_chars);
      EXPECT_LE(abstract.size(), options.abstract_chars + 500);
      EXPECT_TRUE(abstract.starts_with("  ") && abstract.ends_with("\n")) << abstract;
      // A phrase may wrap onto the next line, as in real abstracts.
      std::replace(abstract.begin(), abstract.end(), '\n', ' ');
      if (abstract.find("language model") != std::string::npos ||
          abstract.find("quantization") != std::string::npos) {
        ++with_keyword;
      }
    }
    EXPECT_EQ(records, 25) << "page " << p + 1;
    ASSERT_EQ(days.size(), 1U) << "a page is one submission day";
    latest_days.push_back(*days.begin());
    // Old-server tokens on all but the last page, which has an empty one.
    const pugi::xml_node token = list.child("resumptionToken");
    ASSERT_TRUE(token);
    EXPECT_EQ(std::string(token.text().get()).empty(), p + 1 == pages.size());
  }
  EXPECT_THAT(latest_days, ElementsAre("Mon, 2 Feb 2026", "Tue, 3 Feb 2026", "Wed, 4 Feb 2026",
                                       "Thu, 5 Feb 2026"));
  EXPECT_EQ(ids.size(), 100U);
  EXPECT_GT(revised, 0);
  EXPECT_LT(revised, 50);
  EXPECT_EQ(with_keyword, 20) << "every 5th record of 100";
}

TEST(SyntheticOaiPages, WeekendsAreSkippedAndIdsStayUniqueOverMonths) {
  SyntheticOaiOptions options;
  options.pages = 60;  // 12 weeks: ids over three months, revised v1s over more
  options.records_per_page = 20;
  options.first_date = "2026-01-30";  // a Friday: page 2 is Monday
  options.abstract_chars = 100;
  const auto pages = synthetic_oai_pages(options);
  ASSERT_EQ(pages.size(), 60U);
  std::set<std::string> ids;
  std::vector<std::string> firsts;
  for (const std::string& page : pages) {
    const OaiTestPage parsed = oai_test_parse(page);
    ASSERT_TRUE(parsed.parsed);
    ids.insert(parsed.ids.begin(), parsed.ids.end());
    firsts.push_back(parsed.datestamps.front());
  }
  EXPECT_EQ(ids.size(), 1200U);
  EXPECT_TRUE(std::is_sorted(firsts.begin(), firsts.end()));
  EXPECT_EQ(std::set<std::string>(firsts.begin(), firsts.end()).size(), 60U)
      << "each page its own datestamp";
  EXPECT_THAT(pages[0], HasSubstr("<date>Fri, 30 Jan 2026 "));
  EXPECT_THAT(pages[1], HasSubstr("<date>Mon, 2 Feb 2026 "));
  EXPECT_EQ(firsts[0], "2026-02-02");  // the weekday after Friday
}

TEST(SyntheticOaiPages, SameOptionsSameBytesAndOnePageHasNoToken) {
  SyntheticOaiOptions options;
  options.pages = 2;
  options.records_per_page = 5;
  EXPECT_EQ(synthetic_oai_pages(options), synthetic_oai_pages(options));
  options.seed = 7;
  const auto other = synthetic_oai_pages(options);
  options.seed = 2026;
  EXPECT_NE(other, synthetic_oai_pages(options));

  options.pages = 1;
  EXPECT_EQ(oai_test_parse(synthetic_oai_pages(options).front()).token_elements, 0);
  options.first_date = "2026-02-30";
  EXPECT_THROW(synthetic_oai_pages(options), std::invalid_argument);
  options.first_date = "2007-04-03";
  options.records_per_page = 20;
  for (const std::string& id : oai_test_parse(synthetic_oai_pages(options).front()).ids) {
    EXPECT_TRUE(std::regex_match(id, std::regex(R"(^0[67][0-9]{2}\.[0-9]{4}$)"))) << id;
  }
}

}  // namespace
}  // namespace arxiv_digest::testing
