#include "core/selection/keyword_matcher.hpp"

#include <utility>

namespace arxiv_digest {
namespace {

std::variant<AhoCorasick, WordModeMatcher> make_engine(const std::vector<std::string_view>& terms,
                                                       MatchMode mode) {
  if (mode == MatchMode::substring) {
    return std::variant<AhoCorasick, WordModeMatcher>(std::in_place_type<AhoCorasick>, terms);
  }
  return std::variant<AhoCorasick, WordModeMatcher>(std::in_place_type<WordModeMatcher>, terms);
}

}  // namespace

KeywordMatcher::KeywordMatcher(const std::vector<std::string_view>& terms, MatchMode mode)
    : engine_(make_engine(terms, mode)) {}

void KeywordMatcher::mark(std::string_view text, std::span<unsigned char> found) const {
  std::visit([&](const auto& engine) { engine.mark(text, found); }, engine_);
}

bool KeywordMatcher::contains_any(std::string_view text) const {
  return std::visit([&](const auto& engine) { return engine.contains_any(text); }, engine_);
}

std::vector<KeywordMatch> keyword_matches(const std::vector<Keyword>& keywords,
                                          std::span<const unsigned char> in_title,
                                          std::span<const unsigned char> in_abstract) {
  std::vector<KeywordMatch> matches;
  for (std::size_t i = 0; i < keywords.size(); ++i) {
    if (in_title[i] == 0 && in_abstract[i] == 0) {
      continue;
    }
    KeywordMatch match;
    match.keyword = keywords[i].term;
    match.weight = keywords[i].weight;
    match.in_title = in_title[i] != 0;
    match.in_abstract = in_abstract[i] != 0;
    // The original: +1 if in the title or the abstract, +0.5 more if in the title; × weight here.
    match.points = match.weight + (match.in_title ? 0.5 * match.weight : 0.0);
    matches.push_back(std::move(match));
  }
  return matches;
}

}  // namespace arxiv_digest
