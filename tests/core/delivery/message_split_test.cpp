#include "core/delivery/message_split.hpp"

#include <gmock/gmock.h>

#include <cstddef>
#include <string>
#include <vector>

#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

using Groups = std::vector<std::vector<std::size_t>>;

MessageLimits limits_of(std::size_t max_size, std::size_t first = 0, std::size_t last = 0,
                        std::size_t every = 0,
                        std::size_t max_items = static_cast<std::size_t>(-1)) {
  MessageLimits limits;
  limits.max_size = max_size;
  limits.max_items = max_items;
  limits.every_extra = every;
  limits.first_extra = first;
  limits.last_extra = last;
  return limits;
}

// Each group's size as the caller would send it: envelope, header on the first, footer on the
// last, and its items.
std::vector<std::size_t> group_sizes(const Groups& groups, const std::vector<std::size_t>& sizes,
                                     const MessageLimits& limits) {
  std::vector<std::size_t> out;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::size_t size = limits.every_extra;
    size += g == 0 ? limits.first_extra : 0;
    size += g + 1 == groups.size() ? limits.last_extra : 0;
    for (const std::size_t item : groups[g]) {
      size += sizes[item];
    }
    out.push_back(size);
  }
  return out;
}

// Every item once, in order, across the groups.
std::vector<std::size_t> flattened(const Groups& groups) {
  std::vector<std::size_t> out;
  for (const auto& group : groups) {
    out.insert(out.end(), group.begin(), group.end());
  }
  return out;
}

std::vector<std::size_t> indexes(std::size_t count) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < count; ++i) {
    out.push_back(i);
  }
  return out;
}

TEST(PackMessages, NoItemsGiveOneEmptyGroup) {
  EXPECT_EQ(pack_messages({}, limits_of(100, 10, 10, 5)), Groups{{}});
}

TEST(PackMessages, HeaderAndFooterThatCannotShareAMessageGoApart) {
  EXPECT_EQ(pack_messages({}, limits_of(100, 60, 60)), (Groups{{}, {}}));
}

TEST(PackMessages, ItemsFillGreedilyInOrder) {
  const std::vector<std::size_t> sizes = {40, 40, 40, 40, 40};
  const MessageLimits limits = limits_of(100);
  const Groups groups = pack_messages(sizes, limits);
  EXPECT_EQ(groups, (Groups{{0, 1}, {2, 3}, {4}}));
}

TEST(PackMessages, AnItemExactlyFillingTheRoomStays) {
  EXPECT_EQ(pack_messages({50, 50}, limits_of(100)), (Groups{{0, 1}}));
  EXPECT_EQ(pack_messages({50, 51}, limits_of(100)), (Groups{{0}, {1}}));
}

TEST(PackMessages, HeaderFooterAndEnvelopeCount) {
  // Header 30 on the first, footer 30 on the last, an envelope of 10 on each.
  const std::vector<std::size_t> sizes = {30, 30, 30, 30, 30, 30};
  const MessageLimits limits = limits_of(100, 30, 30, 10);
  const Groups groups = pack_messages(sizes, limits);
  EXPECT_EQ(groups, (Groups{{0, 1}, {2, 3, 4}, {5}}));
  for (const std::size_t size : group_sizes(groups, sizes, limits)) {
    EXPECT_LE(size, 100u);
  }
}

TEST(PackMessages, TheLastItemMovesOnWhenTheFooterDoesNotFitBesideIt) {
  // 40 + 40 fits, 40 + 40 + footer 30 does not: the last item goes with the footer.
  const std::vector<std::size_t> sizes = {40, 40};
  const MessageLimits limits = limits_of(100, 0, 30);
  const Groups groups = pack_messages(sizes, limits);
  EXPECT_EQ(groups, (Groups{{0}, {1}}));
  EXPECT_EQ(group_sizes(groups, sizes, limits), (std::vector<std::size_t>{40, 70}));
}

TEST(PackMessages, AFooterThatFitsNoWhereButAloneGetsItsOwnMessage) {
  // The last item fills its message; with the footer it would not fit even alone.
  const std::vector<std::size_t> sizes = {20, 90};
  const MessageLimits limits = limits_of(100, 0, 30);
  const Groups groups = pack_messages(sizes, limits);
  EXPECT_EQ(groups, (Groups{{0}, {1}, {}}));
  EXPECT_EQ(group_sizes(groups, sizes, limits), (std::vector<std::size_t>{20, 90, 30}));
}

TEST(PackMessages, AFirstItemThatFitsOnlyWithoutTheHeaderLeavesItAlone) {
  // Header 50 + item 80 > 100, but the item fits a message of its own.
  const std::vector<std::size_t> sizes = {80, 10};
  const MessageLimits limits = limits_of(100, 50, 0);
  const Groups groups = pack_messages(sizes, limits);
  EXPECT_EQ(groups, (Groups{{}, {0, 1}}));
  for (const std::size_t size : group_sizes(groups, sizes, limits)) {
    EXPECT_LE(size, 100u);
  }
}

TEST(PackMessages, ASingleItemWithHeaderAndFooterSplitsAsNeeded) {
  // Header 40 + item 40 + footer 40 > 100: the item goes on with the footer.
  const std::vector<std::size_t> sizes = {40};
  const MessageLimits limits = limits_of(100, 40, 40);
  const Groups groups = pack_messages(sizes, limits);
  EXPECT_EQ(groups, (Groups{{}, {0}}));
  EXPECT_EQ(group_sizes(groups, sizes, limits), (std::vector<std::size_t>{40, 80}));
}

TEST(PackMessages, AnOversizedItemGetsAMessageOfItsOwn) {
  const std::vector<std::size_t> sizes = {10, 500, 10};
  const Groups groups = pack_messages(sizes, limits_of(100));
  EXPECT_EQ(groups, (Groups{{0}, {1}, {2}}));
  // Also when it is the first: it goes with the header, since no message can hold it.
  EXPECT_EQ(pack_messages({500, 10}, limits_of(100, 20)), (Groups{{0}, {1}}));
}

TEST(PackMessages, ItemCountIsLimited) {
  const std::vector<std::size_t> sizes(25, 1);
  const Groups groups = pack_messages(sizes, limits_of(1000, 0, 0, 0, 10));
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].size(), 10u);
  EXPECT_EQ(groups[1].size(), 10u);
  EXPECT_EQ(groups[2].size(), 5u);
  EXPECT_EQ(flattened(groups), indexes(25));
}

TEST(PackMessages, ManyMixedItemsStayInOrderAndWithinTheLimits) {
  std::vector<std::size_t> sizes;
  for (std::size_t i = 0; i < 300; ++i) {
    sizes.push_back(1 + (i * 37) % 90);
  }
  const MessageLimits limits = limits_of(400, 60, 70, 15, 7);
  const Groups groups = pack_messages(sizes, limits);
  EXPECT_EQ(flattened(groups), indexes(sizes.size()));
  for (const std::size_t size : group_sizes(groups, sizes, limits)) {
    EXPECT_LE(size, 400u);
  }
  for (std::size_t g = 0; g < groups.size(); ++g) {
    EXPECT_LE(groups[g].size(), 7u);
    EXPECT_FALSE(groups[g].empty()) << "group " << g;  // every item fits beside header or footer
  }
}

TEST(ShortenText, ShortTextIsUnchanged) {
  EXPECT_EQ(shorten_text("", 5), "");
  EXPECT_EQ(shorten_text("hello", 5), "hello");
  EXPECT_EQ(shorten_text("héllo wörld", 11), "héllo wörld");  // counted in code points
}

TEST(ShortenText, ZeroCharactersGiveNothing) { EXPECT_EQ(shorten_text("hello", 0), ""); }

TEST(ShortenText, CutsAtTheLastSentenceThatFits) {
  EXPECT_EQ(shorten_text("One two. Three four. Five six seven.", 25), "One two. Three four.…");
  EXPECT_EQ(shorten_text("Really? Yes! And more words here", 14), "Really? Yes!…");
}

TEST(ShortenText, ASentenceEndingRightAtTheLimitIsKept) {
  // Room for 12 characters and "…": "Hello world." ends a sentence there, though its space is
  // beyond the room.
  EXPECT_EQ(shorten_text("Hello world. More text follows", 13), "Hello world.…");
}

TEST(ShortenText, ALineBreakEndsASentenceOrAWord) {
  EXPECT_EQ(shorten_text("**TL;DR**: it works.\n\n**Method**: a long method", 30),
            "**TL;DR**: it works.…");
  EXPECT_EQ(shorten_text("first\nsecond\nthird_word_is_long", 20), "first\nsecond…");
}

TEST(ShortenText, WithoutASentenceEndItCutsAtAWord) {
  EXPECT_EQ(shorten_text("No sentence ends within the limit", 18), "No sentence ends…");
  // A decimal point is not a sentence end.
  EXPECT_EQ(shorten_text("Scores rose by 3.5 points overall", 20), "Scores rose by 3.5…");
}

TEST(ShortenText, WithoutASpaceItCutsAtACodePoint) {
  EXPECT_EQ(shorten_text("abcdefghij", 5), "abcd…");
  const std::string cut = shorten_text("ééééééééé", 4);
  EXPECT_EQ(cut, "ééé…");
  const std::string emoji = shorten_text("😀😀😀😀😀", 3);
  EXPECT_EQ(emoji, "😀😀…");
}

TEST(ShortenText, TheResultNeverExceedsTheLimit) {
  const std::string text =
      "A sentence. Another, longer sentence with words! A question? Words words words words.";
  for (std::size_t max = 0; max <= utf8_length(text) + 1; ++max) {
    const std::string shortened = shorten_text(text, max);
    EXPECT_LE(utf8_length(shortened), max) << max;
    if (max >= utf8_length(text)) {
      EXPECT_EQ(shortened, text);
    } else if (max > 0) {
      EXPECT_TRUE(shortened.ends_with("…")) << shortened;
      // What is kept is the text's own start.
      const std::string kept = shortened.substr(0, shortened.size() - std::string("…").size());
      EXPECT_TRUE(text.starts_with(kept)) << shortened;
    }
  }
}

TEST(ShortenText, InvalidBytesCountAsOneCharacterEach) {
  const std::string text = "ab\xFF\xFE cd \xC3";
  for (std::size_t max = 0; max < 10; ++max) {
    EXPECT_LE(utf8_length(shorten_text(text, max)), max) << max;
  }
  EXPECT_EQ(shorten_text(text, 4), "ab\xFF…");
}

}  // namespace
}  // namespace arxiv_digest
