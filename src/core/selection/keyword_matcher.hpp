#pragma once
// The keyword engine for a MatchMode, and the original bot's score formula over what it found.
// Used by select_papers, which scans keywords and exclude terms together.

#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "arxiv_digest/config.hpp"
#include "arxiv_digest/paper.hpp"
#include "core/selection/aho_corasick.hpp"
#include "core/selection/word_mode_matcher.hpp"

namespace arxiv_digest {

class KeywordMatcher {
 public:
  // `substring`: AhoCorasick (the original's case-insensitive substring test, each term as
  // written, `exact` ignored); `word`: WordModeMatcher (see word_mode_matcher.hpp for the rule),
  // where a term written in double quotes ("\"LLM\"") is exact and the quotes are not searched for.
  KeywordMatcher(const std::vector<SearchTerm>& terms, MatchMode mode);

  // Sets found[i] = 1 for every term i occurring in `text`; `found` has one entry per term.
  void mark(std::string_view text, std::span<unsigned char> found) const;
  bool contains_any(std::string_view text) const;

 private:
  std::variant<AhoCorasick, WordModeMatcher> engine_;
};

// One KeywordMatch per keyword found (flag set in either span), in keyword order: weight if found
// anywhere, plus 0.5 × weight if found in the title. Both spans have one entry per keyword.
std::vector<KeywordMatch> keyword_matches(const std::vector<Keyword>& keywords,
                                          std::span<const unsigned char> in_title,
                                          std::span<const unsigned char> in_abstract);

}  // namespace arxiv_digest
