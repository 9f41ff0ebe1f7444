#include "arxiv_digest/suggest.hpp"

#include <gtest/gtest.h>

namespace arxiv_digest {
namespace {

TEST(Suggest, EditDistanceCountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("", ""), 0U);
  EXPECT_EQ(edit_distance("abc", ""), 3U);
  EXPECT_EQ(edit_distance("", "abc"), 3U);
  EXPECT_EQ(edit_distance("same", "same"), 0U);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3U);
  EXPECT_EQ(edit_distance("flaw", "lawn"), 2U);
  EXPECT_EQ(edit_distance("ai_sumary", "ai_summary"), 1U);
  EXPECT_EQ(edit_distance("rnu", "run"), 1U);  // adjacent transposition
  EXPECT_EQ(edit_distance("mathc", "match"), 1U);
}

TEST(Suggest, EditDistanceIsSymmetricAndCaseSensitive) {
  EXPECT_EQ(edit_distance("sunday", "saturday"), edit_distance("saturday", "sunday"));
  EXPECT_EQ(edit_distance("Word", "word"), 1U);
  EXPECT_EQ(edit_distance("AI", "ai"), 2U);
}

TEST(Suggest, ClosestMatchFindsTheTypoedKey) {
  const std::vector<std::string> keys{"categories", "keywords", "ai_summary", "max_papers"};
  EXPECT_EQ(closest_match("ai_sumary", keys), "ai_summary");
  EXPECT_EQ(closest_match("max_paper", keys), "max_papers");
  EXPECT_EQ(closest_match("keyword", keys), "keywords");
  EXPECT_EQ(closest_match("categories", keys), "categories");
}

TEST(Suggest, ClosestMatchPrefersTheNearestCandidate) {
  EXPECT_EQ(closest_match("words", {"substring", "word"}), "word");
  EXPECT_EQ(closest_match("crosss", {"new", "cross", "replace-cross"}), "cross");
}

TEST(Suggest, ClosestMatchBreaksTiesByCandidateOrder) {
  EXPECT_EQ(closest_match("cat", {"bat", "cab"}), "bat");
  EXPECT_EQ(closest_match("cat", {"cab", "bat"}), "cab");
}

TEST(Suggest, ClosestMatchThresholdIsAThirdOfTheWordButAtLeastOne) {
  // 9 characters: up to 3 edits.
  EXPECT_EQ(closest_match("abcdefghi", {"abcdefxyz"}), "abcdefxyz");
  EXPECT_EQ(closest_match("abcdefghi", {"abcdewxyz"}), std::nullopt);
  // 2 characters: still 1 edit.
  EXPECT_EQ(closest_match("rs", {"rss"}), "rss");
  EXPECT_EQ(closest_match("rs", {"atom"}), std::nullopt);
}

TEST(Suggest, ClosestMatchOffersNothingForDistantWords) {
  EXPECT_EQ(closest_match("banana", {"categories", "keywords", "match"}), std::nullopt);
  EXPECT_EQ(closest_match("xyz", {"sync", "batch"}), std::nullopt);
  EXPECT_EQ(closest_match("anything", {}), std::nullopt);
}

}  // namespace
}  // namespace arxiv_digest
