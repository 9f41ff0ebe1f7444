#include "core/util/text.hpp"

#include <gtest/gtest.h>

namespace arxiv_digest {
namespace {

TEST(Text, CountsCodePointsNotBytes) {
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("Gül"), 3u);
  EXPECT_EQ(utf8_length("中文🤖"), 3u);
}

TEST(Text, PrefixNeverSplitsASequence) {
  EXPECT_EQ(utf8_prefix("中文字", 2), "中文");
  EXPECT_EQ(utf8_prefix("a🤖b", 2), "a🤖");
  EXPECT_EQ(utf8_prefix("ab", 5), "ab");
}

TEST(Text, InvalidBytesCountAsOneCharacter) {
  const std::string broken = "a\xE4\xB8";  // truncated three-byte sequence
  EXPECT_EQ(utf8_length(broken), 3u);
  EXPECT_EQ(utf8_prefix(broken, 2), "a\xE4");
}

TEST(Text, ExcerptAddsEllipsisOnlyWhenLonger) {
  EXPECT_EQ(abstract_excerpt(std::string(300, 'x'), false), std::string(300, 'x'));
  EXPECT_EQ(abstract_excerpt(std::string(301, 'x'), false), std::string(300, 'x') + "...");
  EXPECT_EQ(abstract_excerpt("short", true), "short...");
}

TEST(Text, NeutralizesOnlyCollapsibleTags) {
  EXPECT_EQ(neutralize_collapsible_tags("<details><Summary a=1>x</SUMMARY></details>"),
            "&lt;details>&lt;Summary a=1>x&lt;/SUMMARY>&lt;/details>");
  EXPECT_EQ(neutralize_collapsible_tags("<br> <summaryx> <b>"), "<br> <summaryx> <b>");
}

TEST(Text, ScoreHasOneDecimal) {
  EXPECT_EQ(format_score(9.5), "9.5");
  EXPECT_EQ(format_score(13), "13.0");
  EXPECT_EQ(format_score(0.25 * 3), "0.8");
}

}  // namespace
}  // namespace arxiv_digest
