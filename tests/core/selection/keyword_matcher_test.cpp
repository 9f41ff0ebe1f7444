#include "core/selection/keyword_matcher.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "arxiv_digest/selection.hpp"

namespace arxiv_digest {
namespace {

// The score formula over a KeywordMatcher, as select_papers applies it: each text scanned once,
// title and abstract separately.
class Scorer {
 public:
  Scorer(std::vector<Keyword> keywords, MatchMode mode)
      : keywords_(std::move(keywords)), matcher_(views(keywords_), mode) {}

  std::vector<KeywordMatch> match(std::string_view title, std::string_view abstract) const {
    std::vector<unsigned char> in_title(keywords_.size());
    std::vector<unsigned char> in_abstract(keywords_.size());
    matcher_.mark(title, in_title);
    matcher_.mark(abstract, in_abstract);
    return keyword_matches(keywords_, in_title, in_abstract);
  }
  bool matches_any(std::string_view text) const { return matcher_.contains_any(text); }

 private:
  static std::vector<SearchTerm> views(const std::vector<Keyword>& keywords) {
    std::vector<SearchTerm> out;
    for (const auto& keyword : keywords) {
      out.push_back(SearchTerm{keyword.term, keyword.exact});
    }
    return out;
  }
  std::vector<Keyword> keywords_;
  KeywordMatcher matcher_;
};

std::vector<Keyword> terms(std::initializer_list<const char*> list) {
  std::vector<Keyword> keywords;
  for (const char* term : list) {
    keywords.push_back(Keyword{term, 1.0});
  }
  return keywords;
}

double total(const std::vector<KeywordMatch>& matches) {
  double sum = 0.0;
  for (const auto& match : matches) {
    sum += match.points;
  }
  return sum;
}

std::vector<std::string> names(const std::vector<KeywordMatch>& matches) {
  std::vector<std::string> out;
  out.reserve(matches.size());
  for (const auto& match : matches) {
    out.push_back(match.keyword);
  }
  return out;
}

// Whether `keyword` alone matches `text` (as an abstract) in `mode`.
bool finds(MatchMode mode, const char* keyword, std::string_view text) {
  const Scorer scorer(terms({keyword}), mode);
  return !scorer.match("", text).empty();
}

bool finds_word(const char* keyword, std::string_view text) {
  return finds(MatchMode::word, keyword, text);
}
bool finds_substring(const char* keyword, std::string_view text) {
  return finds(MatchMode::substring, keyword, text);
}

// --- The score formula -------------------------------------------------------------------------

TEST(KeywordMatcher, TitleMatchAddsHalfWeight) {
  for (const auto mode : {MatchMode::word, MatchMode::substring}) {
    const Scorer scorer(terms({"Sparse"}), mode);
    const auto matches = scorer.match("Sparse attention", "We study sparse models.");
    ASSERT_EQ(matches.size(), 1U);
    EXPECT_EQ(matches[0], (KeywordMatch{"Sparse", 1.0, true, true, 1.5}));
  }
}

TEST(KeywordMatcher, TitleOnlyMatchAlsoGivesOneAndAHalf) {
  const Scorer scorer(terms({"Sparse"}), MatchMode::word);
  EXPECT_EQ(scorer.match("Sparse attention", "Nothing here."),
            (std::vector<KeywordMatch>{{"Sparse", 1.0, true, false, 1.5}}));
}

TEST(KeywordMatcher, AbstractOnlyMatchGivesWeight) {
  const Scorer scorer(terms({"Sparse"}), MatchMode::word);
  EXPECT_EQ(scorer.match("Dense attention", "We study sparse models."),
            (std::vector<KeywordMatch>{{"Sparse", 1.0, false, true, 1.0}}));
}

TEST(KeywordMatcher, WeightMultipliesBothParts) {
  const Scorer scorer({Keyword{"LLM", 2.0}, Keyword{"RL", 0.5}}, MatchMode::word);
  const auto matches = scorer.match("LLM agents", "We use RL to train an LLM.");
  EXPECT_EQ(matches, (std::vector<KeywordMatch>{{"LLM", 2.0, true, true, 3.0},
                                                {"RL", 0.5, false, true, 0.5}}));
  EXPECT_DOUBLE_EQ(total(matches), 3.5);
}

TEST(KeywordMatcher, ListsOnlyMatchedKeywordsInKeywordOrder) {
  const Scorer scorer(terms({"Training", "Kernel", "Attention", "FP8"}), MatchMode::word);
  const auto matches = scorer.match("FP8 kernelized", "Attention during training.");
  EXPECT_EQ(names(matches), (std::vector<std::string>{"Training", "Attention", "FP8"}));
}

TEST(KeywordMatcher, NoKeywordsMatchNothing) {
  const Scorer scorer({}, MatchMode::substring);
  EXPECT_TRUE(scorer.match("LLM", "LLM").empty());
  EXPECT_FALSE(scorer.matches_any("LLM"));
}

TEST(KeywordMatcher, DuplicateKeywordsCountEachTimeLikeTheOriginal) {
  for (const auto mode : {MatchMode::word, MatchMode::substring}) {
    const Scorer scorer(terms({"LLM", "llm"}), mode);
    EXPECT_DOUBLE_EQ(total(scorer.match("", "an LLM")), 2.0);
  }
}

TEST(KeywordMatcher, EmptyKeywordNeverMatches) {
  for (const auto mode : {MatchMode::word, MatchMode::substring}) {
    const Scorer scorer(terms({"", " - ", "LLM"}), mode);
    EXPECT_EQ(names(scorer.match("anything", "an LLM")), (std::vector<std::string>{"LLM"}));
  }
}

TEST(KeywordMatcher, MatchesAnyLooksAtOneText) {
  for (const auto mode : {MatchMode::word, MatchMode::substring}) {
    const Scorer scorer(terms({"survey", "tutorial"}), mode);
    EXPECT_TRUE(scorer.matches_any("A Survey of LLMs"));
    EXPECT_TRUE(scorer.matches_any("a hands-on tutorial"));
    EXPECT_FALSE(scorer.matches_any("A study of LLMs"));
    EXPECT_FALSE(scorer.matches_any(""));
  }
}

// --- Classic traps -----------------------------------------------------------------------------

TEST(KeywordMatcher, SubstringModeFindsRlInsideEarlyAndWorld) {
  EXPECT_TRUE(finds_substring("RL", "early stopping"));
  EXPECT_TRUE(finds_substring("RL", "real-world data"));
}

TEST(KeywordMatcher, WordModeDoesNotFindRlInsideEarlyAndWorld) {
  EXPECT_FALSE(finds_word("RL", "early stopping in the real world"));
  EXPECT_TRUE(finds_word("RL", "we fine-tune with RL."));
  EXPECT_TRUE(finds_word("RL", "(RL)"));
}

TEST(KeywordMatcher, SubstringModeMatchesReviewInsideReviewer) {
  EXPECT_TRUE(finds_substring("review", "each reviewer scored"));
}

TEST(KeywordMatcher, WordModeDoesNotMatchReviewInsideReviewer) {
  EXPECT_FALSE(finds_word("review", "each reviewer scored"));
  EXPECT_TRUE(finds_word("review", "a review of methods"));
}

TEST(KeywordMatcher, SubstringModeMatchesBothOverlappingKeywords) {
  const Scorer scorer(terms({"LLM", "LLMs"}), MatchMode::substring);
  EXPECT_EQ(names(scorer.match("", "Many LLMs")), (std::vector<std::string>{"LLM", "LLMs"}));
  EXPECT_EQ(names(scorer.match("", "One LLM")), (std::vector<std::string>{"LLM"}));
}

TEST(KeywordMatcher, WordModeLlmAlsoFindsLlmsAndBack) {
  const Scorer scorer(terms({"LLM", "LLMs"}), MatchMode::word);
  EXPECT_EQ(names(scorer.match("", "Many LLMs")), (std::vector<std::string>{"LLM", "LLMs"}));
  EXPECT_EQ(names(scorer.match("", "One LLM")), (std::vector<std::string>{"LLM", "LLMs"}));
  EXPECT_EQ(names(scorer.match("", "An LLM's context")), (std::vector<std::string>{"LLM", "LLMs"}));
}

TEST(KeywordMatcher, WordModeFoldsTheLastWordsNumber) {
  EXPECT_TRUE(finds_word("policy", "learned policies"));
  EXPECT_TRUE(finds_word("policies", "a learned policy"));
  EXPECT_TRUE(finds_word("model", "language models"));
  EXPECT_TRUE(finds_word("box", "bounding boxes"));
  EXPECT_TRUE(finds_word("batch", "Batches of requests"));
  EXPECT_TRUE(finds_word("kv cache", "paged KV-caches"));
  EXPECT_TRUE(finds_word("key", "keys and values"));
  EXPECT_TRUE(finds_word("models", "Models' outputs"));
  // Only the last word folds, and never into another word.
  EXPECT_FALSE(finds_word("kv cache", "KVs cache"));
  EXPECT_FALSE(finds_word("model", "modeling"));
  EXPECT_FALSE(finds_word("gas", "a GA run"));
  EXPECT_FALSE(finds_word("RL", "RLHF"));
}

TEST(KeywordMatcher, ExactOrQuotedTermsMatchOnlyAsWritten) {
  std::vector<Keyword> keywords{{"LLM", 1.0, true}, {"\"policy\"", 1.0}, {"GPU", 1.0}};
  const Scorer scorer(keywords, MatchMode::word);
  EXPECT_EQ(names(scorer.match("", "LLMs on policies and GPUs")),
            (std::vector<std::string>{"GPU"}));
  EXPECT_EQ(names(scorer.match("", "an LLM policy")),
            (std::vector<std::string>{"LLM", "\"policy\""}));
}

TEST(KeywordMatcher, SubstringModeKeepsQuotesAndIgnoresExact) {
  std::vector<Keyword> keywords{{"LLM", 1.0, true}, {"\"policy\"", 1.0}};
  const Scorer scorer(keywords, MatchMode::substring);
  EXPECT_EQ(names(scorer.match("", "LLMs and \"policy\" in quotes, a policy")),
            (std::vector<std::string>{"LLM", "\"policy\""}));
  EXPECT_EQ(names(scorer.match("", "a policy")), (std::vector<std::string>{}));
}

TEST(KeywordMatcher, WordModePhraseMatchesAcrossHyphenOrSpace) {
  EXPECT_TRUE(finds_word("kv cache", "a KV-cache eviction policy"));
  EXPECT_TRUE(finds_word("kv cache", "the KV cache grows"));
  EXPECT_TRUE(finds_word("kv cache", "the KV\n  cache grows"));
  EXPECT_TRUE(finds_word("kv cache", "the KV - cache grows"));
  EXPECT_TRUE(finds_word("KV-cache", "the kv cache grows"));
  EXPECT_TRUE(finds_word("mixture of experts", "sparse Mixture-of-Experts (MoE) models"));
}

TEST(KeywordMatcher, WordModePhraseNeedsTheWholePhrase) {
  EXPECT_FALSE(finds_word("kv cache", "KVcache"));
  EXPECT_FALSE(finds_word("kv cache", "KV--cache"));
  EXPECT_FALSE(finds_word("kv cache", "KV, cache"));
  EXPECT_FALSE(finds_word("kv cache", "the KV"));
  EXPECT_TRUE(finds_word("kv cache", "KV KV cache"));
}

TEST(KeywordMatcher, SubstringModePhraseIsLiteralLikeTheOriginal) {
  EXPECT_TRUE(finds_substring("kv cache", "the KV cache grows"));
  EXPECT_FALSE(finds_substring("kv cache", "a KV-cache eviction policy"));
}

TEST(KeywordMatcher, MatchingIgnoresAsciiCase) {
  for (const auto mode : {MatchMode::word, MatchMode::substring}) {
    EXPECT_TRUE(finds(mode, "MOE", "sparse MoE layers"));
    EXPECT_TRUE(finds(mode, "moe", "SPARSE MOE LAYERS"));
    EXPECT_TRUE(finds(mode, "Speculative Decoding", "speculative DECODING"));
  }
}

TEST(KeywordMatcher, KeywordAtTextStartAndEndMatches) {
  for (const auto mode : {MatchMode::word, MatchMode::substring}) {
    EXPECT_TRUE(finds(mode, "RL", "RL agents"));
    EXPECT_TRUE(finds(mode, "RL", "deep RL"));
    EXPECT_TRUE(finds(mode, "RL", "RL"));
    EXPECT_TRUE(finds(mode, "kv cache", "KV cache"));
  }
}

TEST(KeywordMatcher, KeywordOnlyInSecondParagraphCounts) {
  const std::string abstract =
      "We study language models.\nOur method uses quantization to cut memory by half.";
  for (const auto mode : {MatchMode::word, MatchMode::substring}) {
    const Scorer scorer(terms({"Quantization"}), mode);
    EXPECT_EQ(scorer.match("A title", abstract),
              (std::vector<KeywordMatch>{{"Quantization", 1.0, false, true, 1.0}}));
  }
}

TEST(KeywordMatcher, NoMatchSpansFromTitleIntoAbstract) {
  EXPECT_TRUE(Scorer(terms({"deep learning"}), MatchMode::word)
                  .match("Going deep", "learning to rank")
                  .empty());
  EXPECT_TRUE(Scorer(terms({"ab"}), MatchMode::substring).match("title ends in a", "b").empty());
}

// --- UTF-8 and punctuation -------------------------------------------------------------------

TEST(KeywordMatcher, WordModeFindsKeywordNextToUtf8Words) {
  EXPECT_TRUE(finds_word("LLM", "Größe LLM über"));
  EXPECT_TRUE(finds_word("LLM", "« LLM »"));
  EXPECT_TRUE(finds_word("LLM", "LLM-basierte Übersetzung"));
  EXPECT_TRUE(finds_word("LLM", "LLM — a dash between spaces"));
}

TEST(KeywordMatcher, WordModeTreatsUtf8BytesAsLetters) {
  // A UTF-8 character glued to a keyword makes one word with it, as a letter would.
  EXPECT_FALSE(finds_word("LLM",
                          "LLM\xE2\x80\x94"
                          "based"));  // em dash
  EXPECT_FALSE(finds_word("LLM", "éLLM"));
  EXPECT_FALSE(finds_word("LLM", "«LLM»"));
  EXPECT_TRUE(finds_substring("LLM",
                              "LLM\xE2\x80\x94"
                              "based"));
}

TEST(KeywordMatcher, NonAsciiKeywordMatchesExactBytesOnly) {
  // ASCII case folding only: the original's str.lower() would also fold "Ö".
  for (const auto mode : {MatchMode::word, MatchMode::substring}) {
    EXPECT_TRUE(finds(mode, "Größe", "die GRößE"));
    EXPECT_FALSE(finds(mode, "Größe", "die GRÖSSE"));
    EXPECT_FALSE(finds(mode, "ö", "Ö"));
  }
}

TEST(KeywordMatcher, WordModeMatchesPunctuationLiterally) {
  EXPECT_TRUE(finds_word("Qwen2.5", "we fine-tune Qwen2.5-7B"));
  EXPECT_TRUE(finds_word("Qwen2.5", "(qwen2.5)"));
  EXPECT_FALSE(finds_word("Qwen2.5", "Qwen2.55"));
  EXPECT_FALSE(finds_word("Qwen2.5", "Qwen2. 5"));
  EXPECT_FALSE(finds_word("Qwen2.5", "Qwen25"));
  EXPECT_FALSE(finds_word("Qwen2.5", "Qwen2"));
}

TEST(KeywordMatcher, WordModeHyphenInKeywordAlsoMatchesSpace) {
  EXPECT_TRUE(finds_word("GPT-4o", "compared with GPT-4o."));
  EXPECT_TRUE(finds_word("GPT-4o", "compared with GPT 4o."));
  EXPECT_FALSE(finds_word("GPT-4o", "compared with GPT-4omni"));
  EXPECT_FALSE(finds_word("GPT-4o", "compared with GPT4o"));
}

TEST(KeywordMatcher, WordModeKeywordEndingInPunctuationNeedsNoBoundary) {
  EXPECT_TRUE(finds_word("C++", "written in C++."));
  EXPECT_TRUE(finds_word("C++", "written in C++17"));
  EXPECT_FALSE(finds_word("C++", "written in CC++"));
  EXPECT_FALSE(finds_word("C++", "written in C+"));
  EXPECT_FALSE(finds_word("C++", "written in C + +"));
}

TEST(KeywordMatcher, WordModeIgnoresSpacesAndHyphensAroundKeyword) {
  EXPECT_TRUE(finds_word("  LLM ", "an LLM"));
  EXPECT_TRUE(finds_word("-LLM-", "an LLM"));
}

// --- Scale and cross-checks --------------------------------------------------------------------

TEST(KeywordMatcher, ManyKeywordsAreAllReported) {
  std::vector<Keyword> keywords;
  keywords.reserve(300);
  for (int i = 0; i < 300; ++i) {
    // "kw29x" is not inside "kw299x", so substring mode finds the same two.
    keywords.push_back(Keyword{"kw" + std::to_string(i) + "x", 1.0});
  }
  for (const auto mode : {MatchMode::word, MatchMode::substring}) {
    const Scorer scorer(keywords, mode);
    const auto matches = scorer.match("kw299x first", "then kw7x");
    ASSERT_EQ(matches.size(), 2U);
    EXPECT_EQ(matches[0], (KeywordMatch{"kw7x", 1.0, false, true, 1.0}));
    EXPECT_EQ(matches[1], (KeywordMatch{"kw299x", 1.0, true, false, 1.5}));
  }
}

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return text;
}

TEST(KeywordMatcher, SubstringModeAgreesWithNaiveLowercaseFind) {
  // A small alphabet gives many overlaps: patterns that are prefixes, suffixes and infixes of
  // others, repeated patterns, empty ones.
  std::mt19937 random(12345);
  const std::string alphabet = "abAB-";
  const auto random_text = [&](std::size_t max_length) {
    std::string text(random() % (max_length + 1), ' ');
    for (char& c : text) {
      c = alphabet[random() % alphabet.size()];
    }
    return text;
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<Keyword> keywords;
    keywords.reserve(8);
    for (int i = 0; i < 8; ++i) {
      keywords.push_back(Keyword{random_text(4), 1.0});
    }
    const Scorer scorer(keywords, MatchMode::substring);
    for (int t = 0; t < 20; ++t) {
      const std::string text = random_text(24);
      std::vector<std::string> expected;
      for (const auto& keyword : keywords) {
        if (!keyword.term.empty() && lower(text).find(lower(keyword.term)) != std::string::npos) {
          expected.push_back(keyword.term);
        }
      }
      EXPECT_EQ(names(scorer.match("", text)), expected) << "text '" << text << "'";
      EXPECT_EQ(scorer.matches_any(text), !expected.empty()) << "text '" << text << "'";
    }
  }
}

bool is_word_byte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || static_cast<unsigned char>(c) >= 0x80;
}

// The word rule of word_mode_matcher.hpp written as a regular expression, for ASCII keywords.
std::regex word_rule_regex(const std::string& keyword) {
  std::string body;
  bool gap = false;
  bool first_is_word = false;
  bool last_is_word = false;
  for (std::size_t pos = 0; pos < keyword.size();) {
    const char c = keyword[pos];
    if (c == '-' || std::isspace(static_cast<unsigned char>(c)) != 0) {
      gap = !body.empty();
      ++pos;
      continue;
    }
    if (gap) {
      body += R"((?:\s+|\s*-\s*))";
      gap = false;
    }
    const bool word = is_word_byte(c);
    if (body.empty()) {
      first_is_word = word;
    }
    last_is_word = word;
    if (word) {
      while (pos < keyword.size() && is_word_byte(keyword[pos])) {
        body += keyword[pos++];
      }
    } else {
      body += '\\';
      body += keyword[pos++];
    }
  }
  const std::string before = first_is_word ? "(?:^|[^A-Za-z0-9])" : "";
  const std::string after = last_is_word ? "(?:$|[^A-Za-z0-9])" : "";
  return std::regex(before + body + after, std::regex::ECMAScript | std::regex::icase);
}

TEST(KeywordMatcher, WordModeAgreesWithARegexOfTheRule) {
  std::mt19937 random(6789);
  const auto random_text = [&](const std::string& alphabet, std::size_t min, std::size_t max) {
    std::string text(min + random() % (max - min + 1), ' ');
    for (char& c : text) {
      c = alphabet[random() % alphabet.size()];
    }
    return text;
  };
  std::size_t hits = 0;  // both outcomes must be common, or the check proves little
  std::size_t misses = 0;
  for (int round = 0; round < 300; ++round) {
    std::vector<Keyword> keywords;
    std::vector<std::regex> rules;
    keywords.reserve(6);
    rules.reserve(6);
    for (int i = 0; i < 6; ++i) {
      std::string term = random_text("ab1 -.+", 1, 5);
      if (term.find_first_not_of(" -") == std::string::npos) {
        term = "a";  // a keyword without tokens never matches; covered elsewhere
      }
      rules.push_back(word_rule_regex(term));
      keywords.push_back(Keyword{std::move(term), 1.0});
    }
    const Scorer scorer(keywords, MatchMode::word);
    for (int t = 0; t < 20; ++t) {
      const std::string text = random_text("abAB1 -.+\n", 0, 24);
      std::vector<std::string> expected;
      for (std::size_t i = 0; i < keywords.size(); ++i) {
        if (std::regex_search(text, rules[i])) {
          expected.push_back(keywords[i].term);
          ++hits;
        } else {
          ++misses;
        }
      }
      EXPECT_EQ(names(scorer.match("", text)), expected) << "text '" << text << "'";
    }
  }
  EXPECT_GT(hits, 1000U);
  EXPECT_GT(misses, 1000U);
}

}  // namespace
}  // namespace arxiv_digest
