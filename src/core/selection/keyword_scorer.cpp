// KeywordScorer: the original bot's score formula over one of two engines (DESIGN.md
// "Selection"). Each text is scanned once whatever the number of keywords: Aho–Corasick for
// `substring`, a token scan with a hash lookup of first words for `word`.

#include <algorithm>
#include <array>
#include <span>
#include <utility>

#include "arxiv_digest/selection.hpp"
#include "core/selection/keyword_matcher.hpp"

namespace arxiv_digest {
namespace {

std::vector<std::string_view> terms_of(const std::vector<Keyword>& keywords) {
  std::vector<std::string_view> terms;
  terms.reserve(keywords.size());
  for (const auto& keyword : keywords) {
    terms.emplace_back(keyword.term);
  }
  return terms;
}

// Most keyword lists are short: their found-flags live on the stack.
constexpr std::size_t kStackFlags = 256;

}  // namespace

struct KeywordScorer::Impl {
  Impl(std::vector<Keyword> list, MatchMode mode)
      : keywords(std::move(list)), matcher(terms_of(keywords), mode) {}

  std::vector<Keyword> keywords;
  KeywordMatcher matcher;
};

KeywordScorer::KeywordScorer(std::vector<Keyword> keywords, MatchMode mode)
    : impl_(std::make_unique<Impl>(std::move(keywords), mode)) {}
KeywordScorer::~KeywordScorer() = default;
KeywordScorer::KeywordScorer(KeywordScorer&&) noexcept = default;
KeywordScorer& KeywordScorer::operator=(KeywordScorer&&) noexcept = default;

std::vector<KeywordMatch> KeywordScorer::match(std::string_view title,
                                               std::string_view abstract) const {
  const std::size_t count = impl_->keywords.size();
  if (count == 0) {
    return {};
  }
  std::array<unsigned char, kStackFlags> stack_flags{};
  std::vector<unsigned char> heap_flags;
  std::span<unsigned char> flags(stack_flags.data(), std::min(2 * count, kStackFlags));
  if (2 * count > kStackFlags) {
    heap_flags.assign(2 * count, 0);
    flags = heap_flags;
  }
  // Title and abstract are scanned separately, so no match spans from one into the other.
  const auto in_title = flags.first(count);
  const auto in_abstract = flags.last(count);
  impl_->matcher.mark(title, in_title);
  impl_->matcher.mark(abstract, in_abstract);
  return keyword_matches(impl_->keywords, in_title, in_abstract);
}

bool KeywordScorer::matches_any(std::string_view text) const {
  return impl_->matcher.contains_any(text);
}

}  // namespace arxiv_digest
