#include "core/selection/keyword_matcher.hpp"

#include <utility>

namespace arxiv_digest {
namespace {

SearchTerm unquoted(SearchTerm term) {
  const std::string_view text = term.text;
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    return SearchTerm{text.substr(1, text.size() - 2), true};
  }
  return term;
}

std::variant<AhoCorasick, WordModeMatcher> make_engine(const std::vector<SearchTerm>& terms,
                                                       MatchMode mode) {
  if (mode == MatchMode::substring) {
    std::vector<std::string_view> texts;
    for (const SearchTerm& term : terms) {
      texts.push_back(term.text);
    }
    return std::variant<AhoCorasick, WordModeMatcher>(std::in_place_type<AhoCorasick>, texts);
  }
  std::vector<SearchTerm> word_terms;
  for (const SearchTerm& term : terms) {
    word_terms.push_back(unquoted(term));
  }
  return std::variant<AhoCorasick, WordModeMatcher>(std::in_place_type<WordModeMatcher>,
                                                    word_terms);
}

}  // namespace

KeywordMatcher::KeywordMatcher(const std::vector<SearchTerm>& terms, MatchMode mode)
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
