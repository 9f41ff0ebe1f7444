// parse_oai_page: the captured old-server responses in ../shared/data/oai (arXivRaw and arXiv
// formats, errors, arXiv's 503 page) and hand-written pages in the new server's style.

#include <gmock/gmock.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "arxiv_digest/oai_pmh.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using ::arxiv_digest::testing::read_file;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

#define OAI_CAPTURE_OR_SKIP(file) SHARED_DATA_OR_SKIP("oai/" + std::string(file))

constexpr std::string_view kSaelim = "mikesaelim-arXivOAIHarvester/";
constexpr std::string_view kInvenio = "invenio-oaiharvester/";
constexpr std::string_view kPaperhive = "paperhive-oai-pmh/";

std::chrono::sys_seconds utc(std::chrono::year_month_day day, int hours, int minutes, int seconds) {
  return std::chrono::sys_days{day} + std::chrono::hours{hours} + std::chrono::minutes{minutes} +
         std::chrono::seconds{seconds};
}

const OaiRecord* find_record(const OaiPage& page, std::string_view id) {
  const auto it = std::find_if(page.records.begin(), page.records.end(),
                               [&](const OaiRecord& record) { return record.id == id; });
  return it == page.records.end() ? nullptr : &*it;
}

std::vector<std::string> record_ids(const OaiPage& page) {
  std::vector<std::string> ids;
  for (const OaiRecord& record : page.records) {
    ids.push_back(record.id);
  }
  return ids;
}

// An OAI-PMH envelope around `body`, in the new server's style (single-quoted attributes).
std::string oai_document(const std::string& body) {
  return "<?xml version='1.0' encoding='UTF-8'?>\n"
         "<OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/'>\n"
         "<responseDate>2025-06-02T10:00:00Z</responseDate>\n"
         "<request verb='ListRecords' metadataPrefix='arXivRaw'>https://oaipmh.arxiv.org/oai"
         "</request>\n" +
         body + "\n</OAI-PMH>\n";
}

// One arXivRaw record; an empty `title` leaves the element out.
std::string raw_record(const std::string& id, const std::string& title,
                       const std::string& versions =
                           "<version version='v1'><date>Mon, 2 Jun 2025 12:00:00 GMT</date>"
                           "<size>10kb</size><source_type>D</source_type></version>") {
  return "<record><header><identifier>oai:arXiv.org:" + id +
         "</identifier><datestamp>2025-06-03</datestamp><setSpec>cs:cs:LG</setSpec></header>"
         "<metadata><arXivRaw xmlns='http://arxiv.org/OAI/arXivRaw/'><id>" +
         id + "</id><submitter>A. Author</submitter>" + versions +
         (title.empty() ? "" : "<title>" + title + "</title>") +
         "<authors>A. Author and B. Author</authors><categories>cs.LG stat.ML</categories>"
         "<abstract>  Text.\n</abstract></arXivRaw></metadata></record>";
}

// --- captured arXivRaw pages ---------------------------------------------------------------

TEST(OaiParser, ReadsTheArxivRawListRecordsPageAndItsToken) {
  const auto path = OAI_CAPTURE_OR_SKIP(std::string(kSaelim) + "ListRecordsResponse.xml");
  const auto page = parse_oai_page(read_file(path), "ListRecordsResponse.xml");
  ASSERT_OK(page);
  EXPECT_THAT(record_ids(*page), ElementsAre("0704.0471", "0704.0716", "0704.0874", "0704.1109",
                                             "0704.1114", "0704.1586"));
  EXPECT_TRUE(page->skipped.empty());
  EXPECT_FALSE(page->error.has_value());
  EXPECT_EQ(page->response_date, "2015-01-06T20:49:59Z");
  // The old server's token carries cursor and completeListSize attributes: the text is the token.
  EXPECT_EQ(page->resumption_token, "726959|1001");
}

TEST(OaiParser, BuildsAPaperFromAnArxivRawRecordLikeAFeedPaper) {
  const auto path = OAI_CAPTURE_OR_SKIP(std::string(kSaelim) + "ListRecordsResponse.xml");
  const auto page = parse_oai_page(read_file(path), "ListRecordsResponse.xml");
  ASSERT_OK(page);
  const OaiRecord* record = find_record(*page, "0704.0471");
  ASSERT_NE(record, nullptr);
  EXPECT_EQ(record->datestamp, "2014-11-18");
  EXPECT_FALSE(record->deleted);
  EXPECT_THAT(record->submitted, ElementsAre(utc(std::chrono::year{2007} / 4 / 3, 22, 4, 11)));
  const Paper& paper = record->paper;
  EXPECT_EQ(paper.id, "0704.0471");
  EXPECT_EQ(paper.version, 1);
  EXPECT_EQ(paper.title,
            "Density dependence of the symmetry energy and the nuclear equation of state: A "
            "Dynamical and Statistical model perspective");
  // arXivRaw's one author string, "A, B, and C", split as the RSS feed's dc:creator is.
  EXPECT_THAT(paper.authors, ElementsAre("D.V. Shetty", "S.J. Yennello", "G.A. Souliotis"));
  EXPECT_THAT(paper.categories, ElementsAre("nucl-ex", "nucl-th"));
  EXPECT_EQ(paper.primary_category, "nucl-ex");
  EXPECT_THAT(paper.abstract,
              StartsWith("The density dependence of the symmetry energy in the equation of state "
                         "of isospin asymmetric nuclear matter"));
  EXPECT_THAT(paper.abstract, HasSubstr("extremely \" stiff \" and \" soft \" form"));
  EXPECT_EQ(paper.abstract.back(), '.');
  EXPECT_EQ(paper.comment, "16 pages, 14 figures");
  EXPECT_EQ(paper.journal_ref, "Phys.Rev.C76:024606,2007; Erratum-ibid.C76:039902,2007");
  EXPECT_EQ(paper.doi, "10.1103/PhysRevC.76.024606 10.1103/PhysRevC.76.039902");
  EXPECT_EQ(paper.license, "");
  EXPECT_EQ(paper.link, "https://arxiv.org/abs/0704.0471");
  EXPECT_EQ(paper.pdf_link, "https://arxiv.org/pdf/0704.0471v1");
  EXPECT_EQ(paper.updated, "2007-04-03");
  EXPECT_EQ(paper.announce_type, "");  // backfill_paper decides
  EXPECT_EQ(paper.published, "");
}

TEST(OaiParser, TakesTheLatestOfSeveralVersions) {
  const auto path = OAI_CAPTURE_OR_SKIP(std::string(kSaelim) + "ListRecordsResponse.xml");
  const auto page = parse_oai_page(read_file(path), "ListRecordsResponse.xml");
  ASSERT_OK(page);
  const OaiRecord* record = find_record(*page, "0704.0716");
  ASSERT_NE(record, nullptr);
  EXPECT_THAT(record->submitted, ElementsAre(utc(std::chrono::year{2007} / 4 / 5, 12, 45, 3),
                                             utc(std::chrono::year{2007} / 9 / 28, 15, 13, 43),
                                             utc(std::chrono::year{2008} / 2 / 29, 16, 5, 39),
                                             utc(std::chrono::year{2008} / 11 / 14, 9, 7, 25)));
  EXPECT_EQ(record->paper.version, 4);
  EXPECT_EQ(record->paper.pdf_link, "https://arxiv.org/pdf/0704.0716v4");
  EXPECT_EQ(record->paper.updated, "2008-11-14");
  EXPECT_THAT(record->paper.categories, ElementsAre("math-ph", "math.MP"));
  EXPECT_EQ(record->paper.license, "http://arxiv.org/licenses/nonexclusive-distrib/1.0/");
  EXPECT_EQ(record->paper.comment,
            "54 pages, 2 figures; v2 updated and slightly expanded; v3 changes in some proofs; v4 "
            "slightly expanded");
  EXPECT_EQ(record->paper.journal_ref,
            "Polygons, polyominoes and polycubes, 247-299, Lecture Notes in Phys., 775, Springer, "
            "Dordrecht, 2009");

  const OaiRecord* two = find_record(*page, "0704.1109");
  ASSERT_NE(two, nullptr);
  EXPECT_EQ(two->paper.version, 2);
  EXPECT_THAT(two->paper.authors, ElementsAre("Valeria M. Rosa", "Patricio S. letelier"));
  const OaiRecord* tex = find_record(*page, "0704.1586");
  ASSERT_NE(tex, nullptr);
  EXPECT_EQ(tex->paper.title,
            "Core excitation in the elastic scattering and breakup of $^{11}$Be on protons");
}

TEST(OaiParser, ReadsAGetRecordAnswer) {
  const auto path = OAI_CAPTURE_OR_SKIP(std::string(kSaelim) + "GetRecordResponse.xml");
  const auto page = parse_oai_page(read_file(path), "GetRecordResponse.xml");
  ASSERT_OK(page);
  ASSERT_EQ(page->records.size(), 1U);
  const OaiRecord& record = page->records[0];
  EXPECT_EQ(record.id, "1302.2146");
  EXPECT_EQ(record.datestamp, "2013-04-03");
  EXPECT_EQ(record.paper.title, "The Same-Sign Dilepton Signature of RPV/MFV SUSY");
  EXPECT_THAT(record.paper.authors,
              ElementsAre("Joshua Berger", "Maxim Perelstein", "Michael Saelim", "Philip Tanedo"));
  EXPECT_THAT(record.paper.categories, ElementsAre("hep-ph", "hep-ex"));
  EXPECT_EQ(record.paper.version, 2);
  EXPECT_THAT(record.submitted, ElementsAre(utc(std::chrono::year{2013} / 2 / 8, 21, 0, 1),
                                            utc(std::chrono::year{2013} / 4 / 2, 1, 50, 8)));
  EXPECT_EQ(record.paper.comment, "18 pages, 6 figures; v2: References added");
  EXPECT_FALSE(page->resumption_token.has_value());
}

// --- captured OAI errors --------------------------------------------------------------------

struct OaiErrorCapture {
  std::string file;
  std::string code;
  std::string message;
};

void PrintTo(const OaiErrorCapture& capture, std::ostream* os) { *os << capture.file; }

class OaiParserErrorCapture : public ::testing::TestWithParam<OaiErrorCapture> {};

TEST_P(OaiParserErrorCapture, ReturnsThePageWithTheErrorCodeAndText) {
  const OaiErrorCapture& expected = GetParam();
  const auto path = OAI_CAPTURE_OR_SKIP(expected.file);
  const auto page = parse_oai_page(read_file(path), expected.file);
  ASSERT_OK(page);
  ASSERT_TRUE(page->error.has_value());
  EXPECT_EQ(*page->error, (OaiError{expected.code, expected.message}));
  EXPECT_TRUE(page->records.empty());
  EXPECT_FALSE(page->resumption_token.has_value());
  EXPECT_FALSE(page->response_date.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Captures, OaiParserErrorCapture,
    ::testing::Values(
        OaiErrorCapture{std::string(kSaelim) + "ErrorResponseNoRecordsMatch.xml", "noRecordsMatch",
                        "Set argument doesn't match any sets. The setSpec was 'moo'"},
        OaiErrorCapture{std::string(kSaelim) + "ErrorResponseBadResumptionToken.xml",
                        "badResumptionToken",
                        "The resumptionToken supplied is illegal for this repository"},
        OaiErrorCapture{std::string(kSaelim) + "ErrorResponseBadArgument.xml", "badArgument",
                        "Verb 'ListRecords', illegal argument 'identifier'."},
        OaiErrorCapture{std::string(kSaelim) + "ErrorResponseIdDoesNotExist.xml", "idDoesNotExist",
                        "Identifier 'oai:arXiv.org:0813.2274' has correct form but does not "
                        "correspond to an item in this repository"},
        OaiErrorCapture{std::string(kSaelim) + "ErrorResponseBadVerb.xml", "badVerb",
                        "Bad verb. Verb 'wah' not implemented."},
        // No XML declaration, text on its own indented line, arXiv's typo kept.
        OaiErrorCapture{std::string(kInvenio) + "sample_empty_response.xml", "noRecordsMatch",
                        "No records match the paramaters specified for this selective harvesting "
                        "request."}));

// --- captured `arXiv`-format pages ----------------------------------------------------------

TEST(OaiParser, ReadsTheArxivFormatCsPage) {
  const auto path =
      OAI_CAPTURE_OR_SKIP(std::string(kInvenio) + "sample_arxiv_response_listrecords_cs.xml");
  const auto page = parse_oai_page(read_file(path), "cs.xml");
  ASSERT_OK(page);
  EXPECT_EQ(page->records.size(), 46U);
  EXPECT_TRUE(page->skipped.empty());
  // A complete list that fit on one page: no token element at all.
  EXPECT_FALSE(page->resumption_token.has_value());
  EXPECT_EQ(page->records.front().id, "1101.4388");
  EXPECT_EQ(page->records.back().id, "1501.03810");

  const Paper& first = page->records.front().paper;
  EXPECT_THAT(first.authors, ElementsAre("Guohui Song", "Haizhang Zhang", "Fred J. Hickernell"));
  EXPECT_EQ(first.title, "Reproducing Kernel Banach Spaces with the l1 Norm");
  EXPECT_THAT(first.categories, ElementsAre("stat.ML", "cs.LG", "math.FA"));
  EXPECT_EQ(first.primary_category, "stat.ML");
  // The format has no version number: v1, submitted at 00:00 UTC of `created`.
  EXPECT_EQ(first.version, 1);
  EXPECT_EQ(first.pdf_link, "https://arxiv.org/pdf/1101.4388v1");
  EXPECT_THAT(page->records.front().submitted,
              ElementsAre(std::chrono::sys_days{std::chrono::year{2011} / 1 / 23}));
  EXPECT_EQ(first.updated, "2012-03-28");
  EXPECT_EQ(first.doi, "10.1016/j.acha.2012.03.009");
  EXPECT_EQ(first.journal_ref, "Appl. Comput. Harmon. Anal., 34:96-116, 2013");

  const OaiRecord* czech = find_record(*page, "1404.5569");
  ASSERT_NE(czech, nullptr);
  EXPECT_THAT(czech->paper.authors, ::testing::Contains("Jiří Sgall"));
  const OaiRecord* unrevised = find_record(*page, "1501.03810");
  ASSERT_NE(unrevised, nullptr);
  EXPECT_EQ(unrevised->paper.updated, "2015-01-15");  // no <updated>: `created` stands in
}

TEST(OaiParser, BuildsArxivFormatNamesFromForenamesKeynameAndSuffix) {
  const auto path =
      OAI_CAPTURE_OR_SKIP(std::string(kInvenio) + "sample_arxiv_response_listrecords_physics.xml");
  const auto page = parse_oai_page(read_file(path), "physics.xml");
  ASSERT_OK(page);
  EXPECT_EQ(page->records.size(), 150U);
  EXPECT_TRUE(page->skipped.empty());
  const OaiRecord* suffix = find_record(*page, "1501.03491");
  ASSERT_NE(suffix, nullptr);
  EXPECT_THAT(suffix->paper.authors, ElementsAre("Edésio M. Barboza Jr.", "Rafael C. Nunes",
                                                 "Éverton M. C. Abreu", "Jorge Ananias Neto"));
  const OaiRecord* keyname_only = find_record(*page, "1409.3433");
  ASSERT_NE(keyname_only, nullptr);
  EXPECT_THAT(keyname_only->paper.authors, ElementsAre("ATLAS Collaboration"));
  const OaiRecord* collaboration = find_record(*page, "1309.3322");
  ASSERT_NE(collaboration, nullptr);
  EXPECT_THAT(collaboration->paper.authors,
              ElementsAre("A. G. Knospe", "for the ALICE Collaboration"));
}

TEST(OaiParser, ReadsTheHepcrawlPhysicsSetPages) {
  const auto hep_th = OAI_CAPTURE_OR_SKIP("inspirehep-hepcrawl/arxiv-physics-hep-th.xml");
  const auto th = parse_oai_page(read_file(hep_th), "hep-th.xml");
  ASSERT_OK(th);
  EXPECT_THAT(record_ids(*th), ElementsAre("1412.8323", "1507.07790", "1607.01710"));
  EXPECT_EQ(th->records[0].paper.license, "http://creativecommons.org/licenses/by/4.0/");
  EXPECT_EQ(th->records[0].paper.title,
            "Toolbox for reconstructing quantum theory from rules on information acquisition");
  EXPECT_THAT(th->records[0].paper.categories,
              ElementsAre("quant-ph", "gr-qc", "hep-th", "math-ph", "math.MP", "physics.hist-ph"));
  EXPECT_THAT(th->records[2].paper.authors, ::testing::Contains("A. de Souza Dutra"));

  const auto hep_ex = OAI_CAPTURE_OR_SKIP("inspirehep-hepcrawl/arxiv-physics-hep-ex.xml");
  const auto ex = parse_oai_page(read_file(hep_ex), "hep-ex.xml");
  ASSERT_OK(ex);
  EXPECT_THAT(record_ids(*ex), ElementsAre("1706.05371", "1706.09418", "1707.00874"));
  EXPECT_EQ(ex->records[1].paper.title, "R-Parity Violation at the LHC");
  EXPECT_EQ(ex->records[1].paper.primary_category, "hep-ph");
  EXPECT_EQ(ex->records[0].paper.authors.size(), 13U);
}

TEST(OaiParser, KeepsOldStyleIdsAndParagraphBreaks) {
  const auto path = OAI_CAPTURE_OR_SKIP(
      std::string(kPaperhive) +
      "2018/extracted/oaipmh-listrecords---should-list-identifiers-from-arxiv.2.200.body.xml");
  const auto page = parse_oai_page(read_file(path), "listrecords.xml");
  ASSERT_OK(page);
  EXPECT_THAT(record_ids(*page), ElementsAre("1412.8544", "hep-th/9504118"));
  EXPECT_FALSE(page->resumption_token.has_value());
  const Paper& old_style = page->records[1].paper;
  EXPECT_EQ(old_style.link, "https://arxiv.org/abs/hep-th/9504118");
  EXPECT_EQ(old_style.pdf_link, "https://arxiv.org/pdf/hep-th/9504118v1");
  EXPECT_THAT(page->records[1].submitted,
              ElementsAre(std::chrono::sys_days{std::chrono::year{1995} / 4 / 24}));
  // A newline followed by indentation is a paragraph break, as in the API's summaries.
  EXPECT_THAT(page->records[0].paper.abstract,
              HasSubstr("vertices and deciding embeddability.\n  Continuing their effort"));
  EXPECT_THAT(page->records[0].paper.authors, ElementsAre("Sander Uijlen", "Bas Westerbaan"));
}

TEST(OaiParser, ReadsTheEmptyTokenOfALastPage) {
  // ListIdentifiers, but the only captured last page: an empty element that keeps its attributes.
  const auto path = OAI_CAPTURE_OR_SKIP(
      std::string(kPaperhive) +
      "2016/extracted/oaipmh-listidentifiers---should-list-identifiers-from-arxiv.3.200.body.xml");
  const auto page = parse_oai_page(read_file(path), "listidentifiers.xml");
  ASSERT_OK(page);
  EXPECT_EQ(page->resumption_token, "");
  EXPECT_TRUE(page->records.empty());
}

TEST(OaiParser, SkipsRecordsInAFormatItDoesNotRead) {
  const auto path = OAI_CAPTURE_OR_SKIP("AtomikLabs-aws-iac/test_arxiv_data.xml");  // oai_dc, CRLF
  const auto page = parse_oai_page(read_file(path), "oai_dc.xml");
  ASSERT_OK(page);
  EXPECT_TRUE(page->records.empty());
  ASSERT_EQ(page->skipped.size(), 5U);
  EXPECT_THAT(page->skipped[0].where, StartsWith("record 1 (oai:arXiv.org:"));
  EXPECT_EQ(page->skipped[0].reason, "its metadata is <oai_dc:dc>, expected arXivRaw or arXiv");
  EXPECT_EQ(page->resumption_token, "6960524|1001");
}

// --- bodies that are not OAI-PMH ------------------------------------------------------------

TEST(OaiParser, RecognizesArxivs503Page) {
  const auto path = OAI_CAPTURE_OR_SKIP(
      std::string(kPaperhive) +
      "2018/extracted/oaipmh-listrecords---should-list-identifiers-from-arxiv.1.503.body.html");
  const auto page = parse_oai_page(read_file(path), "oai page 1");
  ASSERT_FALSE(page.has_value());
  EXPECT_EQ(page.error().code, ErrorCode::malformed_input);
  EXPECT_THAT(
      page.error().message,
      StartsWith("oai page 1: this is an HTML page, not an OAI-PMH response (title: \"Retry "
                 "after 10 seconds\")"));
}

TEST(OaiParser, RecognizesAnHtmlPageThatIsNotXml) {
  const auto page =
      parse_oai_page("<!DOCTYPE html>\n<html><head><title>Maintenance</title><br>", "oai page 1");
  ASSERT_FALSE(page.has_value());
  EXPECT_THAT(page.error().message,
              StartsWith("oai page 1: this is an HTML page, not an OAI-PMH response"));
}

TEST(OaiParser, ReportsTheByteOffsetOfATruncatedPage) {
  const std::string xml =
      oai_document("<ListRecords>" + raw_record("2506.00001", "T") + "</ListRecords>");
  const auto page = parse_oai_page(std::string_view(xml).substr(0, 300), "oai page 2");
  ASSERT_FALSE(page.has_value());
  EXPECT_EQ(page.error().code, ErrorCode::malformed_input);
  EXPECT_THAT(page.error().message, StartsWith("oai page 2: byte "));
  EXPECT_THAT(page.error().message, HasSubstr("truncated download?"));
}

TEST(OaiParser, RejectsAnotherRootElementAndAnEmptyBody) {
  const auto rss = parse_oai_page("<rss version=\"2.0\"><channel/></rss>", "oai page 1");
  ASSERT_FALSE(rss.has_value());
  EXPECT_EQ(rss.error().message,
            "oai page 1: not an OAI-PMH response: the root element is <rss>, expected <OAI-PMH>");
  const auto empty = parse_oai_page(" \n", "oai page 1");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().message,
            "oai page 1: empty body (2 bytes), expected an OAI-PMH response");
}

// --- the new server's style, and records that cannot be read ---------------------------------

TEST(OaiParser, ReadsSingleQuotedAttributesAsTheNewServerWritesThem) {
  const auto page = parse_oai_page(
      oai_document("<error code='noRecordsMatch'>No records match.</error>"), "oai page 1");
  ASSERT_OK(page);
  EXPECT_EQ(page->error, (OaiError{"noRecordsMatch", "No records match."}));
  EXPECT_EQ(page->response_date, "2025-06-02T10:00:00Z");
}

TEST(OaiParser, ReadsANewServerTokenAndTrimsIt) {
  const auto page =
      parse_oai_page(oai_document("<ListRecords>" + raw_record("2506.00001", "T") +
                                  "<resumptionToken expirationDate='2025-06-03T00:00:00Z'>\n "
                                  "verb%3DListRecords%26metadataPrefix%3DarXivRaw%26skip%3D2500\n"
                                  "</resumptionToken></ListRecords>"),
                     "oai page 1");
  ASSERT_OK(page);
  EXPECT_EQ(page->resumption_token, "verb%3DListRecords%26metadataPrefix%3DarXivRaw%26skip%3D2500");
  ASSERT_EQ(page->records.size(), 1U);
  EXPECT_THAT(page->records[0].paper.authors, ElementsAre("A. Author", "B. Author"));
  EXPECT_EQ(page->records[0].paper.abstract, "Text.");
}

TEST(OaiParser, ReadsAnEmptyTokenElementAsTheEndOfTheList) {
  const auto page = parse_oai_page(oai_document("<ListRecords>" + raw_record("2506.00001", "T") +
                                                "<resumptionToken/></ListRecords>"),
                                   "oai page 9");
  ASSERT_OK(page);
  EXPECT_EQ(page->resumption_token, "");
}

TEST(OaiParser, ReadsADeletedRecordAsIdAndDatestampOnly) {
  const auto page = parse_oai_page(
      oai_document("<ListRecords><record><header status='deleted'>"
                   "<identifier>oai:arXiv.org:hep-th/9801010</identifier>"
                   "<datestamp>2025-05-30</datestamp><setSpec>physics:hep-th</setSpec></header>"
                   "</record></ListRecords>"),
      "oai page 1");
  ASSERT_OK(page);
  ASSERT_EQ(page->records.size(), 1U);
  const OaiRecord& record = page->records[0];
  EXPECT_EQ(record.id, "hep-th/9801010");
  EXPECT_EQ(record.datestamp, "2025-05-30");
  EXPECT_TRUE(record.deleted);
  EXPECT_TRUE(record.submitted.empty());
  EXPECT_TRUE(page->skipped.empty());
}

TEST(OaiParser, SkipsUnreadableRecordsAndKeepsTheOthers) {
  const std::string no_identifier =
      "<record><header><datestamp>2025-06-03</datestamp></header><metadata/></record>";
  const std::string no_metadata =
      "<record><header><identifier>oai:arXiv.org:2506.00004</identifier></header></record>";
  const std::string bad_date =
      raw_record("2506.00005", "T", "<version version='v1'><date>yesterday</date></version>");
  const std::string no_version = raw_record("2506.00006", "T", "");
  const auto page = parse_oai_page(
      oai_document("<ListRecords>" + raw_record("2506.00001", "First") +
                   raw_record("2506.00002", "") + no_identifier + no_metadata + bad_date +
                   no_version + raw_record("2506.00007", "Last") + "</ListRecords>"),
      "oai page 3");
  ASSERT_OK(page);
  EXPECT_THAT(record_ids(*page), ElementsAre("2506.00001", "2506.00007"));
  const std::vector<SkippedItem> expected = {
      {"record 2 (oai:arXiv.org:2506.00002)", "it has no title"},
      {"record 3", "its <header> has no <identifier>"},
      {"record 4 (oai:arXiv.org:2506.00004)", "it has no <metadata> and is not marked deleted"},
      {"record 5 (oai:arXiv.org:2506.00005)",
       "its <version version=\"v1\"> has the date \"yesterday\", expected \"vN\" and a date like "
       "\"Tue, 3 Apr 2007 22:04:11 GMT\""},
      {"record 6 (oai:arXiv.org:2506.00006)", "its arXivRaw metadata has no <version> element"},
  };
  EXPECT_EQ(page->skipped, expected);
}

TEST(OaiParser, ReadsTwoDigitDaysAndRejectsImpossibleDates) {
  const std::string two_digit =
      "<version version='v1'><date>Fri, 14 Nov 2008 09:07:25 GMT</date></version>"
      "<version version='v2'><date>Mon, 2 Jun 2025 23:59:59 GMT</date></version>";
  const std::string impossible =
      "<version version='v1'><date>Sun, 30 Feb 2025 10:00:00 GMT</date></version>";
  const auto page =
      parse_oai_page(oai_document("<ListRecords>" + raw_record("0811.0001", "T", two_digit) +
                                  raw_record("2502.00001", "T", impossible) + "</ListRecords>"),
                     "oai page 1");
  ASSERT_OK(page);
  ASSERT_EQ(page->records.size(), 1U);
  EXPECT_THAT(page->records[0].submitted,
              ElementsAre(utc(std::chrono::year{2008} / 11 / 14, 9, 7, 25),
                          utc(std::chrono::year{2025} / 6 / 2, 23, 59, 59)));
  EXPECT_EQ(page->records[0].paper.version, 2);
  ASSERT_EQ(page->skipped.size(), 1U);
  EXPECT_EQ(page->skipped[0].where, "record 2 (oai:arXiv.org:2502.00001)");
}

TEST(OaiParser, ReadsVersionDatesOfAnyFourDigitYearFromOneThousand) {
  // Past 2262 the time no longer fits system_clock's nanoseconds; before 1000 it has no
  // YYYY-MM-DD to file the paper under.
  const std::string far =
      "<version version='v1'><date>Mon, 2 Jun 2025 12:00:00 GMT</date></version>"
      "<version version='v2'><date>Sat, 06 Nov 9999 08:49:37 GMT</date></version>";
  const std::string ancient =
      "<version version='v1'><date>Mon, 01 Jan 0001 00:00:00 GMT</date></version>";
  const auto page =
      parse_oai_page(oai_document("<ListRecords>" + raw_record("2506.00001", "T", far) +
                                  raw_record("2506.00002", "T", ancient) + "</ListRecords>"),
                     "oai page 1");
  ASSERT_OK(page);
  ASSERT_EQ(page->records.size(), 1U);
  EXPECT_EQ(page->records[0].submitted.back().time_since_epoch().count(), 253'397'494'177LL);
  EXPECT_EQ(page->records[0].paper.updated, "9999-11-06");
  ASSERT_EQ(page->skipped.size(), 1U);
  EXPECT_EQ(page->skipped[0].where, "record 2 (oai:arXiv.org:2506.00002)");
}

}  // namespace
}  // namespace arxiv_digest
