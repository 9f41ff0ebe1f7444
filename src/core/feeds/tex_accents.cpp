// TeX accent escapes in arXiv RSS author names (G\"ul, Alt{\i}nta\c{s}) → UTF-8 (DESIGN
// difference 7). The RSS feeds are pure ASCII; the same names come as UTF-8 from the API.

#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "arxiv_digest/feed.hpp"

namespace arxiv_digest {
namespace {

struct Accent {
  std::string_view command;    // "\"" for \", "c" for \c
  std::string_view bases;      // ASCII letters with a precomposed form...
  std::string_view composed;   // ...and those forms, one code point each, in the same order
  std::string_view combining;  // the combining mark, for any other base letter
};

// Generated from Unicode NFC compositions of each base letter with the accent's combining mark.
constexpr std::array<Accent, 13> kAccents = {{
    {"\"", "AEHIOUWXYaehiotuwxy", "ÄËḦÏÖÜẄẌŸäëḧïöẗüẅẍÿ", "\u0308"},
    {"'", "ACEGIKLMNOPRSUWYZacegiklmnoprsuwyz", "ÁĆÉǴÍḰĹḾŃÓṔŔŚÚẂÝŹáćéǵíḱĺḿńóṕŕśúẃýź", "\u0301"},
    {"`", "AEINOUWYaeinouwy", "ÀÈÌǸÒÙẀỲàèìǹòùẁỳ", "\u0300"},
    {"^", "ACEGHIJOSUWYZaceghijosuwyz", "ÂĈÊĜĤÎĴÔŜÛŴŶẐâĉêĝĥîĵôŝûŵŷẑ", "\u0302"},
    {"~", "AEINOUVYaeinouvy", "ÃẼĨÑÕŨṼỸãẽĩñõũṽỹ", "\u0303"},
    {"=", "AEGIOUYaegiouy", "ĀĒḠĪŌŪȲāēḡīōūȳ", "\u0304"},
    {".", "ABCDEFGHIMNOPRSTWXYZabcdefghmnoprstwxyz", "ȦḂĊḊĖḞĠḢİṀṄȮṖṘṠṪẆẊẎŻȧḃċḋėḟġḣṁṅȯṗṙṡṫẇẋẏż",
     "\u0307"},
    {"c", "CDEGHKLNRSTcdeghklnrst", "ÇḐȨĢḨĶĻŅŖŞŢçḑȩģḩķļņŗşţ", "\u0327"},
    {"v", "ACDEGHIKLNORSTUZacdeghijklnorstuz", "ǍČĎĚǦȞǏǨĽŇǑŘŠŤǓŽǎčďěǧȟǐǰǩľňǒřšťǔž", "\u030C"},
    {"u", "AEGIOUaegiou", "ĂĔĞĬŎŬăĕğĭŏŭ", "\u0306"},
    {"H", "OUou", "ŐŰőű", "\u030B"},
    {"k", "AEIOUaeiou", "ĄĘĮǪŲąęįǫų", "\u0328"},
    {"r", "AUauwy", "ÅŮåůẘẙ", "\u030A"},
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

// The `index`-th code point of a UTF-8 string.
std::string_view nth_code_point(std::string_view utf8, std::size_t index) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= utf8.size(); ++i) {
    const bool boundary =
        i == utf8.size() || (static_cast<unsigned char>(utf8[i]) & 0xC0U) != 0x80U;
    if (i > start && boundary) {
      if (index == 0) {
        return utf8.substr(start, i - start);
      }
      --index;
      start = i;
    }
  }
  return {};
}

std::string compose(const Accent& accent, char base) {
  const auto pos = accent.bases.find(base);
  if (pos != std::string_view::npos) {
    return std::string(nth_code_point(accent.composed, pos));
  }
  return std::string(1, base) + std::string(accent.combining);
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
