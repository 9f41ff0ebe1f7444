#pragma once
// The validating walker behind parse_config: it visits a JSON document carrying each value's JSON
// Pointer, checks type and range, and collects every problem instead of stopping at the first, so
// a user can fix a config.json in one edit. It knows nothing about config.json's keys; the tables
// of keys live in config.cpp.

#include <array>
#include <cstddef>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/enum_text.hpp"

namespace arxiv_digest {

// Objects keep document order, so problems are reported in the order a user reads the file.
using ConfigJson = nlohmann::ordered_json;

// A value and where it sits, as a JSON Pointer ("" is the document itself). `value` is borrowed:
// a Node must not outlive the document it points into.
struct ConfigNode {
  const ConfigJson& value;
  std::string path;

  ConfigNode child(std::string_view key) const;  // escapes `~` and `/` in the key
  ConfigNode element(std::size_t index) const;
};

struct IntRange {
  long long min = 0;
  long long max = std::numeric_limits<long long>::max();  // max() = no upper bound
};

struct NumberRange {
  double min = 0.0;
  bool min_exclusive = false;
  std::optional<double> max;
};

// Compact JSON of `value`, cut to about 60 bytes (at a UTF-8 boundary) with "..." when longer.
std::string show_json(const ConfigJson& value);

// "an integer 1–64", "an integer ≥ 0", "a number > 0".
std::string describe(IntRange range);
std::string describe(const NumberRange& range);

// Collects problems as "PATH: message" lines. Each check leaves `out` untouched and records one
// problem when the value does not fit; it returns whether the value was accepted.
class ConfigReader {
 public:
  void problem(const ConfigNode& node, std::string_view message);
  // "PATH: expected WHAT, got VALUE" (VALUE as compact JSON, truncated).
  void expected(const ConfigNode& node, std::string_view what);
  // "PATH: unknown key; did you mean "x"?" or, with no close candidate, the keys allowed there.
  void unknown_key(const ConfigNode& node, std::string_view key,
                   const std::vector<std::string>& suggestable,
                   const std::vector<std::string>& listed);

  bool boolean(const ConfigNode& node, bool& out);
  bool integer(const ConfigNode& node, IntRange range, long long& out);
  bool integer(const ConfigNode& node, IntRange range, int& out);  // range must fit in int
  bool number(const ConfigNode& node, const NumberRange& range, double& out);
  bool string(const ConfigNode& node, std::string_view what, std::string& out);
  // A string with at least one non-blank character.
  bool text(const ConfigNode& node, std::string_view what, std::string& out);
  // One of `allowed`, with "did you mean" for a near miss.
  bool one_of(const ConfigNode& node, const std::vector<std::string>& allowed, std::string& out);
  // One of `values` as their to_string spells them (the message lists them in that order), read
  // with the enum's own `parse`.
  template <typename Enum, std::size_t N>
  bool one_of(const ConfigNode& node, const std::array<Enum, N>& values,
              std::optional<Enum> (*parse)(std::string_view), Enum& out) {
    std::string text;
    if (!one_of(node, enum_spellings(values), text)) {
      return false;
    }
    const std::optional<Enum> value = parse(text);
    if (value) {
      out = *value;
    }
    return value.has_value();
  }
  // A JSON array (of any length) or a JSON object; the problem names `what` was expected.
  bool array(const ConfigNode& node, std::string_view what);
  bool object(const ConfigNode& node, std::string_view what);

  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

// One accepted key of an object and how to read its value into a T.
template <typename T>
struct ConfigField {
  std::string_view key;
  void (*read)(ConfigReader& reader, const ConfigNode& node, T& out);
  // Listed in "unknown key" messages. Legacy keys and "$schema" are accepted and suggested but not
  // advertised.
  bool listed = true;
};

// Reads every member of the object at `node` through `fields`; members with no field are unknown
// keys. Returns false (one problem recorded) when `node` is not an object.
template <typename T>
bool read_fields(ConfigReader& reader, const ConfigNode& node,
                 std::span<const ConfigField<T>> fields, T& out) {
  if (!reader.object(node, "an object")) {
    return false;
  }
  for (const auto& [key, value] : node.value.items()) {
    const ConfigNode member = node.child(key);
    bool known = false;
    for (const ConfigField<T>& field : fields) {
      if (field.key == key) {
        field.read(reader, member, out);
        known = true;
        break;
      }
    }
    if (!known) {
      std::vector<std::string> suggestable;
      std::vector<std::string> listed;
      for (const ConfigField<T>& field : fields) {
        suggestable.emplace_back(field.key);
        if (field.listed) {
          listed.emplace_back(field.key);
        }
      }
      reader.unknown_key(member, key, suggestable, listed);
    }
  }
  return true;
}

// Calls `read_item(element_node)` for each element of the array at `node`; a non-array records one
// problem naming `what` was expected.
template <typename ReadItem>
void for_each_element(ConfigReader& reader, const ConfigNode& node, std::string_view what,
                      ReadItem read_item) {
  if (!reader.array(node, what)) {
    return;
  }
  for (std::size_t i = 0; i < node.value.size(); ++i) {
    read_item(node.element(i));
  }
}

}  // namespace arxiv_digest
