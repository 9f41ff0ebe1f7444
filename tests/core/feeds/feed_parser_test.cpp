// parse_feed: kind detection and the errors for bodies that are not a usable feed.

#include <gmock/gmock.h>

#include <string>
#include <vector>

#include "arxiv_digest/feed.hpp"
#include "support/feed_test_helpers.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using ::arxiv_digest::testing::fixture_path;
using ::arxiv_digest::testing::read_file;

constexpr std::string_view kMinimalRss =
    R"(<rss version="2.0"><channel><title>cs.AI updates on arXiv.org</title></channel></rss>)";

TEST(FeedParser, NamesEachKind) {
  EXPECT_EQ(to_string(FeedKind::rss), "rss");
  EXPECT_EQ(to_string(FeedKind::atom), "atom");
  EXPECT_EQ(to_string(FeedKind::api), "api");
}

TEST(FeedParser, ParsesEachKindFromExactlyItsName) {
  for (const FeedKind kind : kFeedKinds) {
    EXPECT_EQ(parse_feed_kind(to_string(kind)), kind) << to_string(kind);
  }
  EXPECT_EQ(parse_feed_kind("RSS"), std::nullopt);
  EXPECT_EQ(parse_feed_kind(" atom"), std::nullopt);
  EXPECT_EQ(parse_feed_kind(""), std::nullopt);
}

TEST(FeedParser, DetectsEachKindFromTheDocument) {
  const auto rss = parse_feed(kMinimalRss, "rss.xml");
  ASSERT_OK(rss);
  EXPECT_EQ(rss->kind, FeedKind::rss);

  const auto atom = parse_feed(
      R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>)", "atom.xml");
  ASSERT_OK(atom);
  EXPECT_EQ(atom->kind, FeedKind::atom);

  const auto api = parse_feed(R"(<feed xmlns="http://www.w3.org/2005/Atom"
      xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
      <opensearch:totalResults>0</opensearch:totalResults></feed>)",
                              "api.xml");
  ASSERT_OK(api);
  EXPECT_EQ(api->kind, FeedKind::api);
  EXPECT_EQ(api->total_results, 0);
}

TEST(FeedParser, AcceptsAByteOrderMarkAndLeadingWhitespace) {
  const auto feed = parse_feed("\xEF\xBB\xBF\n  " + std::string(kMinimalRss), "bom.xml");
  ASSERT_OK(feed);
  EXPECT_EQ(feed->feed_categories, (std::vector<std::string>{"cs.AI"}));
}

TEST(FeedParser, RejectsTheLegacyRdfFeedAndNamesTheReplacement) {
  const auto path = CAPTURE_OR_SKIP("rdf_legacy_cs.CL_2023-07-13.xml");
  const auto feed = parse_feed(read_file(path), "rdf_legacy_cs.CL_2023-07-13.xml");
  ASSERT_FALSE(feed.has_value());
  EXPECT_EQ(feed.error().code, ErrorCode::unsupported_format);
  EXPECT_EQ(feed.error().message,
            "rdf_legacy_cs.CL_2023-07-13.xml: legacy RSS 1.0/RDF feed (export.arxiv.org/rss) is "
            "not supported; use https://rss.arxiv.org/rss/cs.CL");
}

TEST(FeedParser, RejectsAnRdfFeedWithoutATitle) {
  const auto feed =
      parse_feed(R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>)", "r.xml");
  ASSERT_FALSE(feed.has_value());
  EXPECT_EQ(feed.error().code, ErrorCode::unsupported_format);
  EXPECT_TRUE(feed.error().message.ends_with("use https://rss.arxiv.org/rss/CATEGORIES"));
}

TEST(FeedParser, ReportsTheByteOffsetOfTruncatedXml) {
  const std::string xml = read_file(fixture_path("feeds/rss_truncated.xml"));
  ASSERT_EQ(xml.size(), 2600U);
  const auto feed = parse_feed(xml, "rss_truncated.xml");
  ASSERT_FALSE(feed.has_value());
  EXPECT_EQ(feed.error().code, ErrorCode::malformed_input);
  EXPECT_TRUE(feed.error().message.starts_with(
      "rss_truncated.xml: byte 2599: Error parsing start element tag (line 44, column 12)"))
      << feed.error().message;
  EXPECT_THAT(feed.error().message, ::testing::HasSubstr("truncated download?"));
}

TEST(FeedParser, ReportsTheByteOffsetOfAMismatchedTag) {
  const std::string xml = read_file(fixture_path("feeds/rss_mismatched_tag.xml"));
  const auto at = xml.find("</titel>");
  ASSERT_NE(at, std::string::npos);
  const auto feed = parse_feed(xml, "rss_mismatched_tag.xml");
  ASSERT_FALSE(feed.has_value());
  EXPECT_EQ(feed.error().code, ErrorCode::malformed_input);
  EXPECT_EQ(feed.error().message, "rss_mismatched_tag.xml: byte " + std::to_string(at + 2) +
                                      ": Start-end tags mismatch (line 28, column 54)");
}

TEST(FeedParser, RecognizesAnHtmlErrorPage) {
  const auto feed = parse_feed(read_file(fixture_path("feeds/html_error_page.xml")), "page.xml");
  ASSERT_FALSE(feed.has_value());
  EXPECT_EQ(feed.error().code, ErrorCode::malformed_input);
  EXPECT_EQ(feed.error().message,
            "page.xml: this is an HTML page, not a feed (title: \"503 Service Unavailable | arXiv "
            "e-print repository\"); arXiv or a proxy answered with a web page (an error, "
            "maintenance or 503 \"Retry after\" page?)");
}

TEST(FeedParser, RecognizesHtmlAfterAnXmlDeclaration) {
  // Well-formed XHTML parses; the root element gives it away.
  const auto xhtml = parse_feed(R"(<?xml version="1.0"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Maintenance</title></head><body/></html>)",
                                "x.xml");
  ASSERT_FALSE(xhtml.has_value());
  EXPECT_EQ(xhtml.error().code, ErrorCode::malformed_input);
  EXPECT_TRUE(xhtml.error().message.starts_with(
      "x.xml: this is an HTML page, not a feed (title: \"Maintenance\")"));

  // HTML that is not XML fails to parse; the message still says what it is.
  const auto html = parse_feed(R"(<?xml version="1.0"?>
<!DOCTYPE html><HTML><head><meta charset="utf-8"></head><body><p>Down</body></HTML>)",
                               "h.xml");
  ASSERT_FALSE(html.has_value());
  EXPECT_TRUE(html.error().message.starts_with("h.xml: this is an HTML page, not a feed;"))
      << html.error().message;
}

TEST(FeedParser, ShortensALongHtmlTitleWithoutBreakingUtf8) {
  std::string title;
  for (int i = 0; i < 100; ++i) {
    title += "é";
  }
  const auto feed = parse_feed("<html><title>" + title + "</title></html>", "long.html");
  ASSERT_FALSE(feed.has_value());
  const std::string& message = feed.error().message;
  EXPECT_THAT(message, ::testing::HasSubstr("(title: \"" + title.substr(0, 120) + "...\")"))
      << message;
}

TEST(FeedParser, RejectsAnEmptyBody) {
  for (const std::string_view body : {"", " \n\t "}) {
    const auto feed = parse_feed(body, "empty.xml");
    ASSERT_FALSE(feed.has_value());
    EXPECT_EQ(feed.error().code, ErrorCode::malformed_input);
    EXPECT_TRUE(feed.error().message.starts_with("empty.xml: empty body")) << feed.error().message;
  }
}

TEST(FeedParser, SaysArxivThrottledTheRequest) {
  const auto feed = parse_feed("Rate exceeded.", "api?id_list=1");
  ASSERT_FALSE(feed.has_value());
  EXPECT_EQ(feed.error().code, ErrorCode::malformed_input);
  EXPECT_EQ(feed.error().message,
            "api?id_list=1: arXiv throttled the request (it answered \"Rate exceeded.\" instead of "
            "a feed); wait and retry, at most one request every 3 seconds");
}

TEST(FeedParser, RejectsPlainTextWithItsOffset) {
  const auto feed = parse_feed("Service temporarily unavailable", "plain.txt");
  ASSERT_FALSE(feed.has_value());
  EXPECT_EQ(feed.error().code, ErrorCode::malformed_input);
  EXPECT_TRUE(feed.error().message.starts_with("plain.txt: byte ")) << feed.error().message;
}

TEST(FeedParser, RejectsAnUnknownRootElement) {
  const auto feed = parse_feed("<opml version=\"2.0\"/>", "o.xml");
  ASSERT_FALSE(feed.has_value());
  EXPECT_EQ(feed.error().code, ErrorCode::malformed_input);
  EXPECT_EQ(feed.error().message,
            "o.xml: not an arXiv feed: the root element is <opml>, expected <rss version=\"2.0\">, "
            "an Atom <feed> or an API response");
}

TEST(FeedParser, RejectsAnotherRssVersion) {
  const auto feed = parse_feed(R"(<rss version="0.91"><channel/></rss>)", "old.xml");
  ASSERT_FALSE(feed.has_value());
  EXPECT_EQ(feed.error().code, ErrorCode::unsupported_format);
  EXPECT_TRUE(feed.error().message.starts_with("old.xml: RSS version 0.91 is not supported"));
}

TEST(FeedParser, RejectsRssWithoutAChannel) {
  const auto feed = parse_feed(R"(<rss version="2.0"/>)", "nochannel.xml");
  ASSERT_FALSE(feed.has_value());
  EXPECT_EQ(feed.error().code, ErrorCode::malformed_input);
  EXPECT_EQ(feed.error().message, "nochannel.xml: RSS document has no <channel> element");
}

}  // namespace
}  // namespace arxiv_digest
