#include "core/selection/word_mode_matcher.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <iterator>
#include <utility>

#include "core/selection/word_forms.hpp"

namespace arxiv_digest {
namespace {

enum class ByteClass : std::uint8_t { space, word, punct };

constexpr std::array<ByteClass, 256> make_classes() {
  std::array<ByteClass, 256> classes{};
  for (std::size_t c = 0; c < classes.size(); ++c) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool digit = c >= '0' && c <= '9';
    if (letter || digit || c >= 0x80) {
      classes[c] = ByteClass::word;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      classes[c] = ByteClass::space;
    } else {
      classes[c] = ByteClass::punct;
    }
  }
  return classes;
}

constexpr std::array<ByteClass, 256> kClasses = make_classes();

ByteClass class_of(char c) { return kClasses[static_cast<unsigned char>(c)]; }

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool empty() const { return begin == end; }
};

// The first token at or after `pos`; an empty token at the end of the text when there is none.
inline Token next_token(std::string_view text, std::size_t pos) {
  const std::size_t size = text.size();
  while (pos < size && class_of(text[pos]) == ByteClass::space) {
    ++pos;
  }
  if (pos == size) {
    return {size, size};
  }
  std::size_t end = pos + 1;
  if (class_of(text[pos]) == ByteClass::word) {
    while (end < size && class_of(text[end]) == ByteClass::word) {
      ++end;
    }
  }
  return {pos, end};
}

// `lowered` is already lowercase.
bool equals_folded(std::string_view text, std::string_view lowered) {
  if (text.size() != lowered.size()) {
    return false;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (ascii_lower(text[i]) != lowered[i]) {
      return false;
    }
  }
  return true;
}

// Up to 8 bytes as an integer, first byte lowest. `readable` bytes may be read from `data`: with
// 8 or more, one unaligned load replaces the byte loop (same value, zero bytes above `count`).
std::uint64_t load_bytes(const char* data, std::size_t count, std::size_t readable) {
  std::uint64_t value = 0;
  if constexpr (std::endian::native == std::endian::little) {
    if (readable >= 8) {
      std::memcpy(&value, data, 8);
      return count >= 8 ? value : value & ((std::uint64_t{1} << (8 * count)) - 1);
    }
  }
  for (std::size_t i = 0; i < count; ++i) {
    value |= std::uint64_t{static_cast<unsigned char>(data[i])} << (8 * i);
  }
  return value;
}

// A hash that ignores ASCII case, computed from the first and last 8 bytes, so a token costs a
// few loads and multiplies whatever its length (equality is checked exactly afterwards).
// Setting bit 5 of every byte lowercases ASCII letters; for other bytes it may only collide.
std::uint64_t folded_hash(const char* data, std::size_t size, std::size_t readable) {
  constexpr std::uint64_t kFold = 0x2020202020202020ULL;
  std::uint64_t hash =
      (load_bytes(data, std::min<std::size_t>(size, 8), readable) | kFold) * 0x9E3779B97F4A7C15ULL;
  if (size > 8) {
    const std::uint64_t tail = load_bytes(data + size - 8, 8, readable - (size - 8)) | kFold;
    hash ^= std::rotl(tail * 0xC2B2AE3D27D4EB4FULL, 31);
  }
  hash ^= size;
  hash ^= hash >> 32;
  hash *= 0xD6E8FEB86659FD93ULL;
  return hash ^ (hash >> 29);
}

// A cheap filter before hashing: first tokens are bucketed by length (all of 63 bytes or more
// share the last bucket), and each bucket is a 64-bit set of first bytes, folded to 6 bits.
constexpr std::size_t kLengthBuckets = 64;
std::size_t length_bucket(std::size_t size) { return std::min(size, kLengthBuckets - 1); }
std::uint64_t first_byte_bit(char c) {
  return std::uint64_t{1} << ((static_cast<unsigned char>(c) | 0x20U) & 63U);
}

}  // namespace

// The tokens of a term; the last one, when the term is not exact, with its number forms.
std::vector<WordModeMatcher::Piece> WordModeMatcher::pieces_of(const SearchTerm& term) {
  const std::string_view keyword = term.text;
  std::vector<Piece> pieces;
  bool gap = false;
  std::size_t pos = 0;
  while (pos < keyword.size()) {
    if (keyword[pos] == '-' || class_of(keyword[pos]) == ByteClass::space) {
      gap = true;
      ++pos;
      continue;
    }
    std::size_t end = pos + 1;
    if (class_of(keyword[pos]) == ByteClass::word) {
      while (end < keyword.size() && class_of(keyword[end]) == ByteClass::word) {
        ++end;
      }
    }
    std::string token(keyword.substr(pos, end - pos));
    for (char& c : token) {
      c = ascii_lower(c);
    }
    pieces.push_back(Piece{{std::move(token)}, gap && !pieces.empty()});
    gap = false;
    pos = end;
  }
  if (!term.exact && !pieces.empty()) {
    std::vector<std::string>& forms = pieces.back().forms;
    forms = word_forms(forms.front());
  }
  return pieces;
}

WordModeMatcher::WordModeMatcher(const std::vector<SearchTerm>& terms) {
  std::vector<std::vector<std::string>> first_forms;
  for (std::size_t index = 0; index < terms.size(); ++index) {
    std::vector<Piece> pieces = pieces_of(terms[index]);
    if (pieces.empty()) {
      continue;
    }
    first_forms.push_back(std::move(pieces.front().forms));
    phrases_.push_back(Phrase{index, std::vector<Piece>(std::make_move_iterator(pieces.begin() + 1),
                                                        std::make_move_iterator(pieces.end()))});
  }
  std::size_t keys = 0;
  for (const auto& forms : first_forms) {
    keys += forms.size();
  }
  if (keys == 0) {
    return;
  }

  slots_.resize(std::bit_ceil(keys * 2));
  for (std::size_t p = 0; p < phrases_.size(); ++p) {
    for (std::string& key : first_forms[p]) {
      add_key(std::move(key), p);
    }
  }
}

void WordModeMatcher::add_key(std::string key, std::size_t phrase) {
  const std::size_t mask = slots_.size() - 1;
  first_bytes_[length_bucket(key.size())] |= first_byte_bit(key.front());
  const std::uint64_t hash = folded_hash(key.data(), key.size(), key.size());
  std::size_t i = hash & mask;
  while (!slots_[i].key.empty() && !(slots_[i].hash == hash && slots_[i].key == key)) {
    i = (i + 1) & mask;
  }
  if (slots_[i].key.empty()) {
    slots_[i].hash = hash;
    slots_[i].key = std::move(key);
  }
  slots_[i].phrases.push_back(phrase);
}

const WordModeMatcher::Slot* WordModeMatcher::find(std::string_view text, std::size_t begin,
                                                   std::size_t end) const {
  const std::string_view token = text.substr(begin, end - begin);
  // Without phrases every bucket is empty, so an empty table is never probed.
  if ((first_bytes_[length_bucket(token.size())] & first_byte_bit(token.front())) == 0) {
    return nullptr;
  }
  // The table is at most half full, so probing ends at an empty slot.
  const std::uint64_t hash = folded_hash(token.data(), token.size(), text.size() - begin);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.key.empty()) {
      return nullptr;
    }
    if (slot.hash == hash && equals_folded(token, slot.key)) {
      return &slot;
    }
  }
}

bool WordModeMatcher::rest_matches(std::string_view text, std::size_t end,
                                   const Phrase& phrase) const {
  std::size_t pos = end;
  for (const Piece& piece : phrase.rest) {
    Token token = next_token(text, pos);
    if (token.empty()) {
      return false;
    }
    if (piece.gap_before) {
      if (text[token.begin] == '-') {
        token = next_token(text, token.end);
        if (token.empty()) {
          return false;
        }
      } else if (token.begin == pos) {
        return false;  // touching: neither whitespace nor a hyphen in between
      }
    } else if (token.begin != pos) {
      return false;
    }
    const std::string_view found = text.substr(token.begin, token.end - token.begin);
    if (std::none_of(piece.forms.begin(), piece.forms.end(),
                     [&](const std::string& form) { return equals_folded(found, form); })) {
      return false;
    }
    pos = token.end;
  }
  return true;
}

template <typename OnPhrase>
void WordModeMatcher::scan(std::string_view text, OnPhrase&& on_phrase) const {
  for (Token token = next_token(text, 0); !token.empty(); token = next_token(text, token.end)) {
    const Slot* slot = find(text, token.begin, token.end);
    if (slot == nullptr) {
      continue;
    }
    for (const std::size_t p : slot->phrases) {
      if (rest_matches(text, token.end, phrases_[p]) && on_phrase(p)) {
        return;
      }
    }
  }
}

void WordModeMatcher::mark(std::string_view text, std::span<unsigned char> found) const {
  scan(text, [&](std::size_t p) {
    found[phrases_[p].keyword] = 1;
    return false;
  });
}

bool WordModeMatcher::contains_any(std::string_view text) const {
  bool any = false;
  scan(text, [&](std::size_t) {
    any = true;
    return true;
  });
  return any;
}

}  // namespace arxiv_digest
