#include "core/util/text.hpp"

#include <array>
#include <cctype>
#include <cstdio>

namespace arxiv_digest {
namespace {

// Length of the UTF-8 sequence starting at text[i], or 1 for an invalid byte.
std::size_t sequence_length(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t length = 1;
  if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
  } else if (lead >= 0xE0) {
    length = lead <= 0xEF ? 3 : 1;
  } else if (lead >= 0xC2) {
    length = 2;
  }
  if (i + length > text.size()) {
    return 1;
  }
  for (std::size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
      return 1;
    }
  }
  return length;
}

bool starts_with_tag(std::string_view rest, std::string_view name) {
  if (!starts_with_ignoring_case(rest, name)) {
    return false;
  }
  // The tag name must end here: `<summaryx>` is not a <summary> tag.
  return rest.size() == name.size() || rest[name.size()] == '>' ||
         std::isspace(static_cast<unsigned char>(rest[name.size()])) || rest[name.size()] == '/';
}

}  // namespace

bool starts_with_ignoring_case(std::string_view text, std::string_view lower_prefix) {
  return text.size() >= lower_prefix.size() &&
         std::equal(lower_prefix.begin(), lower_prefix.end(), text.begin(), [](char want, char c) {
           return std::tolower(static_cast<unsigned char>(c)) == want;
         });
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out += separator;
    }
    out += items[i];
  }
  return out;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); i += sequence_length(text, i)) {
    ++count;
  }
  return count;
}

std::size_t utf16_length(std::string_view text) {
  std::size_t units = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0U) != 0x80U) {
      units += byte >= 0xF0 ? 2 : 1;
    }
  }
  return units;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_chars) {
  std::size_t i = 0;
  for (std::size_t count = 0; i < text.size() && count < max_chars; ++count) {
    i += sequence_length(text, i);
  }
  return text.substr(0, i);
}

std::string abstract_excerpt(std::string_view abstract, bool continues) {
  const std::string_view prefix = utf8_prefix(abstract, kAbstractExcerptChars);
  std::string out(prefix);
  if (continues || prefix.size() < abstract.size()) {
    out += "...";
  }
  return out;
}

std::string escape_angle_brackets(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string escape_link_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : escape_angle_brackets(text)) {
    if (c == '[' || c == ']') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::string neutralize_collapsible_tags(std::string_view markdown) {
  static constexpr std::array<std::string_view, 4> kTags = {"details", "/details", "summary",
                                                            "/summary"};
  std::string out;
  out.reserve(markdown.size());
  for (std::size_t i = 0; i < markdown.size(); ++i) {
    bool is_tag = false;
    if (markdown[i] == '<') {
      for (const auto tag : kTags) {
        is_tag = is_tag || starts_with_tag(markdown.substr(i + 1), tag);
      }
    }
    if (is_tag) {
      out += "&lt;";
    } else {
      out += markdown[i];
    }
  }
  return out;
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += i == 0 ? "" : (i + 1 == items.size() ? " or " : ", ");
    out += '"' + items[i] + '"';
  }
  return out;
}

std::string format_score(double score) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.1f", score);
  return buffer.data();
}

std::string format_similarity(double similarity) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.3f", similarity);
  return buffer.data();
}

std::string collapse_whitespace(std::string_view text) {
  text = trim(text);
  // Most titles and names are already clean: one scan, one copy. Only bytes up to ' ' need a
  // second look (a control byte that is not whitespace sends the text the slow way, which keeps
  // it).
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size && (static_cast<unsigned char>(text[i]) > ' ' ||
                      (text[i] == ' ' && (i == 0 || text[i - 1] != ' ')))) {
    ++i;
  }
  if (i == size) {
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    std::size_t word = 0;
    while (word < text.size() && !is_blank(text[word])) {
      ++word;
    }
    if (!out.empty()) {
      out += ' ';
    }
    out.append(text.data(), word);
    text = trim(text.substr(word));
  }
  return out;
}

}  // namespace arxiv_digest
