#pragma once
// The one way an enum is read back from text: the value whose to_string is exactly `text`, so a
// spelling lives in one place (the enum's to_string) for config.json, state files and messages.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arxiv_digest {

template <typename Enum, std::size_t N>
std::optional<Enum> enum_from_text(std::string_view text, const std::array<Enum, N>& values) {
  for (const Enum value : values) {
    if (to_string(value) == text) {
      return value;
    }
  }
  return std::nullopt;
}

// Every spelling, in `values` order: what an "expected ..." message lists.
template <typename Enum, std::size_t N>
std::vector<std::string> enum_spellings(const std::array<Enum, N>& values) {
  std::vector<std::string> spellings;
  for (const Enum value : values) {
    spellings.emplace_back(to_string(value));
  }
  return spellings;
}

}  // namespace arxiv_digest
