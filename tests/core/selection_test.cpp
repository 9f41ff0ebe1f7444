#include "arxiv_digest/selection.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace arxiv_digest {
namespace {

// An announcement as a category feed lists it: categories primary first.
Paper announcement(std::string id, std::string type, std::vector<std::string> categories,
                   std::string title = "An LLM paper", int version = 1) {
  Paper paper;
  paper.id = std::move(id);
  paper.version = version;
  paper.title = std::move(title);
  paper.abstract = "Abstract text.";
  paper.primary_category = categories.empty() ? "" : categories.front();
  paper.categories = std::move(categories);
  paper.announce_type = std::move(type);
  paper.published = "2026-02-12";
  return paper;
}

SelectionOptions options_with(std::vector<Keyword> keywords = {{"LLM", 1.0}}) {
  SelectionOptions options;
  options.keywords = std::move(keywords);
  options.today = "2026-02-12";
  return options;
}

std::vector<std::string> ids(const Selection& selection) {
  std::vector<std::string> out;
  for (const auto& paper : selection.candidates) {
    out.push_back(paper.id);
  }
  return out;
}

// --- Dedupe ------------------------------------------------------------------------------------

TEST(Selection, CrossListedPaperSeenFirstAsCrossIsKeptAsNew) {
  // DESIGN difference 1: the cs.AI feed comes first and lists the paper as `cross`; the original
  // deduplicated first, kept that copy, dropped it as `cross` and lost the paper.
  const std::vector<Paper> announcements = {
      announcement("2602.00001", "cross", {"cs.LG", "cs.AI"}),
      announcement("2602.00001", "new", {"cs.LG", "cs.AI", "cs.CL"}),
  };
  const auto selection = select_papers(announcements, {}, options_with());
  ASSERT_EQ(selection.candidates.size(), 1U);
  const Paper& paper = selection.candidates[0];
  EXPECT_EQ(paper.announce_type, "new");
  EXPECT_EQ(paper.categories, (std::vector<std::string>{"cs.LG", "cs.AI", "cs.CL"}));
  EXPECT_EQ(paper.primary_category, "cs.LG");
  EXPECT_EQ(selection.stats.unique_papers, 1U);
  EXPECT_EQ(selection.stats.wrong_type, 0U);
}

TEST(Selection, MergedCategoriesPutPrimaryFirstThenFirstSeen) {
  Paper first = announcement("2602.00001", "cross", {"cs.AI", "cs.DC"});
  first.primary_category = "cs.LG";
  const std::vector<Paper> announcements = {
      first,
      announcement("2602.00001", "new", {"cs.LG", "stat.ML", "cs.AI"}),
  };
  const auto selection = select_papers(announcements, {}, options_with());
  ASSERT_EQ(selection.candidates.size(), 1U);
  EXPECT_EQ(selection.candidates[0].categories,
            (std::vector<std::string>{"cs.LG", "cs.AI", "cs.DC", "stat.ML"}));
}

TEST(Selection, PaperListedOnlyAsCrossIsWrongType) {
  const std::vector<Paper> announcements = {
      announcement("2602.00001", "cross", {"cs.LG", "cs.AI"}),
      announcement("2602.00001", "cross", {"cs.LG", "cs.CL"}),
  };
  const auto selection = select_papers(announcements, {}, options_with());
  EXPECT_TRUE(selection.candidates.empty());
  EXPECT_EQ(selection.stats.wrong_type, 1U);
}

TEST(Selection, HighestVersionMetadataIsKept) {
  const std::vector<Paper> announcements = {
      announcement("2602.00001", "new", {"cs.LG"}, "Old LLM title", 1),
      announcement("2602.00001", "replace", {"cs.LG"}, "New LLM title", 3),
      announcement("2602.00001", "replace-cross", {"cs.LG"}, "Middle LLM title", 2),
  };
  const auto selection = select_papers(announcements, {}, options_with());
  ASSERT_EQ(selection.candidates.size(), 1U);
  EXPECT_EQ(selection.candidates[0].version, 3);
  EXPECT_EQ(selection.candidates[0].title, "New LLM title");
  EXPECT_EQ(selection.candidates[0].announce_type, "new");
}

TEST(Selection, AnnounceTypesChooseCandidates) {
  const std::vector<Paper> announcements = {
      announcement("2602.00001", "new", {"cs.LG"}),
      announcement("2602.00002", "replace", {"cs.LG"}),
      announcement("2602.00003", "cross", {"cs.AI"}),
  };
  auto options = options_with();
  options.announce_types = {"new", "replace"};
  const auto selection = select_papers(announcements, {}, options);
  EXPECT_EQ(ids(selection), (std::vector<std::string>{"2602.00001", "2602.00002"}));
  EXPECT_EQ(selection.candidates[1].announce_type, "replace");
  EXPECT_EQ(selection.stats.wrong_type, 1U);
}

// --- Filters -----------------------------------------------------------------------------------

TEST(Selection, MinScoreIsHonored) {
  // DESIGN difference 4: the original ignored min_score.
  const std::vector<Paper> announcements = {
      announcement("2602.00001", "new", {"cs.LG"}, "LLM and RL"),  // 3.0
      announcement("2602.00002", "new", {"cs.LG"}, "An LLM"),      // 1.5
  };
  auto options = options_with({{"LLM", 1.0}, {"RL", 1.0}});
  options.min_score = 2.0;
  const auto selection = select_papers(announcements, {}, options);
  EXPECT_EQ(ids(selection), (std::vector<std::string>{"2602.00001"}));
  EXPECT_EQ(selection.stats.below_min_score, 1U);

  options.min_score = 1.5;  // inclusive
  EXPECT_EQ(select_papers(announcements, {}, options).candidates.size(), 2U);
}

TEST(Selection, DaysBackDropsOlderPapers) {
  Paper edge = announcement("2602.00001", "new", {"cs.LG"});
  edge.published = "2026-02-05";
  Paper old = announcement("2602.00002", "new", {"cs.LG"});
  old.published = "2026-02-04";
  Paper undated = announcement("2602.00003", "new", {"cs.LG"});
  undated.published = "";
  auto options = options_with();
  options.days_back = 7;
  const auto selection = select_papers({edge, old, undated}, {}, options);
  EXPECT_EQ(ids(selection), (std::vector<std::string>{"2602.00001", "2602.00003"}));
  EXPECT_EQ(selection.stats.too_old, 1U);
}

TEST(Selection, DaysBackZeroKeepsOnlyToday) {
  Paper today = announcement("2602.00001", "new", {"cs.LG"});
  Paper yesterday = announcement("2602.00002", "new", {"cs.LG"});
  yesterday.published = "2026-02-11";
  auto options = options_with();
  options.days_back = 0;
  EXPECT_EQ(ids(select_papers({today, yesterday}, {}, options)),
            (std::vector<std::string>{"2602.00001"}));
}

TEST(Selection, DaysBackIsSkippedWithoutToday) {
  Paper old = announcement("2602.00001", "new", {"cs.LG"});
  old.published = "2020-01-01";
  auto options = options_with();
  options.today = "";
  EXPECT_EQ(select_papers({old}, {}, options).candidates.size(), 1U);
}

TEST(Selection, AlreadyShownPaperIsDropped) {
  const ShownHistory shown = {{"2602.00001", 1}};
  const auto selection =
      select_papers({announcement("2602.00001", "new", {"cs.LG"})}, shown, options_with());
  EXPECT_TRUE(selection.candidates.empty());
  EXPECT_EQ(selection.stats.already_shown, 1U);
}

TEST(Selection, ReservedListWithNewV2IsNotShownAgain) {
  // DESIGN difference 10: arXiv re-served yesterday's list with some items at v2, still `new`.
  const ShownHistory shown = {{"2512.20135", 1}};
  const auto selection = select_papers(
      {announcement("2512.20135", "new", {"cs.AI"}, "An LLM paper", 2)}, shown, options_with());
  EXPECT_TRUE(selection.candidates.empty());
  EXPECT_EQ(selection.stats.already_shown, 1U);
}

TEST(Selection, ReplacementWithNewerVersionIsShownWhenReplaceIsAccepted) {
  const ShownHistory shown = {{"2602.00001", 1}, {"2602.00002", 2}};
  auto options = options_with();
  options.announce_types = {"new", "replace"};
  const auto selection = select_papers({announcement("2602.00001", "replace", {"cs.LG"}, "LLM", 2),
                                        announcement("2602.00002", "replace", {"cs.LG"}, "LLM", 2)},
                                       shown, options);
  EXPECT_EQ(ids(selection), (std::vector<std::string>{"2602.00001"}));
  EXPECT_EQ(selection.candidates[0].version, 2);
  EXPECT_EQ(selection.stats.already_shown, 1U);
}

TEST(Selection, ExcludeKeywordsDropPapersByTitleOrAbstract) {
  Paper in_abstract = announcement("2602.00002", "new", {"cs.LG"});
  in_abstract.abstract = "This tutorial covers LLM serving.";
  const std::vector<Paper> announcements = {
      announcement("2602.00001", "new", {"cs.LG"}, "A Survey of LLM Inference"),
      in_abstract,
      announcement("2602.00003", "new", {"cs.LG"}, "LLM reviewer agreement"),
  };
  auto options = options_with();
  options.exclude_keywords = {"survey", "review", "tutorial"};
  const auto by_word = select_papers(announcements, {}, options);
  EXPECT_EQ(ids(by_word), (std::vector<std::string>{"2602.00003"}));
  EXPECT_EQ(by_word.stats.excluded, 2U);

  options.match = MatchMode::substring;  // "review" is inside "reviewer", as in the original
  const auto by_substring = select_papers(announcements, {}, options);
  EXPECT_TRUE(by_substring.candidates.empty());
  EXPECT_EQ(by_substring.stats.excluded, 3U);
}

TEST(Selection, PaperMatchingNoKeywordIsDropped) {
  const auto selection = select_papers(
      {announcement("2602.00001", "new", {"cs.LG"}, "Graph theory")}, {}, options_with());
  EXPECT_TRUE(selection.candidates.empty());
  EXPECT_EQ(selection.stats.no_keyword, 1U);
}

TEST(Selection, WithoutKeywordsEveryPaperIsACandidateScoringZero) {
  const auto selection = select_papers(
      {announcement("2602.00001", "new", {"cs.LG"}, "Graph theory")}, {}, options_with({}));
  ASSERT_EQ(selection.candidates.size(), 1U);
  EXPECT_EQ(selection.candidates[0].score, 0.0);
  EXPECT_TRUE(selection.candidates[0].matches.empty());
}

TEST(Selection, WholeAbstractIsScored) {
  // DESIGN difference 2: the original scored only the first line of the abstract.
  Paper paper = announcement("2602.00001", "new", {"cs.LG"}, "A title");
  paper.abstract = "First paragraph.\nSecond paragraph about LLM serving.";
  const auto selection = select_papers({paper}, {}, options_with());
  ASSERT_EQ(selection.candidates.size(), 1U);
  EXPECT_EQ(selection.candidates[0].score, 1.0);
}

TEST(Selection, CandidateCarriesScoreAndBreakdown) {
  Paper paper = announcement("2602.00001", "new", {"cs.LG"}, "Sparse LLM");
  paper.abstract = "Sparse attention for LLM inference.";
  const auto selection =
      select_papers({paper}, {}, options_with({{"LLM", 2.0}, {"Sparse", 1.0}, {"Kernel", 1.0}}));
  ASSERT_EQ(selection.candidates.size(), 1U);
  EXPECT_EQ(selection.candidates[0].score, 4.5);
  EXPECT_EQ(
      selection.candidates[0].matches,
      (std::vector<KeywordMatch>{{"LLM", 2.0, true, true, 3.0}, {"Sparse", 1.0, true, true, 1.5}}));
}

// --- Ranking -----------------------------------------------------------------------------------

TEST(Selection, RanksByScoreAndKeepsTiesInAnnouncementOrder) {
  const std::vector<Paper> announcements = {
      announcement("2602.00001", "new", {"cs.AI"}, "An LLM"),           // 1.5
      announcement("2602.00002", "new", {"cs.AI"}, "LLM and RL"),       // 3.0
      announcement("2602.00003", "new", {"cs.CL"}, "Another LLM"),      // 1.5
      announcement("2602.00004", "new", {"cs.LG"}, "RL with an LLM"),   // 3.0
      announcement("2602.00005", "new", {"cs.LG"}, "Yet another LLM"),  // 1.5
  };
  const auto selection =
      select_papers(announcements, {}, options_with({{"LLM", 1.0}, {"RL", 1.0}}));
  EXPECT_EQ(ids(selection), (std::vector<std::string>{"2602.00002", "2602.00004", "2602.00001",
                                                      "2602.00003", "2602.00005"}));
}

TEST(Selection, TiePositionIsTheAcceptedAnnouncement) {
  // 2602.00001 is first seen as `cross` (cs.AI feed) but taken from its `new` item in cs.LG,
  // after 2602.00002; the digest shows it where the original would have shown a cs.LG paper.
  const std::vector<Paper> announcements = {
      announcement("2602.00001", "cross", {"cs.LG", "cs.AI"}),
      announcement("2602.00002", "new", {"cs.CL"}),
      announcement("2602.00001", "new", {"cs.LG", "cs.AI"}),
  };
  EXPECT_EQ(ids(select_papers(announcements, {}, options_with())),
            (std::vector<std::string>{"2602.00002", "2602.00001"}));
}

TEST(Selection, MaxPapersCutsTheSelectionNotTheCandidates) {
  std::vector<Paper> announcements;
  for (int i = 0; i < 5; ++i) {
    announcements.push_back(announcement("2602.0000" + std::to_string(i), "new", {"cs.LG"}));
  }
  auto options = options_with();
  options.max_papers = 3;
  const auto selection = select_papers(announcements, {}, options);
  EXPECT_EQ(selection.candidates.size(), 5U);
  EXPECT_EQ(selection.selected, 3U);
  EXPECT_EQ(selection.stats.selected, 3U);

  options.max_papers = 30;
  EXPECT_EQ(select_papers(announcements, {}, options).selected, 5U);
  options.max_papers = 0;
  EXPECT_EQ(select_papers(announcements, {}, options).selected, 0U);
}

TEST(Selection, StatsCountEveryPaperExactlyOnce) {
  Paper old = announcement("2602.00003", "new", {"cs.LG"});
  old.published = "2026-01-01";
  Paper weak = announcement("2602.00007", "new", {"cs.LG"}, "A small LLM");
  const std::vector<Paper> announcements = {
      announcement("2602.00001", "new", {"cs.LG"}, "LLM RL"),
      announcement("2602.00001", "cross", {"cs.LG", "cs.AI"}, "LLM RL"),
      announcement("2602.00002", "cross", {"cs.AI", "cs.LG"}),
      old,
      announcement("2602.00004", "new", {"cs.LG"}),
      announcement("2602.00005", "new", {"cs.LG"}, "A survey of LLM"),
      announcement("2602.00006", "new", {"cs.LG"}, "Graphs"),
      weak,
      announcement("2602.00008", "new", {"cs.LG"}, "RL for LLM"),
  };
  auto options = options_with({{"LLM", 1.0}, {"RL", 1.0}});
  options.exclude_keywords = {"survey"};
  options.min_score = 2.0;
  options.max_papers = 1;
  const auto selection = select_papers(announcements, {{"2602.00004", 1}}, options);
  SelectionStats expected;
  expected.announcements = 9;
  expected.unique_papers = 8;
  expected.wrong_type = 1;
  expected.too_old = 1;
  expected.already_shown = 1;
  expected.excluded = 1;
  expected.no_keyword = 1;
  expected.below_min_score = 1;
  expected.candidates = 2;
  expected.selected = 1;
  EXPECT_EQ(selection.stats, expected);
  EXPECT_EQ(ids(selection), (std::vector<std::string>{"2602.00001", "2602.00008"}));
}

TEST(Selection, NoAnnouncementsGiveAnEmptySelection) {
  const auto selection = select_papers({}, {}, options_with());
  EXPECT_TRUE(selection.candidates.empty());
  EXPECT_EQ(selection.stats, SelectionStats{});
}

// --- Feed order --------------------------------------------------------------------------------

TEST(Selection, OrderAnnouncementsPutsFeedsInConfigCategoryOrder) {
  const std::vector<std::vector<Paper>> feeds = {
      {announcement("lg1", "new", {"cs.LG"}), announcement("lg2", "new", {"cs.LG"})},
      {announcement("x1", "new", {"math.CO"})},
      {announcement("ai1", "new", {"cs.AI"})},
      {announcement("y1", "new", {"q-bio"})},
      {announcement("cl1", "new", {"cs.CL"}), announcement("cl2", "new", {"cs.CL"})},
  };
  const std::vector<std::vector<std::string>> feed_categories = {
      {"cs.LG"}, {"math.CO"}, {"cs.AI"}, {"q-bio"}, {"cs.CL"}};
  const auto ordered =
      order_announcements(feeds, feed_categories, {"cs.AI", "cs.CL", "cs.DC", "cs.LG"});
  std::vector<std::string> order;
  for (const auto& paper : ordered) {
    order.push_back(paper.id);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"ai1", "cl1", "cl2", "lg1", "lg2", "x1", "y1"}));
}

TEST(Selection, OrderAnnouncementsRanksAFeedByItsFirstCategory) {
  const std::vector<std::vector<Paper>> feeds = {
      {announcement("lg", "new", {"cs.LG"})},
      {announcement("combined", "new", {"cs.CL"})},
      {announcement("unnamed", "new", {"cs.AI"})},
  };
  const auto ordered =
      order_announcements(feeds, {{"cs.LG"}, {"cs.CL", "cs.AI"}}, {"cs.AI", "cs.CL", "cs.LG"});
  ASSERT_EQ(ordered.size(), 3U);
  EXPECT_EQ(ordered[0].id, "combined");
  EXPECT_EQ(ordered[1].id, "lg");
  EXPECT_EQ(ordered[2].id, "unnamed");
}

}  // namespace
}  // namespace arxiv_digest
