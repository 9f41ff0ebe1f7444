// Atom documents: API responses (captures in ../shared/data/arxiv, current and 2016 layouts)
// and the announcement feed (our fixtures, written from arXiv's "ATOM feed Specifications").

#include "core/feeds/atom_parser.hpp"

#include <gmock/gmock.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "arxiv_digest/feed.hpp"
#include "support/feed_test_helpers.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using ::arxiv_digest::testing::count_papers;
using ::arxiv_digest::testing::find_paper;
using ::arxiv_digest::testing::fixture_path;
using ::arxiv_digest::testing::parse_file;
using ::arxiv_digest::testing::read_file;

bool has_non_ascii(const Paper& paper) {
  std::string all = paper.title + paper.abstract + paper.comment + paper.journal_ref + paper.doi;
  for (const auto& author : paper.authors) {
    all += author;
  }
  return std::any_of(all.begin(), all.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// An API response with one entry, for cases no capture shows.
std::string api_response(std::string_view total, std::string_view entry) {
  return std::string(R"(<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <title>arXiv Query: id_list=2602.10324</title>
  <updated>2026-04-12T22:45:06Z</updated>
  <opensearch:totalResults>)") +
         std::string(total) +
         "</opensearch:totalResults>\n<opensearch:startIndex>5</opensearch:startIndex>\n" +
         std::string(entry) + "</feed>\n";
}

// --- API responses -------------------------------------------------------------------------

TEST(ApiParser, ReadsAllHundredEntriesOfAQuery) {
  const auto path = CAPTURE_OR_SKIP("api_query_all-testing_100_entries.xml");
  const auto feed = parse_file(path, "api_query.xml");
  ASSERT_OK(feed);
  EXPECT_EQ(feed->kind, FeedKind::api);
  EXPECT_EQ(feed->papers.size(), 100U);
  EXPECT_TRUE(feed->skipped.empty());
  EXPECT_EQ(feed->total_results, 214881);
  EXPECT_EQ(feed->start_index, 0);
  EXPECT_EQ(feed->date, "2026-04-12");
  EXPECT_EQ(feed->title, "arXiv Query: search_query=all:testing&id_list=&start=0&max_results=100");
  EXPECT_TRUE(feed->feed_categories.empty());
}

TEST(ApiParser, CountsOptionalFieldsAsSources) {
  const auto path = CAPTURE_OR_SKIP("api_query_all-testing_100_entries.xml");
  const auto feed = parse_file(path, "api_query.xml");
  ASSERT_OK(feed);
  EXPECT_EQ(count_papers(*feed,
                         [](const Paper& p) {
                           return p.pdf_link == "https://arxiv.org/pdf/" + versioned_id(p);
                         }),
            100);
  EXPECT_EQ(count_papers(*feed, [](const Paper& p) { return !p.comment.empty(); }), 97);
  EXPECT_EQ(count_papers(*feed, [](const Paper& p) { return !p.journal_ref.empty(); }), 18);
  EXPECT_EQ(count_papers(*feed, [](const Paper& p) { return !p.doi.empty(); }), 32);
  EXPECT_EQ(count_papers(*feed, has_non_ascii), 18);
  for (const Paper& paper : feed->papers) {
    SCOPED_TRACE(versioned_id(paper));
    ASSERT_FALSE(paper.categories.empty());
    EXPECT_EQ(paper.primary_category, paper.categories.front());
    EXPECT_TRUE(paper.announce_type.empty());
    EXPECT_EQ(paper.published.size(), 10U);
    EXPECT_EQ(paper.updated.size(), 10U);
    EXPECT_FALSE(paper.authors.empty());
    EXPECT_FALSE(paper.abstract.empty());
    EXPECT_NE(paper.abstract.front(), ' ');
    EXPECT_EQ(paper.link, "https://arxiv.org/abs/" + paper.id);
  }
}

TEST(ApiParser, ReadsEveryFieldOfAnEntry) {
  const auto path = CAPTURE_OR_SKIP("api_query_all-testing_100_entries.xml");
  const auto feed = parse_file(path, "api_query.xml");
  ASSERT_OK(feed);
  ASSERT_FALSE(feed->papers.empty());
  const Paper& paper = feed->papers.front();
  EXPECT_EQ(paper.id, "2202.12139");
  EXPECT_EQ(paper.version, 1);
  EXPECT_EQ(
      paper.title,
      "Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques");
  EXPECT_EQ(paper.authors,
            (std::vector<std::string>{"Mohit Kumar Ahuja", "Arnaud Gotlieb", "Helge Spieker"}));
  EXPECT_EQ(paper.categories, (std::vector<std::string>{"cs.SE", "cs.LG"}));
  EXPECT_EQ(paper.primary_category, "cs.SE");
  EXPECT_EQ(paper.published, "2022-02-24");
  EXPECT_EQ(paper.updated, "2022-02-24");
  EXPECT_EQ(paper.link, "https://arxiv.org/abs/2202.12139");
  EXPECT_EQ(paper.pdf_link, "https://arxiv.org/pdf/2202.12139v1");
  EXPECT_EQ(paper.comment, "Artificial Intelligence in Software Testing 2022 workshop @ ICST 2022");
  EXPECT_EQ(paper.journal_ref,
            "Artificial Intelligence in Software Testing @ 2022 IEEE International Conference on "
            "Software Testing, Verification and Validation Workshops (ICSTW)");
  EXPECT_EQ(paper.doi, "10.1109/ICSTW55395.2022.00035");
  EXPECT_TRUE(paper.license.empty());
  EXPECT_TRUE(paper.abstract.starts_with("Deep Learning (DL) has revolutionized"));
  EXPECT_TRUE(paper.abstract.ends_with("and discuss its results."));
}

TEST(ApiParser, KeepsNonAsciiNamesAsUtf8) {
  const auto path = CAPTURE_OR_SKIP("api_query_all-testing_100_entries.xml");
  const auto feed = parse_file(path, "api_query.xml");
  ASSERT_OK(feed);
  const Paper* paper = find_paper(*feed, "2002.06611");
  ASSERT_NE(paper, nullptr);
  EXPECT_EQ(paper->version, 2);
  EXPECT_EQ(paper->authors, (std::vector<std::string>{"Dhasarathy Parthasarathy", "Karl Bäckström",
                                                      "Jens Henriksson", "Sólrún Einarsdóttir"}));
  EXPECT_EQ(paper->published, "2020-02-16");
  EXPECT_EQ(paper->updated, "2020-02-18");
}

TEST(ApiParser, ReadsOldStyleIds) {
  const auto path = CAPTURE_OR_SKIP("api_query_all-testing_100_entries.xml");
  const auto feed = parse_file(path, "api_query.xml");
  ASSERT_OK(feed);
  const Paper* paper = find_paper(*feed, "gr-qc/0103067");
  ASSERT_NE(paper, nullptr);
  EXPECT_EQ(paper->version, 1);
  EXPECT_EQ(paper->link, "https://arxiv.org/abs/gr-qc/0103067");
  EXPECT_EQ(paper->pdf_link, "https://arxiv.org/pdf/gr-qc/0103067v1");
  EXPECT_EQ(paper->authors, (std::vector<std::string>{"Mark P. Haugan", "C. Lämmerzahl"}));
  EXPECT_TRUE(paper->abstract.starts_with("Modern formulations of equivalence principles"))
      << "leading indentation trimmed";
  EXPECT_NE(find_paper(*feed, "cs/0503050"), nullptr);
  EXPECT_NE(find_paper(*feed, "hep-ph/0301050"), nullptr);
}

TEST(ApiParser, KeepsParagraphBreaksOfASummary) {
  const auto path = CAPTURE_OR_SKIP("api_query_all-testing_100_entries.xml");
  const auto feed = parse_file(path, "api_query.xml");
  ASSERT_OK(feed);
  const Paper* paper = find_paper(*feed, "1812.11470");
  ASSERT_NE(paper, nullptr);
  EXPECT_THAT(paper->abstract,
              ::testing::HasSubstr("community as a whole.\n  Objective. In this systemat"));
  EXPECT_EQ(std::count(paper->abstract.begin(), paper->abstract.end(), '\n'), 3);
}

TEST(ApiParser, ReadsTheLegacy2016Layout) {
  const auto path = CAPTURE_OR_SKIP("api_legacy2016_au_del_maestro_AND_ti_checkerboard.xml");
  const auto feed = parse_file(path, "legacy.xml");
  ASSERT_OK(feed);
  EXPECT_EQ(feed->kind, FeedKind::api);
  EXPECT_EQ(feed->total_results, 1);
  EXPECT_EQ(feed->start_index, 0);
  EXPECT_EQ(feed->date, "2016-10-09");
  EXPECT_EQ(feed->title,
            "ArXiv Query: search_query=au:del_maestro AND "
            "ti:checkerboard&id_list=&start=0&max_results=10");
  ASSERT_EQ(feed->papers.size(), 1U);
  const Paper& paper = feed->papers.front();
  EXPECT_EQ(paper.id, "cond-mat/0603029");
  EXPECT_EQ(paper.version, 1);
  EXPECT_EQ(paper.title,
            "From stripe to checkerboard order on the square lattice in the presence "
            "of quenched disorder");
  EXPECT_EQ(paper.authors,
            (std::vector<std::string>{"Adrian Del Maestro", "Bernd Rosenow", "Subir Sachdev"}));
  EXPECT_TRUE(paper.abstract.starts_with(
      "We discuss the effects of quenched disorder on a model of charge density wave (CDW) "
      "ordering on the square lattice. Our model may be applicable to the cuprate "
      "superconductors, where"));
  EXPECT_TRUE(
      paper.abstract.ends_with("(LDOS) data measured in scanning tunneling microscopy "
                               "experiments."));
  EXPECT_THAT(paper.abstract, ::testing::Not(::testing::HasSubstr("\n"))) << "hard wraps joined";
  EXPECT_THAT(paper.abstract, ::testing::Not(::testing::HasSubstr("  ")));
  EXPECT_EQ(paper.categories, (std::vector<std::string>{"cond-mat.str-el", "cond-mat.supr-con"}));
  EXPECT_EQ(paper.primary_category, "cond-mat.str-el");
  EXPECT_EQ(paper.published, "2006-03-02");
  EXPECT_EQ(paper.updated, "2006-03-02");
  EXPECT_EQ(paper.doi, "10.1103/PhysRevB.74.024520");
  EXPECT_EQ(paper.comment, "10 pages, 11 figures; added reference");
  EXPECT_EQ(paper.journal_ref, "Phys. Rev. B 74, 024520 (2006)");
  EXPECT_EQ(paper.pdf_link, "http://arxiv.org/pdf/cond-mat/0603029v1") << "as arXiv wrote it";
  EXPECT_EQ(paper.link, "https://arxiv.org/abs/cond-mat/0603029");
}

TEST(ApiParser, AcceptsAnEmptyResult) {
  const auto path = CAPTURE_OR_SKIP("api_empty_id_list_0000.0000.xml");
  const auto feed = parse_file(path, "api_empty.xml");
  ASSERT_OK(feed);
  EXPECT_EQ(feed->kind, FeedKind::api);
  EXPECT_EQ(feed->total_results, 0);
  EXPECT_TRUE(feed->papers.empty());
  EXPECT_TRUE(feed->skipped.empty());
}

TEST(ApiParser, ReportsTheErrorEntryAsAFeedError) {
  const auto path = CAPTURE_OR_SKIP("api_error_bad_id_abc_http400.xml");
  const auto feed = parse_file(path, "api_error.xml");
  ASSERT_FALSE(feed.has_value());
  EXPECT_EQ(feed.error().code, ErrorCode::feed_error);
  EXPECT_EQ(feed.error().message,
            "api_error.xml: arXiv API answered with an error: \"incorrect id format for abc\" "
            "(https://arxiv.org/api/errors#incorrect_id_format_for_abc)");
}

TEST(ApiParser, PutsThePrimaryCategoryFirst) {
  const auto feed = parse_feed(api_response("1", R"(<entry>
    <id>http://arxiv.org/abs/2602.10324v3</id>
    <title>T</title>
    <summary>S</summary>
    <category term="cs.CL"/><category term="cs.AI"/><category term="cs.HC"/>
    <arxiv:primary_category term="cs.AI"/>
  </entry>)"),
                               "inline.xml");
  ASSERT_OK(feed);
  ASSERT_EQ(feed->papers.size(), 1U);
  EXPECT_EQ(feed->papers[0].categories, (std::vector<std::string>{"cs.AI", "cs.CL", "cs.HC"}));
  EXPECT_EQ(feed->papers[0].primary_category, "cs.AI");
  EXPECT_EQ(feed->papers[0].pdf_link, "https://arxiv.org/pdf/2602.10324v3") << "made when absent";
  EXPECT_EQ(feed->start_index, 5);
}

TEST(ApiParser, SkipsAndReportsAnEntryWithoutAnArxivId) {
  const auto feed = parse_feed(api_response("2", R"(<entry><id>urn:x</id><title>A</title></entry>
    <entry><id>http://arxiv.org/abs/2602.10324v1</id><title>B</title></entry>)"),
                               "inline.xml");
  ASSERT_OK(feed);
  ASSERT_EQ(feed->papers.size(), 1U);
  EXPECT_EQ(feed->papers[0].title, "B");
  ASSERT_EQ(feed->skipped.size(), 1U);
  EXPECT_EQ(feed->skipped[0].where, "entry 1 (urn:x)");
}

TEST(ApiParser, RejectsANonNumericTotal) {
  const auto feed = parse_feed(api_response("many", ""), "inline.xml");
  ASSERT_FALSE(feed.has_value());
  EXPECT_EQ(feed.error().code, ErrorCode::malformed_input);
  EXPECT_EQ(feed.error().message,
            "inline.xml: API response has opensearch:totalResults \"many\", expected a number");
}

TEST(ApiParser, UnwrapsHardWrappedSummaries) {
  EXPECT_EQ(unwrap_summary("  one\ntwo \nthree\n"), "one two three");
  EXPECT_EQ(unwrap_summary("first.\n  Second paragraph."), "first.\n  Second paragraph.");
  EXPECT_EQ(unwrap_summary("a\n\nb"), "a\n\nb");
}

// --- Atom announcement feed ----------------------------------------------------------------

TEST(AtomParser, ReadsTheAnnouncementFeed) {
  const auto feed = parse_file(fixture_path("feeds/atom_cs.AI+cs.LG_2026-02-12.xml"), "atom.xml");
  ASSERT_OK(feed);
  EXPECT_EQ(feed->kind, FeedKind::atom);
  EXPECT_EQ(feed->title, "cs.AI, cs.LG updates on arXiv.org");
  EXPECT_EQ(feed->feed_categories, (std::vector<std::string>{"cs.AI", "cs.LG"}));
  EXPECT_EQ(feed->date, "2026-02-12");
  EXPECT_EQ(feed->total_results, -1);
  EXPECT_TRUE(feed->skipped.empty());
  std::map<std::string, int> counts;
  for (const Paper& paper : feed->papers) {
    ++counts[paper.announce_type];
  }
  EXPECT_EQ(counts, (std::map<std::string, int>{
                        {"new", 1}, {"cross", 2}, {"replace", 1}, {"replace-cross", 1}}));
}

TEST(AtomParser, MapsAnEntryLikeAnRssItem) {
  const auto feed = parse_file(fixture_path("feeds/atom_cs.AI+cs.LG_2026-02-12.xml"), "atom.xml");
  ASSERT_OK(feed);
  ASSERT_EQ(feed->papers.size(), 5U);
  const Paper& paper = feed->papers.front();
  EXPECT_EQ(paper.id, "2602.10324");
  EXPECT_EQ(paper.version, 1);
  EXPECT_EQ(paper.title, "Discovering Differences in Strategic Behavior Between Humans and LLMs");
  EXPECT_EQ(paper.authors, (std::vector<std::string>{"Caroline Wang", "Daniel Kasenberg",
                                                     "Kim Stachenfeld", "Pablo Samuel Castro"}));
  EXPECT_EQ(paper.categories, (std::vector<std::string>{"cs.AI", "cs.CL", "cs.CY", "cs.HC"}));
  EXPECT_EQ(paper.primary_category, "cs.AI");
  EXPECT_EQ(paper.announce_type, "new");
  EXPECT_EQ(paper.published, "2026-02-12") << "the New York date as written, not UTC";
  EXPECT_TRUE(paper.updated.empty()) << "an entry's <updated> is the feed's build time";
  EXPECT_EQ(paper.link, "https://arxiv.org/abs/2602.10324");
  EXPECT_EQ(paper.pdf_link, "https://arxiv.org/pdf/2602.10324v1");
  EXPECT_EQ(paper.license, "http://arxiv.org/licenses/nonexclusive-distrib/1.0/");
  EXPECT_TRUE(paper.abstract.starts_with("As Large Language Models (LLMs) are increasingly"));
  EXPECT_THAT(paper.abstract,
              ::testing::HasSubstr("from that of humans.\n  Our analysis on iterated"));
}

TEST(AtomParser, DecodesTexAuthorsAndReadsDoiAndJournalReference) {
  const auto feed = parse_file(fixture_path("feeds/atom_cs.AI+cs.LG_2026-02-12.xml"), "atom.xml");
  ASSERT_OK(feed);
  const Paper* cross = find_paper(*feed, "2602.10144");
  ASSERT_NE(cross, nullptr);
  EXPECT_EQ(cross->authors[0], "Jonas Kübler");
  EXPECT_EQ(cross->authors[2], "Matthäus Kleindessner");
  EXPECT_EQ(cross->journal_ref, "ICLR 2026");
  EXPECT_EQ(cross->primary_category, "stat.ML");
  const Paper* replace = find_paper(*feed, "2406.14986");
  ASSERT_NE(replace, nullptr);
  EXPECT_EQ(replace->version, 4);
  EXPECT_EQ(replace->authors[2], "Gérôme Bovet");
  EXPECT_EQ(replace->authors[3], "Philippe Cudré-Mauroux");
  const Paper* replace_cross = find_paper(*feed, "2501.13365");
  ASSERT_NE(replace_cross, nullptr);
  EXPECT_EQ(replace_cross->doi, "10.1016/j.asoc.2026.114750");
  EXPECT_EQ(replace_cross->journal_ref, "Applied Soft Computing (2026)");
}

TEST(AtomParser, AcceptsAnEmptyFeed) {
  const auto feed =
      parse_file(fixture_path("feeds/atom_empty_cs.AI_2025-10-25_saturday.xml"), "empty.xml");
  ASSERT_OK(feed);
  EXPECT_EQ(feed->kind, FeedKind::atom);
  EXPECT_TRUE(feed->papers.empty());
  EXPECT_EQ(feed->date, "2025-10-25");
  EXPECT_EQ(feed->feed_categories, (std::vector<std::string>{"cs.AI"}));
}

TEST(AtomParser, SkipsAndReportsAnEntryWithoutAnnounceTypePrefix) {
  const auto feed = parse_feed(R"(<feed xmlns="http://www.w3.org/2005/Atom">
  <title>cs.AI updates on arXiv.org</title>
  <entry><id>oai:arXiv.org:2602.10324v1</id><title>A</title><summary>Abstract: x</summary></entry>
  <entry><id>oai:arXiv.org:2602.10325v2</id><title>B</title>
    <summary>arXiv:2602.10325v2 Announce Type: replace 
Abstract: y</summary></entry>
</feed>)",
                               "inline.xml");
  ASSERT_OK(feed);
  ASSERT_EQ(feed->papers.size(), 1U);
  EXPECT_EQ(feed->papers[0].id, "2602.10325");
  EXPECT_EQ(feed->papers[0].announce_type, "replace");
  EXPECT_EQ(feed->feed_categories, (std::vector<std::string>{"cs.AI"})) << "from the title";
  ASSERT_EQ(feed->skipped.size(), 1U);
  EXPECT_EQ(feed->skipped[0].where, "item 1 (oai:arXiv.org:2602.10324v1)");
}

TEST(AtomParser, ReportsAnErrorFeed) {
  const auto feed = parse_feed(R"(<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Feed error for query: http://rss.arxiv.org/atom/astroph</title>
  <subtitle>Bad archive 'astroph'.</subtitle>
</feed>)",
                               "inline.xml");
  ASSERT_FALSE(feed.has_value());
  EXPECT_EQ(feed.error().code, ErrorCode::feed_error);
  EXPECT_EQ(feed.error().message,
            "inline.xml: arXiv answered with an error feed for category \"astroph\": \"Bad "
            "archive 'astroph'.\"");
}

}  // namespace
}  // namespace arxiv_digest
