// RSS 2.0 (rss.arxiv.org/rss/...): every capture in ../shared/data/arxiv (counts from its
// SOURCES.md) and our hand-written edge cases in tests/fixtures/feeds.

#include "core/feeds/rss_parser.hpp"

#include <gmock/gmock.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "arxiv_digest/feed.hpp"
#include "support/feed_test_helpers.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using ::arxiv_digest::testing::find_paper;
using ::arxiv_digest::testing::fixture_path;
using ::arxiv_digest::testing::parse_file;
using ::arxiv_digest::testing::read_file;

std::map<std::string, int> announce_type_counts(const Feed& feed) {
  std::map<std::string, int> counts;
  for (const Paper& paper : feed.papers) {
    ++counts[paper.announce_type];
  }
  return counts;
}

// What SOURCES.md says about each RSS capture. It gives no DOI/journal_reference counts for the
// 2025-12 feeds; those were counted independently with Python's xml.etree.
struct RssCapture {
  std::string file;
  std::size_t items;
  int n_new, n_cross, n_replace, n_replace_cross;
  int doi, journal_ref;
  std::string date;
  std::vector<std::string> feed_categories;
};

void PrintTo(const RssCapture& capture, std::ostream* os) { *os << capture.file; }

class RssParserCapture : public ::testing::TestWithParam<RssCapture> {};

TEST_P(RssParserCapture, ItemAndAnnounceTypeCountsMatchSources) {
  const RssCapture& expected = GetParam();
  const auto path = CAPTURE_OR_SKIP(expected.file);
  const auto feed = parse_file(path, expected.file);
  ASSERT_OK(feed);
  EXPECT_EQ(feed->kind, FeedKind::rss);
  EXPECT_EQ(feed->papers.size(), expected.items);
  EXPECT_TRUE(feed->skipped.empty())
      << feed->skipped.front().where << ": " << feed->skipped.front().reason;
  const auto counts = announce_type_counts(*feed);
  const std::map<std::string, int> want = {{"new", expected.n_new},
                                           {"cross", expected.n_cross},
                                           {"replace", expected.n_replace},
                                           {"replace-cross", expected.n_replace_cross}};
  for (const auto& [type, count] : want) {
    EXPECT_EQ(counts.count(type) ? counts.at(type) : 0, count) << type;
  }
  EXPECT_EQ(counts.size(),
            static_cast<std::size_t>(std::count_if(want.begin(), want.end(),
                                                   [](const auto& w) { return w.second > 0; })))
      << "an announce type outside new/cross/replace/replace-cross";
}

TEST_P(RssParserCapture, DoiAndJournalReferenceCountsMatchSources) {
  const RssCapture& expected = GetParam();
  const auto path = CAPTURE_OR_SKIP(expected.file);
  const auto feed = parse_file(path, expected.file);
  ASSERT_OK(feed);
  const auto with = [&](auto field) {
    return std::count_if(feed->papers.begin(), feed->papers.end(),
                         [&](const Paper& paper) { return !(paper.*field).empty(); });
  };
  EXPECT_EQ(with(&Paper::doi), expected.doi);
  EXPECT_EQ(with(&Paper::journal_ref), expected.journal_ref);
}

TEST_P(RssParserCapture, ReadsChannelDateAndCategories) {
  const RssCapture& expected = GetParam();
  const auto path = CAPTURE_OR_SKIP(expected.file);
  const auto feed = parse_file(path, expected.file);
  ASSERT_OK(feed);
  EXPECT_EQ(feed->date, expected.date);
  EXPECT_EQ(feed->feed_categories, expected.feed_categories);
}

TEST_P(RssParserCapture, EveryPaperIsComplete) {
  const RssCapture& expected = GetParam();
  const auto path = CAPTURE_OR_SKIP(expected.file);
  const auto feed = parse_file(path, expected.file);
  ASSERT_OK(feed);
  for (const Paper& paper : feed->papers) {
    SCOPED_TRACE(versioned_id(paper));
    EXPECT_FALSE(paper.id.empty());
    EXPECT_GE(paper.version, 1);
    EXPECT_FALSE(paper.title.empty());
    EXPECT_THAT(paper.title, ::testing::Not(::testing::HasSubstr("\n")));
    EXPECT_FALSE(paper.authors.empty());
    EXPECT_FALSE(paper.abstract.empty());
    EXPECT_FALSE(paper.abstract.starts_with("Abstract:"));
    ASSERT_FALSE(paper.categories.empty());
    EXPECT_EQ(paper.primary_category, paper.categories.front());
    EXPECT_EQ(paper.published, expected.date);
    EXPECT_EQ(paper.link, "https://arxiv.org/abs/" + paper.id);
    EXPECT_EQ(paper.pdf_link, "https://arxiv.org/pdf/" + versioned_id(paper));
    EXPECT_TRUE(paper.license.starts_with("http")) << paper.license;
    EXPECT_TRUE(paper.updated.empty());
    EXPECT_TRUE(paper.comment.empty());
    for (const std::string& author : paper.authors) {
      EXPECT_THAT(author, ::testing::Not(::testing::HasSubstr(std::string(1, '\\'))))
          << "undecoded TeX: " << author;
      EXPECT_EQ(author, std::string(author.c_str())) << "embedded NUL";
      EXPECT_FALSE(author.empty());
      EXPECT_NE(author.front(), ' ');
    }
  }
}

const std::vector<std::string> kAllArchives = {
    "astro-ph", "cond-mat", "physics", "quant-ph", "math",   "cs",     "econ",
    "eess",     "gr-qc",    "hep-ex",  "hep-lat",  "hep-ph", "hep-th", "math-ph",
    "nlin",     "nucl-ex",  "nucl-th", "q-bio",    "q-fin",  "stat"};

INSTANTIATE_TEST_SUITE_P(
    RssParserCaptures, RssParserCapture,
    ::testing::Values(
        RssCapture{
            "rss_cs.AI_2026-02-12.xml", 324, 18, 154, 38, 114, 11, 6, "2026-02-12", {"cs.AI"}},
        RssCapture{"rss_cs.CL_2026-02-12.xml", 160, 53, 33, 51, 23, 3, 1, "2026-02-12", {"cs.CL"}},
        RssCapture{"rss_cs.LG_2026-02-12.xml", 369, 141, 81, 87, 60, 6, 8, "2026-02-12", {"cs.LG"}},
        RssCapture{"rss_cs.AI_2025-12-25.xml", 169, 31, 83, 10, 45, 6, 4, "2025-12-25", {"cs.AI"}},
        RssCapture{"rss_cs.CL_2025-12-25.xml", 72, 31, 12, 18, 11, 0, 0, "2025-12-25", {"cs.CL"}},
        RssCapture{"rss_cs.LG_2025-12-25.xml", 157, 60, 49, 31, 17, 7, 5, "2025-12-25", {"cs.LG"}},
        RssCapture{"rss_cs.AI_2025-12-24.xml", 197, 30, 83, 14, 70, 14, 9, "2025-12-24", {"cs.AI"}},
        RssCapture{"rss_empty_cs.AI_2025-10-25_saturday.xml",
                   0,
                   0,
                   0,
                   0,
                   0,
                   0,
                   0,
                   "2025-10-25",
                   {"cs.AI"}},
        RssCapture{"rss_multi_all-archives_2024-11-28.xml", 1504, 926, 9, 569, 0, 111, 97,
                   "2024-11-28", kAllArchives}),
    [](const ::testing::TestParamInfo<RssCapture>& capture) {
      std::string name = capture.param.file.substr(0, capture.param.file.rfind('.'));
      std::replace_if(
          name.begin(), name.end(),
          [](char c) { return std::isalnum(static_cast<unsigned char>(c)) == 0; }, '_');
      return name;
    });

TEST(RssParser, ReadsEveryFieldOfTheFirstItem) {
  const auto path = CAPTURE_OR_SKIP("rss_cs.AI_2026-02-12.xml");
  const auto feed = parse_file(path, "rss_cs.AI_2026-02-12.xml");
  ASSERT_OK(feed);
  ASSERT_FALSE(feed->papers.empty());
  const Paper& paper = feed->papers.front();
  EXPECT_EQ(paper.id, "2602.10324");
  EXPECT_EQ(paper.version, 1);
  EXPECT_EQ(paper.title, "Discovering Differences in Strategic Behavior Between Humans and LLMs");
  EXPECT_EQ(paper.authors, (std::vector<std::string>{"Caroline Wang", "Daniel Kasenberg",
                                                     "Kim Stachenfeld", "Pablo Samuel Castro"}));
  EXPECT_EQ(paper.categories, (std::vector<std::string>{"cs.AI", "cs.CL", "cs.CY", "cs.HC"}));
  EXPECT_EQ(paper.primary_category, "cs.AI");
  EXPECT_EQ(paper.announce_type, "new");
  EXPECT_EQ(paper.published, "2026-02-12");
  EXPECT_EQ(paper.link, "https://arxiv.org/abs/2602.10324");
  EXPECT_EQ(paper.pdf_link, "https://arxiv.org/pdf/2602.10324v1");
  EXPECT_EQ(paper.license, "http://arxiv.org/licenses/nonexclusive-distrib/1.0/");
  EXPECT_TRUE(
      paper.abstract.starts_with("As Large Language Models (LLMs) are increasingly deployed"));
  EXPECT_TRUE(paper.abstract.ends_with("human and LLM behavior in strategic interactions."));
  EXPECT_TRUE(paper.doi.empty());
  EXPECT_EQ(feed->title, "cs.AI updates on arXiv.org");
}

TEST(RssParser, ReadsDoiAndJournalReference) {
  const auto path = CAPTURE_OR_SKIP("rss_cs.AI_2026-02-12.xml");
  const auto feed = parse_file(path, "rss_cs.AI_2026-02-12.xml");
  ASSERT_OK(feed);
  const Paper* paper = find_paper(*feed, "2501.13365");
  ASSERT_NE(paper, nullptr);
  EXPECT_EQ(paper->version, 4);
  EXPECT_EQ(paper->announce_type, "replace-cross");
  EXPECT_EQ(paper->doi, "10.1016/j.asoc.2026.114750");
  EXPECT_EQ(paper->journal_ref, "Applied Soft Computing (2026)");
  EXPECT_EQ(paper->categories, (std::vector<std::string>{"cs.CV", "cs.AI"}));
  EXPECT_EQ(paper->primary_category, "cs.CV");
}

TEST(RssParser, KeepsAllSevenCategoriesInOrder) {
  const auto path = CAPTURE_OR_SKIP("rss_cs.LG_2026-02-12.xml");
  const auto feed = parse_file(path, "rss_cs.LG_2026-02-12.xml");
  ASSERT_OK(feed);
  const auto seven = std::count_if(feed->papers.begin(), feed->papers.end(),
                                   [](const Paper& p) { return p.categories.size() == 7; });
  EXPECT_EQ(seven, 1);
  const Paper* paper = find_paper(*feed, "2602.10989");
  ASSERT_NE(paper, nullptr);
  EXPECT_EQ(paper->categories, (std::vector<std::string>{"math.ST", "cs.IT", "cs.LG", "math.IT",
                                                         "math.PR", "stat.ML", "stat.TH"}));
  EXPECT_EQ(paper->primary_category, "math.ST");
  EXPECT_EQ(paper->title,
            R"(Variational Optimality of F\"ollmer Processes in Generative Diffusions)")
      << "titles keep TeX as written";
}

TEST(RssParser, DecodesTexAccentsInAuthorNames) {
  const auto path = CAPTURE_OR_SKIP("rss_cs.CL_2025-12-25.xml");
  const auto feed = parse_file(path, "rss_cs.CL_2025-12-25.xml");
  ASSERT_OK(feed);
  const Paper* paper = find_paper(*feed, "2512.20757");
  ASSERT_NE(paper, nullptr);
  EXPECT_EQ(paper->authors, (std::vector<std::string>{"Gül Sena Altıntaş", "Malikeh Ehghaghi",
                                                      "Brian Lester", "Fengyuan Liu", "Wanru Zhao",
                                                      "Marco Ciccone", "Colin Raffel"}));
}

TEST(RssParser, KeepsAffiliationsWithTheirAuthor) {
  const auto path = CAPTURE_OR_SKIP("rss_cs.AI_2025-12-24.xml");
  const auto feed = parse_file(path, "rss_cs.AI_2025-12-24.xml");
  ASSERT_OK(feed);
  ASSERT_FALSE(feed->papers.empty());
  const Paper& paper = feed->papers.front();
  ASSERT_EQ(paper.authors.size(), 21U);
  EXPECT_EQ(paper.authors[0],
            "Tingjia Miao (School of Artificial Intelligence, Shanghai Jiao Tong University, "
            "School of Physics and Astronomy, Shanghai Jiao Tong University, Zhiyuan College, "
            "Shanghai Jiao Tong University)");
  EXPECT_EQ(paper.authors[19],
            "Weinan E (School of Artificial Intelligence, Shanghai Jiao Tong "
            "University)");
}

TEST(RssParser, DropsPunctuationOnlyAuthorPieces) {
  const auto path = CAPTURE_OR_SKIP("rss_cs.AI_2025-12-25.xml");
  const auto feed = parse_file(path, "rss_cs.AI_2025-12-25.xml");
  ASSERT_OK(feed);
  const Paper* paper = find_paper(*feed, "2512.20848");
  ASSERT_NE(paper, nullptr);
  ASSERT_GE(paper->authors.size(), 3U);
  EXPECT_EQ(paper->authors[0], "NVIDIA");
  EXPECT_EQ(paper->authors[1], "Aaron Blakeman");
}

// DESIGN difference 2: the original kept only the first line.
TEST(RssParser, KeepsWholeMultiParagraphAbstract) {
  const auto path = CAPTURE_OR_SKIP("rss_cs.CL_2026-02-12.xml");
  const auto feed = parse_file(path, "rss_cs.CL_2026-02-12.xml");
  ASSERT_OK(feed);
  const Paper* paper = find_paper(*feed, "2602.10384");
  ASSERT_NE(paper, nullptr);
  const auto newline = paper->abstract.find('\n');
  ASSERT_NE(newline, std::string::npos);
  EXPECT_TRUE(paper->abstract.starts_with("Vision-language models (VLMs) perform well on many"));
  EXPECT_EQ(paper->abstract.substr(newline, 39), "\n  These results show that current VLMs");
  EXPECT_TRUE(paper->abstract.ends_with("in this high-stakes setting."));
}

TEST(RssParser, KeepsParagraphBreaksOfEveryMultiParagraphAbstract) {
  const auto path = CAPTURE_OR_SKIP("rss_cs.LG_2026-02-12.xml");
  const auto feed = parse_file(path, "rss_cs.LG_2026-02-12.xml");
  ASSERT_OK(feed);
  const auto multi = std::count_if(feed->papers.begin(), feed->papers.end(), [](const Paper& p) {
    return p.abstract.find("\n  ") != std::string::npos;
  });
  EXPECT_EQ(multi, 25);  // counted independently with Python's xml.etree
}

// DESIGN difference 6: R&amp;D is R&D, and &lt;/think&gt; stays in the abstract as text.
TEST(RssParser, DecodesEntitiesExactlyOnce) {
  const auto path = CAPTURE_OR_SKIP("rss_cs.CL_2025-12-25.xml");
  const auto feed = parse_file(path, "rss_cs.CL_2025-12-25.xml");
  ASSERT_OK(feed);
  const Paper* paper = find_paper(*feed, "2509.26226");
  ASSERT_NE(paper, nullptr);
  EXPECT_THAT(paper->abstract, ::testing::HasSubstr("via a direct *</think>* append"));

  const auto ai_path = CAPTURE_OR_SKIP("rss_cs.AI_2026-02-12.xml");
  const auto ai = parse_file(ai_path, "rss_cs.AI_2026-02-12.xml");
  ASSERT_OK(ai);
  const Paper* chem = find_paper(*ai, "2602.10404");
  ASSERT_NE(chem, nullptr);
  EXPECT_THAT(chem->abstract, ::testing::HasSubstr("chemical and pharmaceutical R&D."));
  EXPECT_THAT(chem->abstract, ::testing::Not(::testing::HasSubstr("&amp;")));
  EXPECT_EQ(chem->authors.back(), "Ivan Vulić");
}

TEST(RssParser, ListsEveryArchiveOfTheCombinedFeed) {
  const auto path = CAPTURE_OR_SKIP("rss_multi_all-archives_2024-11-28.xml");
  const auto feed = parse_file(path, "rss_multi_all-archives_2024-11-28.xml");
  ASSERT_OK(feed);
  const auto cs_first = std::count_if(feed->papers.begin(), feed->papers.end(), [](const Paper& p) {
    return p.primary_category.starts_with("cs.");
  });
  const auto dc = std::count_if(feed->papers.begin(), feed->papers.end(), [](const Paper& p) {
    return std::find(p.categories.begin(), p.categories.end(), "cs.DC") != p.categories.end();
  });
  const auto dc_first = std::count_if(feed->papers.begin(), feed->papers.end(),
                                      [](const Paper& p) { return p.primary_category == "cs.DC"; });
  EXPECT_EQ(cs_first, 583);
  EXPECT_EQ(dc, 19);
  EXPECT_EQ(dc_first, 12);
  std::vector<std::string> ids;
  for (const Paper& paper : feed->papers) {
    ids.push_back(paper.id);
  }
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << "each paper appears once";
}

TEST(RssParser, ReportsTheBadCategoryOfAnErrorFeed) {
  const auto path = CAPTURE_OR_SKIP("rss_error_bad_archive_astroph.xml");
  const auto feed = parse_file(path, "rss_error_bad_archive_astroph.xml");
  ASSERT_FALSE(feed.has_value());
  EXPECT_EQ(feed.error().code, ErrorCode::feed_error);
  EXPECT_EQ(
      feed.error().message,
      "rss_error_bad_archive_astroph.xml: arXiv answered with an error feed for category "
      "\"astroph\": \"Bad archive 'astroph'. Valid archive names are: astro-ph, cond-mat, cs, "
      "econ, eess, gr-qc, hep-ex, hep-lat, hep-ph, hep-th, math, math-ph, nlin, nucl-ex, "
      "nucl-th, physics, q-bio, q-fin, quant-ph, stat, test.\"");
}

TEST(RssParser, AcceptsAnEmptyWeekendFeed) {
  const auto path = CAPTURE_OR_SKIP("rss_empty_cs.AI_2025-10-25_saturday.xml");
  const auto feed = parse_file(path, "rss_empty_cs.AI_2025-10-25_saturday.xml");
  ASSERT_OK(feed);
  EXPECT_TRUE(feed->papers.empty());
  EXPECT_TRUE(feed->skipped.empty());
  EXPECT_EQ(feed->date, "2025-10-25");
}

// The channel's pubDate becomes the digest date and so an archive file name: a date that is not
// a real one of a four-digit year leaves the feed undated.
TEST(RssParser, DatesTheFeedOnlyWithARealDate) {
  const auto dated = [](const std::string& pub_date) {
    const auto feed = parse_feed(
        "<rss version=\"2.0\"><channel><title>cs.AI updates on arXiv.org</title><pubDate>" +
            pub_date + "</pubDate></channel></rss>",
        "rss.xml");
    return feed ? feed->date : "(error)";
  };
  EXPECT_EQ(dated("Thu, 12 Feb 2026 00:00:00 -0500"), "2026-02-12");
  EXPECT_EQ(dated("Thu, 257 Feb 2026 00:00:00 -0500"), "");
  EXPECT_EQ(dated("Thu, 31 Apr 2026 00:00:00 -0400"), "");
  EXPECT_EQ(dated("Thu, 0 Feb 2026 00:00:00 -0500"), "");
  EXPECT_EQ(dated("Tue, 31 Dec 999 00:00:00 -0500"), "");
  EXPECT_EQ(dated("1 Jan 1000"), "1000-01-01");
}

// DESIGN difference 3: the original crashed on such an item and wrote nothing.
TEST(RssParser, SkipsAndReportsAnItemWithoutAnnounceTypePrefix) {
  const auto feed = parse_file(fixture_path("feeds/rss_missing_announce_prefix.xml"), "bad.xml");
  ASSERT_OK(feed);
  std::vector<std::string> ids;
  for (const Paper& paper : feed->papers) {
    ids.push_back(versioned_id(paper));
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"2602.10118v1", "2602.09067v1", "2602.10238v1"}));
  EXPECT_EQ(feed->skipped,
            (std::vector<SkippedItem>{
                {"item 2 (oai:arXiv.org:2602.10229v1)",
                 "its description does not start with \"arXiv:<id>v<N> Announce Type: <type>\""},
                {"item 5",
                 "its description does not start with \"arXiv:<id>v<N> Announce Type: <type>\""}}));
}

TEST(RssParser, TakesTheIdFromTheDescriptionWhenTheGuidIsMissing) {
  const auto feed = parse_file(fixture_path("feeds/rss_missing_announce_prefix.xml"), "bad.xml");
  ASSERT_OK(feed);
  const Paper* paper = find_paper(*feed, "2602.10238");
  ASSERT_NE(paper, nullptr);
  EXPECT_EQ(paper->version, 1);
  EXPECT_EQ(paper->categories, (std::vector<std::string>{"cs.CL", "cs.LG"}));
}

// DESIGN difference 8: the original dropped such papers.
TEST(RssParser, KeepsAPaperWithAnEmptyCreator) {
  const auto feed = parse_file(fixture_path("feeds/rss_empty_creator.xml"), "empty_creator.xml");
  ASSERT_OK(feed);
  ASSERT_EQ(feed->papers.size(), 2U);
  EXPECT_TRUE(feed->skipped.empty());
  EXPECT_TRUE(feed->papers[0].authors.empty());
  EXPECT_TRUE(feed->papers[1].authors.empty());
  EXPECT_EQ(feed->papers[0].id, "2602.10329");
}

TEST(RssParser, CollapsesWhitespaceInTitlesAndKeepsTex) {
  const auto feed = parse_file(fixture_path("feeds/rss_text_decoding.xml"), "decoding.xml");
  ASSERT_OK(feed);
  ASSERT_EQ(feed->papers.size(), 2U);
  EXPECT_EQ(feed->papers[0].title, "Modular Multi-Task Learning for Chemical R&D with M$^3$KG-RAG");
  EXPECT_EQ(feed->feed_categories, (std::vector<std::string>{"cs.AI", "cs.CL"}));
  EXPECT_EQ(feed->date, "2025-12-25");
}

TEST(RssParser, DecodesEscapedTextOnceAndTrimsOnlyTheEnds) {
  const auto feed = parse_file(fixture_path("feeds/rss_text_decoding.xml"), "decoding.xml");
  ASSERT_OK(feed);
  ASSERT_EQ(feed->papers.size(), 2U);
  EXPECT_EQ(feed->papers[0].abstract,
            "We append a direct *</think>* token, keep $2<N<3$ and R&D as text, and leave the "
            "escaped entity &amp; as written; café is a character reference.  Two spaces stay.\n"
            "  A second paragraph starts here.\n"
            "  And a third one ends the abstract.");
  EXPECT_EQ(feed->papers[0].doi, "10.1000/xyz<1>");
  EXPECT_EQ(feed->papers[0].journal_ref, R"(Journal de l'\'Ecole polytechnique, Tome 11 (2024))");
  EXPECT_EQ(feed->papers[1].abstract, "CDATA text is read as written: a < b & c.");
}

// A <pubDate> of text next to CDATA is joined into its item's own storage, freed before the next
// item is read; the day remembered from one item to the next must not point into it. The days
// differ (and repeat once) so that a remembered view, when its freed block is reused for the
// next item's date, reads as "unchanged" and the item takes the previous day; under ASan the
// read itself is reported.
TEST(RssParser, ReadsEachItemsDayWhenItsPubDateIsTextAndCdata) {
  const std::vector<std::pair<std::string, std::string>> items{{"2602.10001", "Thu, 12 Feb 2026 "},
                                                               {"2602.10002", "Fri, 13 Feb 2026 "},
                                                               {"2602.10003", "Fri, 13 Feb 2026 "},
                                                               {"2602.10004", "Mon, 16 Feb 2026 "}};
  std::string xml =
      "<?xml version='1.0' encoding='UTF-8'?>\n"
      "<rss xmlns:arxiv=\"http://arxiv.org/schemas/atom\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" version=\"2.0\"><channel>"
      "<title>cs.CL updates on arXiv.org</title>"
      "<pubDate>Thu, 12 Feb 2026 00:00:00 -0500</pubDate>";
  for (const auto& [id, day] : items) {
    xml += "<item><title>Paper " + id + "</title><description>arXiv:" + id +
           "v1 Announce Type: new \nAbstract: Text.</description>"
           "<guid isPermaLink=\"false\">oai:arXiv.org:" +
           id +
           "v1</guid>"
           "<category>cs.CL</category><pubDate>" +
           day + "<![CDATA[00:00:00 -0500]]></pubDate><dc:creator>Ada Lovelace</dc:creator></item>";
  }
  xml += "</channel></rss>";
  const auto feed = parse_feed(xml, "split_dates.xml");
  ASSERT_OK(feed);
  EXPECT_TRUE(feed->skipped.empty());
  std::vector<std::string> days;
  for (const Paper& paper : feed->papers) {
    days.push_back(paper.id + " " + paper.published);
  }
  EXPECT_EQ(days, (std::vector<std::string>{"2602.10001 2026-02-12", "2602.10002 2026-02-13",
                                            "2602.10003 2026-02-13", "2602.10004 2026-02-16"}));
}

TEST(RssParser, SplitsAuthorsOutsideParenthesesAndDecodesThem) {
  const auto feed = parse_file(fixture_path("feeds/rss_text_decoding.xml"), "decoding.xml");
  ASSERT_OK(feed);
  ASSERT_EQ(feed->papers.size(), 2U);
  EXPECT_EQ(feed->papers[0].authors,
            (std::vector<std::string>{
                "Gül Sena Altıntaş", "Michael Färber", "Tony Feng (Maggie)",
                "Anjali K. Kapoor (Department of Neurosurgery, NYU Langone Health, New York, USA)",
                "Xin Chen", "Wei Wang"}));
  EXPECT_EQ(feed->papers[1].authors,
            (std::vector<std::string>{"NVIDIA", "Aaron Blakeman", "Yeshani", "Ruiwen Tao"}));
}

TEST(RssParser, SplitAuthorsHandlesSeparators) {
  EXPECT_EQ(split_authors("A, B and C"), (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_EQ(split_authors("A, B, and C"), (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_EQ(split_authors("A (X and Y, Z), B"), (std::vector<std::string>{"A (X and Y, Z)", "B"}));
  EXPECT_EQ(split_authors("Andrea Anderson"), (std::vector<std::string>{"Andrea Anderson"}));
  EXPECT_EQ(split_authors(""), (std::vector<std::string>{}));
  EXPECT_EQ(split_authors("  ,  :, "), (std::vector<std::string>{}));
}

TEST(RssParser, ParsesAnnouncementText) {
  const auto text =
      parse_announcement_text("arXiv:2602.10965v2 Announce Type: replace \nAbstract: x\n  y ");
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(text->versioned_id, "2602.10965v2");
  EXPECT_EQ(text->announce_type, "replace");
  EXPECT_EQ(text->abstract, "x\n  y");
  EXPECT_FALSE(parse_announcement_text("Abstract: x").has_value());
  EXPECT_FALSE(parse_announcement_text("arXiv:2602.10965v2 Abstract: x").has_value());
}

TEST(RssParser, ParsesVersionedIds) {
  const auto check = [](std::string_view text, std::string id, int version) {
    const auto parsed = parse_versioned_id(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(parsed->id, id);
    EXPECT_EQ(parsed->version, version);
  };
  check("oai:arXiv.org:2602.10965v1", "2602.10965", 1);
  check("arXiv:2406.14986v4", "2406.14986", 4);
  check("http://arxiv.org/abs/gr-qc/0103067v12", "gr-qc/0103067", 12);
  check("2602.10965v1", "2602.10965", 1);
  EXPECT_FALSE(parse_versioned_id("oai:arXiv.org:2602.10965").has_value());
  EXPECT_FALSE(parse_versioned_id("v1").has_value());
  EXPECT_FALSE(parse_versioned_id("2602.10965vx").has_value());
  EXPECT_FALSE(parse_versioned_id("").has_value());
}

}  // namespace
}  // namespace arxiv_digest
