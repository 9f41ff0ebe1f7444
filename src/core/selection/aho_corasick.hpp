#pragma once
// Case-insensitive multi-pattern substring search (Aho–Corasick), the engine of
// `"match": "substring"`. One pass over a text finds every pattern, whatever their number.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace arxiv_digest {

class AhoCorasick {
 public:
  // Pattern i is reported as index i. Case folding is ASCII only: the original bot used Python's
  // str.lower(), which also folds non-ASCII letters ("Ä" → "ä"); here a non-ASCII byte only
  // matches itself. arXiv RSS text is ASCII (accents are TeX escapes), so rankings agree.
  // An empty pattern never matches (Python's `"" in text` is always true; config rejects it).
  explicit AhoCorasick(const std::vector<std::string_view>& patterns);

  // Sets found[i] = 1 for every pattern i occurring in `text`; other entries are left alone.
  // `found` must have one entry per pattern.
  void mark(std::string_view text, std::span<unsigned char> found) const;
  bool contains_any(std::string_view text) const;

 private:
  // Bytes that occur in no pattern share symbol 0, so the transition table is
  // states × (distinct pattern bytes + 1) instead of states × 256.
  std::array<std::uint8_t, 256> symbol_of_{};
  std::size_t symbols_ = 1;
  // The complete automaton. A state is a row offset (state number × symbols_); the next one is
  // next_rows_[row + symbol]. States where a pattern ends are numbered last: row >= first_output_.
  std::vector<std::uint32_t> next_rows_;
  std::size_t first_output_ = 0;
  // Patterns ending in output state k (suffixes included) are
  // outputs_[output_start_[k] .. output_start_[k + 1]), where k = (row - first_output_) / symbols_.
  std::vector<std::uint32_t> output_start_;
  std::vector<std::uint32_t> outputs_;
};

}  // namespace arxiv_digest
