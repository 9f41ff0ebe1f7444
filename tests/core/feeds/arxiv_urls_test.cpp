#include "arxiv_digest/arxiv_urls.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

const std::vector<std::string> kTwo = {"cs.AI", "cs.CL"};

TEST(ArxivUrls, EmptyBaseUrlMeansArxivHosts) {
  EXPECT_EQ(arxiv_hosts(""),
            (ArxivHosts{"https://rss.arxiv.org", "https://export.arxiv.org", "https://arxiv.org"}));
}

TEST(ArxivUrls, BaseUrlReplacesBothHostsWithoutTrailingSlash) {
  EXPECT_EQ(
      arxiv_hosts("http://127.0.0.1:8080/"),
      (ArxivHosts{"http://127.0.0.1:8080", "http://127.0.0.1:8080", "http://127.0.0.1:8080"}));
  EXPECT_EQ(arxiv_hosts("https://mirror.example.org/arxiv//").api,
            "https://mirror.example.org/arxiv");
}

TEST(ArxivUrls, RssAndAtomFeedsAskForAllCategoriesAtOnce) {
  const ArxivHosts hosts;
  EXPECT_EQ(feed_url(FeedKind::rss, {"cs.AI", "cs.CL", "cs.DC", "cs.LG"}, hosts),
            "https://rss.arxiv.org/rss/cs.AI+cs.CL+cs.DC+cs.LG");
  EXPECT_EQ(feed_url(FeedKind::atom, kTwo, hosts), "https://rss.arxiv.org/atom/cs.AI+cs.CL");
  EXPECT_EQ(feed_url(FeedKind::rss, {"math-ph"}, arxiv_hosts("http://127.0.0.1:9/")),
            "http://127.0.0.1:9/rss/math-ph");
}

TEST(ArxivUrls, EncodesOddCharactersInCategories) {
  EXPECT_EQ(feed_url(FeedKind::rss, {"cs AI", "a/b"}, ArxivHosts{}),
            "https://rss.arxiv.org/rss/cs%20AI+a%2Fb");
}

TEST(ArxivUrls, ApiFeedIsTheNewestSubmissionsInTheCategories) {
  EXPECT_EQ(feed_url(FeedKind::api, kTwo, ArxivHosts{}),
            "https://export.arxiv.org/api/query?search_query=%28cat:cs.AI+OR+cat:cs.CL%29"
            "&sortBy=submittedDate&sortOrder=descending&start=0&max_results=2000");
}

TEST(ArxivUrls, SearchesCategoriesInASubmittedDateRange) {
  EXPECT_EQ(api_search_url(kTwo, "2026-02-01", "2026-02-12", 0, 2000, ArxivHosts{}),
            "https://export.arxiv.org/api/query?search_query="
            "%28cat:cs.AI+OR+cat:cs.CL%29+AND+submittedDate:%5B202602010000+TO+202602122359%5D"
            "&sortBy=submittedDate&sortOrder=ascending&start=0&max_results=2000");
}

TEST(ArxivUrls, SearchPagesWithStartAndMaxResults) {
  EXPECT_EQ(api_search_url({"cs.LG"}, "2025-12-31", "2026-01-01", 4000, 100,
                           arxiv_hosts("http://127.0.0.1:8080")),
            "http://127.0.0.1:8080/api/query?search_query="
            "cat:cs.LG+AND+submittedDate:%5B202512310000+TO+202601012359%5D"
            "&sortBy=submittedDate&sortOrder=ascending&start=4000&max_results=100");
}

TEST(ArxivUrls, ListsIdsInOneRequest) {
  EXPECT_EQ(api_id_list_url({"2602.10965", "2602.10966v2", "hep-th/9901001"}, ArxivHosts{}),
            "https://export.arxiv.org/api/query?id_list=2602.10965,2602.10966v2,hep-th/9901001"
            "&start=0&max_results=3");
}

TEST(ArxivUrls, PdfOfAVersionOnArxivOrAMirror) {
  EXPECT_EQ(pdf_url("2602.10965v2", ArxivHosts{}), "https://arxiv.org/pdf/2602.10965v2");
  EXPECT_EQ(pdf_url("hep-th/9901001v1", arxiv_hosts("http://127.0.0.1:8080/")),
            "http://127.0.0.1:8080/pdf/hep-th/9901001v1");
}

TEST(ArxivUrls, OaiListRecordsAsksForArxivRawFromADateInASet) {
  EXPECT_EQ(oai_list_records_url("https://oaipmh.arxiv.org/oai/", "physics:hep-th", "2026-01-03"),
            "https://oaipmh.arxiv.org/oai?verb=ListRecords&metadataPrefix=arXivRaw"
            "&from=2026-01-03&set=physics%3Ahep-th");
  EXPECT_EQ(oai_list_records_url("http://127.0.0.1:8080/oai", "", "2026-01-03"),
            "http://127.0.0.1:8080/oai?verb=ListRecords&metadataPrefix=arXivRaw&from=2026-01-03");
}

TEST(ArxivUrls, OaiTokensAreEncodedWhole) {
  // The new server's token is a query string encoded twice: its '%' must be encoded again.
  EXPECT_EQ(oai_resume_url("https://oaipmh.arxiv.org/oai",
                           "verb%3DListRecords%26metadataPrefix%3DarXivRaw%26skip%3D2500"),
            "https://oaipmh.arxiv.org/oai?verb=ListRecords&resumptionToken="
            "verb%253DListRecords%2526metadataPrefix%253DarXivRaw%2526skip%253D2500");
  EXPECT_EQ(oai_resume_url("http://h/oai", "726959|1001"),
            "http://h/oai?verb=ListRecords&resumptionToken=726959%7C1001");
}

}  // namespace
}  // namespace arxiv_digest
