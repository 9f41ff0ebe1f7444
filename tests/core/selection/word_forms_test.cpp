#include "core/selection/word_forms.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace arxiv_digest {
namespace {

using Forms = std::vector<std::string>;

TEST(MinimalSingular, UndoesSEsAndIesLikeLucenesMinimalStemmer) {
  EXPECT_EQ(minimal_singular("policies"), "policy");
  EXPECT_EQ(minimal_singular("models"), "model");
  EXPECT_EQ(minimal_singular("caches"), "cache");
  EXPECT_EQ(minimal_singular("llms"), "llm");
  EXPECT_EQ(minimal_singular("keys"), "key");
}

TEST(MinimalSingular, LeavesWordsItCannotTellAlone) {
  EXPECT_EQ(minimal_singular("bus"), "bus");
  EXPECT_EQ(minimal_singular("class"), "class");
  EXPECT_EQ(minimal_singular("toes"), "toes");    // -oes: "heroes" or "shoes" cannot be told
  EXPECT_EQ(minimal_singular("aies"), "aies");    // -aies/-eies are not -y plurals
  EXPECT_EQ(minimal_singular("is"), "is");        // under three letters
  EXPECT_EQ(minimal_singular("model"), "model");  // no final s
}

TEST(WordForms, ASingularGetsItsPlural) {
  EXPECT_EQ(word_forms("llm"), (Forms{"llm", "llms"}));
  EXPECT_EQ(word_forms("policy"), (Forms{"policy", "policies"}));
  EXPECT_EQ(word_forms("key"), (Forms{"key", "keys"}));
  EXPECT_EQ(word_forms("box"), (Forms{"box", "boxes"}));
  EXPECT_EQ(word_forms("match"), (Forms{"match", "matches"}));
  EXPECT_EQ(word_forms("class"), (Forms{"class", "classes"}));
  EXPECT_EQ(word_forms("cache"), (Forms{"cache", "caches"}));
}

TEST(WordForms, APluralGetsItsSingular) {
  EXPECT_EQ(word_forms("policies"), (Forms{"policies", "policy"}));
  EXPECT_EQ(word_forms("models"), (Forms{"models", "model"}));
}

TEST(WordForms, ShortOrNonWordEndingsStayAsTheyAre) {
  EXPECT_EQ(word_forms("gas"), (Forms{"gas", "gases"}));  // "ga" is too likely another word
  EXPECT_EQ(word_forms("a"), (Forms{"a"}));
  EXPECT_EQ(word_forms("4"), (Forms{"4"}));
  EXPECT_EQ(word_forms("gpt4"), (Forms{"gpt4"}));
  EXPECT_EQ(word_forms("gr\xc3\xb6\xc3\x9f"
                       "e"),
            (Forms{"gr\xc3\xb6\xc3\x9f"
                   "e"}));
}

}  // namespace
}  // namespace arxiv_digest
