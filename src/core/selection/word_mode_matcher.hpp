#pragma once
// Case-insensitive whole-word and phrase search, the engine of `"match": "word"` (the default).
//
// The rule. Text and keywords are split into tokens:
//   - a word is a maximal run of ASCII letters, ASCII digits and bytes >= 0x80 (any UTF-8
//     sequence counts as letters, so "Größe" is one word and "LLM—based" with an em dash is too);
//   - every other non-space byte (".", "+", "'", "/", "(", ...) is a token of its own;
//   - ASCII whitespace separates tokens and is not a token.
// A keyword matches where the text has the same tokens in the same order (ASCII letters compared
// case-insensitively, everything else byte for byte), with these joins between them:
//   - where the keyword has a space or a hyphen (any run of them), the text must have whitespace,
//     a single hyphen, or a hyphen with whitespace around it: `kv cache` matches "KV-cache",
//     "KV cache" and "KV\ncache"; `GPT-4o` matches "GPT-4o" and "GPT 4o";
//   - anywhere else the tokens must touch, as in the keyword: `Qwen2.5` matches "Qwen2.5" but not
//     "Qwen2. 5"; `C++` matches "C++" and "C++17" (the keyword ends in "+", so nothing is cut).
// Because words are whole tokens, a match never starts or ends inside a word: `RL` does not match
// "early", `review` does not match "reviewer". Leading and trailing spaces and hyphens of a
// keyword are ignored; a keyword without tokens never matches.
// Number forms: unless the term is exact, its last token, when a word, also matches that word's
// plural and singular forms (word_forms.hpp): `LLM` matches "LLMs", `kv cache` "KV-caches",
// `policies` "policy". An exact term matches its tokens only.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace arxiv_digest {

struct SearchTerm {
  std::string_view text;
  bool exact = false;  // no plural/singular forms of the last word
};

class WordModeMatcher {
 public:
  // Term i is reported as index i.
  explicit WordModeMatcher(const std::vector<SearchTerm>& terms);

  // Sets found[i] = 1 for every keyword i occurring in `text`; other entries are left alone.
  // `found` must have one entry per keyword.
  void mark(std::string_view text, std::span<unsigned char> found) const;
  bool contains_any(std::string_view text) const;

 private:
  struct Piece {
    std::vector<std::string> forms;  // ASCII-lowercased; the token as written first
    bool gap_before = false;         // a space/hyphen in the keyword before this token
  };
  struct Phrase {
    std::size_t keyword = 0;
    std::vector<Piece> rest;  // the tokens after the first
  };
  // Open-addressing table from a first token (lowercased) to the phrases starting with it.
  struct Slot {
    std::uint64_t hash = 0;
    std::string key;
    std::vector<std::size_t> phrases;  // indices into phrases_
  };

  static std::vector<Piece> pieces_of(const SearchTerm& term);
  void add_key(std::string key, std::size_t phrase);
  // The slot of the token text[begin, end), or nullptr.
  const Slot* find(std::string_view text, std::size_t begin, std::size_t end) const;
  bool rest_matches(std::string_view text, std::size_t end, const Phrase& phrase) const;
  // Calls on_phrase(phrase index) for every phrase found; stops when it returns true.
  template <typename OnPhrase>
  void scan(std::string_view text, OnPhrase&& on_phrase) const;

  std::vector<Phrase> phrases_;
  std::vector<Slot> slots_;  // size is a power of two, or 0 when there are no phrases
  std::array<std::uint64_t, 64> first_bytes_{};  // see length_bucket() in the .cpp
};

}  // namespace arxiv_digest
