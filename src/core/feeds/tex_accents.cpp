// TeX accent escapes in arXiv RSS author names (G\"ul, Alt{\i}nta\c{s}) → UTF-8 (DESIGN
// difference 7). The RSS feeds are pure ASCII; the same names come as UTF-8 from the API.

#include <uninorm.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "arxiv_digest/feed.hpp"

namespace arxiv_digest {
namespace {

// An accent command and its Unicode combining mark; the letter and the mark are composed by
// NFC (libunistring), so every precomposed form Unicode has is used and any other letter keeps
// the combining mark.
struct Accent {
  std::string_view command;    // "\"" for \", "c" for \c
  std::string_view combining;  // UTF-8
};

constexpr std::array<Accent, 13> kAccents = {{
    {"\"", "\u0308"},
    {"'", "\u0301"},
    {"`", "\u0300"},
    {"^", "\u0302"},
    {"~", "\u0303"},
    {"=", "\u0304"},
    {".", "\u0307"},
    {"c", "\u0327"},
    {"v", "\u030C"},
    {"u", "\u0306"},
    {"H", "\u030B"},
    {"k", "\u0328"},
    {"r", "\u030A"},
}};

struct Letter {
  std::string_view command;
  std::string_view utf8;
};

constexpr std::array<Letter, 21> kLetters = {{
    {"i", "ı"},  {"j", "ȷ"},  {"o", "ø"},  {"O", "Ø"},  {"ss", "ß"}, {"ae", "æ"}, {"AE", "Æ"},
    {"oe", "œ"}, {"OE", "Œ"}, {"aa", "å"}, {"AA", "Å"}, {"l", "ł"},  {"L", "Ł"},  {"dh", "ð"},
    {"DH", "Ð"}, {"th", "þ"}, {"TH", "Þ"}, {"ng", "ŋ"}, {"NG", "Ŋ"}, {"dj", "đ"}, {"DJ", "Đ"},
}};

// Escaped characters that stand for themselves (\& → &).
constexpr std::string_view kEscapedSymbols = "&%$#_{}";

struct Decoded {
  std::string utf8;
  std::size_t end = 0;  // index just past what was consumed
};

bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

std::string compose(const Accent& accent, char base) {
  const std::string decomposed = std::string(1, base) + std::string(accent.combining);
  std::size_t length = 0;
  std::unique_ptr<std::uint8_t, decltype(&std::free)> composed(
      u8_normalize(UNINORM_NFC, reinterpret_cast<const std::uint8_t*>(decomposed.data()),
                   decomposed.size(), nullptr, &length),
      &std::free);
  if (composed == nullptr) {
    return decomposed;  // out of memory: the letter and its mark, as valid as the composed form
  }
  return std::string(reinterpret_cast<const char*>(composed.get()), length);
}

// The letter an accent applies to: "u", "{u}", "{\i}", "\i". nullopt when it is anything else
// (the escape is then left as written).
std::optional<Decoded> accent_argument(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) {
    return std::nullopt;
  }
  const auto dotless = [&](std::size_t at) -> std::optional<char> {
    if (at + 1 < text.size() && text[at] == '\\' && (text[at + 1] == 'i' || text[at + 1] == 'j') &&
        (at + 2 >= text.size() || !is_letter(text[at + 2]))) {
      return text[at + 1];
    }
    return std::nullopt;
  };
  if (text[pos] == '{') {
    const auto close = text.find('}', pos + 1);
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    std::string_view inner = text.substr(pos + 1, close - pos - 1);
    while (!inner.empty() && inner.back() == ' ') {
      inner.remove_suffix(1);
    }
    if (inner.size() == 1 && is_letter(inner[0])) {
      return Decoded{std::string(1, inner[0]), close + 1};
    }
    if (inner.size() == 2 && dotless(pos + 1)) {
      return Decoded{std::string(1, *dotless(pos + 1)), close + 1};
    }
    return std::nullopt;
  }
  if (const auto letter = dotless(pos)) {
    return Decoded{std::string(1, *letter), pos + 2};
  }
  if (is_letter(text[pos])) {
    return Decoded{std::string(1, text[pos]), pos + 1};
  }
  return std::nullopt;
}

// Decodes the escape starting at text[pos] == '\\'.
std::optional<Decoded> decode_escape(std::string_view text, std::size_t pos) {
  if (pos + 1 >= text.size() || text[pos] != '\\') {
    return std::nullopt;
  }
  std::size_t end = pos + 1;
  if (is_letter(text[end])) {
    while (end < text.size() && is_letter(text[end])) {
      ++end;
    }
  } else {
    ++end;
  }
  const std::string_view name = text.substr(pos + 1, end - pos - 1);
  const bool control_word = is_letter(name.front());

  for (const Accent& accent : kAccents) {
    if (accent.command != name) {
      continue;
    }
    std::size_t arg = end;
    while (control_word && arg < text.size() && text[arg] == ' ') {
      ++arg;  // "\c s" is "\c{s}"
    }
    auto base = accent_argument(text, arg);
    if (!base) {
      return std::nullopt;
    }
    return Decoded{compose(accent, base->utf8.front()), base->end};
  }
  for (const Letter& letter : kLetters) {
    if (letter.command != name) {
      continue;
    }
    if (text.substr(end, 2) == "{}") {
      end += 2;  // "\l{}" ends the control word explicitly
    } else {
      // TeX drops the spaces after a control word ("Bj\o rn"); we do so only inside a word, so
      // "Pawe\l Nowak" keeps its space.
      std::size_t next = end;
      while (next < text.size() && text[next] == ' ') {
        ++next;
      }
      if (next > end && next < text.size() &&
          std::islower(static_cast<unsigned char>(text[next]))) {
        end = next;
      }
    }
    return Decoded{std::string(letter.utf8), end};
  }
  if (name.size() == 1 && kEscapedSymbols.find(name.front()) != std::string_view::npos) {
    return Decoded{std::string(name), end};
  }
  return std::nullopt;
}

}  // namespace

std::string decode_tex_accents(std::string_view text) {
  if (text.find('\\') == std::string_view::npos) {
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t i = 0;
  while (i < text.size()) {
    // A group around one escape, "{\"u}" or "Alt{\i}nta", goes away with it; other braces stay.
    if (text[i] == '{') {
      if (auto inner = decode_escape(text, i + 1);
          inner && inner->end < text.size() && text[inner->end] == '}') {
        out += inner->utf8;
        i = inner->end + 1;
        continue;
      }
    }
    if (text[i] == '\\') {
      if (auto decoded = decode_escape(text, i)) {
        out += decoded->utf8;
        i = decoded->end;
        continue;
      }
    }
    out += text[i];
    ++i;
  }
  return out;
}

}  // namespace arxiv_digest
