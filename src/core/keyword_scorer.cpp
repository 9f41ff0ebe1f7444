// KeywordScorer: the original bot's score formula over one of two matchers (DESIGN.md
// "Selection"). Each text is scanned once whatever the number of keywords: Aho–Corasick for
// `substring`, a token scan with a hash lookup of first words for `word`.

#include <array>
#include <span>
#include <utility>
#include <variant>

#include "arxiv_digest/selection.hpp"
#include "core/aho_corasick.hpp"
#include "core/word_matcher.hpp"

namespace arxiv_digest {
namespace {

using Matcher = std::variant<AhoCorasick, WordMatcher>;

Matcher make_matcher(const std::vector<Keyword>& keywords, MatchMode mode) {
  std::vector<std::string_view> terms;
  terms.reserve(keywords.size());
  for (const auto& keyword : keywords) {
    terms.emplace_back(keyword.term);
  }
  if (mode == MatchMode::substring) {
    return Matcher(std::in_place_type<AhoCorasick>, terms);
  }
  return Matcher(std::in_place_type<WordMatcher>, terms);
}

// Most keyword lists are short: their found-flags live on the stack.
constexpr std::size_t kStackFlags = 256;

}  // namespace

struct KeywordScorer::Impl {
  Impl(std::vector<Keyword> list, MatchMode mode)
      : keywords(std::move(list)), matcher(make_matcher(keywords, mode)) {}

  std::vector<Keyword> keywords;
  Matcher matcher;
};

KeywordScorer::KeywordScorer(std::vector<Keyword> keywords, MatchMode mode)
    : impl_(std::make_unique<Impl>(std::move(keywords), mode)) {}
KeywordScorer::~KeywordScorer() = default;
KeywordScorer::KeywordScorer(KeywordScorer&&) noexcept = default;
KeywordScorer& KeywordScorer::operator=(KeywordScorer&&) noexcept = default;

std::vector<KeywordMatch> KeywordScorer::match(std::string_view title,
                                               std::string_view abstract) const {
  std::vector<KeywordMatch> matches;
  const std::size_t count = impl_->keywords.size();
  if (count == 0) {
    return matches;
  }
  std::array<unsigned char, kStackFlags> stack_flags{};
  std::vector<unsigned char> heap_flags;
  std::span<unsigned char> flags(stack_flags.data(), 2 * count);
  if (2 * count > kStackFlags) {
    heap_flags.assign(2 * count, 0);
    flags = heap_flags;
  }
  // Title and abstract are scanned separately, so no match spans from one into the other.
  const auto in_title = flags.first(count);
  const auto in_abstract = flags.last(count);
  std::visit(
      [&](const auto& matcher) {
        matcher.mark(title, in_title);
        matcher.mark(abstract, in_abstract);
      },
      impl_->matcher);

  for (std::size_t i = 0; i < count; ++i) {
    if (in_title[i] == 0 && in_abstract[i] == 0) {
      continue;
    }
    const Keyword& keyword = impl_->keywords[i];
    KeywordMatch match;
    match.keyword = keyword.term;
    match.weight = keyword.weight;
    match.in_title = in_title[i] != 0;
    match.in_abstract = in_abstract[i] != 0;
    // The original: +1 if in title or abstract, +0.5 more if in the title; here × weight.
    match.points = keyword.weight + (match.in_title ? 0.5 * keyword.weight : 0.0);
    matches.push_back(std::move(match));
  }
  return matches;
}

bool KeywordScorer::matches_any(std::string_view text) const {
  return std::visit([&](const auto& matcher) { return matcher.contains_any(text); },
                    impl_->matcher);
}

}  // namespace arxiv_digest
