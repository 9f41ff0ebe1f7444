#include "core/config/config_reader.hpp"

#include <charconv>
#include <cmath>

#include "arxiv_digest/suggest.hpp"
#include "core/util/json_support.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {

namespace {

constexpr std::size_t kShownBytes = 60;

std::string escape_pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (const char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_number(double value) {
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc{} ? std::string(buffer, end) : std::to_string(value);
}

// A case slip ("Word", "AI_Summary") is the likeliest typo, so it wins over edit distance.
std::optional<std::string> suggestion(std::string_view word,
                                      const std::vector<std::string>& candidates) {
  const auto lower = [](std::string_view text) {
    std::string out(text);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') {
        c = static_cast<char>(c - 'A' + 'a');
      }
    }
    return out;
  };
  for (const std::string& candidate : candidates) {
    if (lower(candidate) == lower(word)) {
      return candidate;
    }
  }
  return closest_match(word, candidates);
}

bool all_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

}  // namespace

ConfigNode ConfigNode::child(std::string_view key) const {
  return ConfigNode{value.at(std::string(key)), path + "/" + escape_pointer_token(key)};
}

ConfigNode ConfigNode::element(std::size_t index) const {
  return ConfigNode{value.at(index), path + "/" + std::to_string(index)};
}

std::string show_json(const ConfigJson& value) {
  std::string text = value.dump(-1, ' ', false, ConfigJson::error_handler_t::replace);
  if (text.size() <= kShownBytes) {
    return text;
  }
  std::size_t cut = kShownBytes - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
    --cut;  // never split a UTF-8 sequence
  }
  return text.substr(0, cut) + "...";
}

std::string describe(IntRange range) { return integer_range_phrase(range.min, range.max); }

std::string describe(const NumberRange& range) {
  if (!range.max) {
    return std::string("a number ") + (range.min_exclusive ? "> " : "≥ ") +
           format_number(range.min);
  }
  return "a number " + format_number(range.min) + "–" + format_number(*range.max);
}

void ConfigReader::problem(const ConfigNode& node, std::string_view message) {
  problems_.push_back(node.path.empty() ? std::string(message)
                                        : node.path + ": " + std::string(message));
}

void ConfigReader::expected(const ConfigNode& node, std::string_view what) {
  problem(node, "expected " + std::string(what) + ", got " + show_json(node.value));
}

void ConfigReader::unknown_key(const ConfigNode& node, std::string_view key,
                               const std::vector<std::string>& suggestable,
                               const std::vector<std::string>& listed) {
  if (const auto match = suggestion(key, suggestable)) {
    problem(node, "unknown key; did you mean \"" + *match + "\"?");
    return;
  }
  std::string known;
  for (const std::string& name : listed) {
    known += (known.empty() ? "" : ", ") + name;
  }
  problem(node, "unknown key; keys allowed here: " + known);
}

bool ConfigReader::boolean(const ConfigNode& node, bool& out) {
  if (!node.value.is_boolean()) {
    expected(node, "true or false");
    return false;
  }
  out = node.value.get<bool>();
  return true;
}

bool ConfigReader::integer(const ConfigNode& node, IntRange range, long long& out) {
  const std::optional<long long> value = json_integer(node.value);
  if (!value || *value < range.min || *value > range.max) {
    expected(node, describe(range));
    return false;
  }
  out = *value;
  return true;
}

bool ConfigReader::integer(const ConfigNode& node, IntRange range, int& out) {
  long long wide = 0;
  if (!integer(node, range, wide)) {
    return false;
  }
  out = static_cast<int>(wide);
  return true;
}

bool ConfigReader::number(const ConfigNode& node, const NumberRange& range, double& out) {
  if (!node.value.is_number()) {
    expected(node, describe(range));
    return false;
  }
  const double value = node.value.get<double>();
  const bool below = range.min_exclusive ? value <= range.min : value < range.min;
  if (!std::isfinite(value) || below || (range.max && value > *range.max)) {
    expected(node, describe(range));
    return false;
  }
  out = value;
  return true;
}

bool ConfigReader::string(const ConfigNode& node, std::string_view what, std::string& out) {
  if (!node.value.is_string()) {
    expected(node, what);
    return false;
  }
  out = node.value.get<std::string>();
  return true;
}

bool ConfigReader::text(const ConfigNode& node, std::string_view what, std::string& out) {
  if (!node.value.is_string() || all_blank(node.value.get_ref<const std::string&>())) {
    expected(node, what);
    return false;
  }
  out = node.value.get<std::string>();
  return true;
}

bool ConfigReader::one_of(const ConfigNode& node, const std::vector<std::string>& allowed,
                          std::string& out) {
  const std::string what = "one of " + quoted_list(allowed);
  if (!node.value.is_string()) {
    expected(node, what);
    return false;
  }
  const auto& value = node.value.get_ref<const std::string&>();
  for (const std::string& candidate : allowed) {
    if (candidate == value) {
      out = value;
      return true;
    }
  }
  std::string message = "expected " + what + ", got " + show_json(node.value);
  if (const auto match = suggestion(value, allowed)) {
    message += "; did you mean \"" + *match + "\"?";
  }
  problem(node, message);
  return false;
}

bool ConfigReader::array(const ConfigNode& node, std::string_view what) {
  if (!node.value.is_array()) {
    expected(node, what);
    return false;
  }
  return true;
}

bool ConfigReader::object(const ConfigNode& node, std::string_view what) {
  if (!node.value.is_object()) {
    expected(node, what);
    return false;
  }
  return true;
}

}  // namespace arxiv_digest
