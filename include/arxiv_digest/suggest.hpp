#pragma once
// "Did you mean" for config keys, enum values and subcommand names.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arxiv_digest {

// Levenshtein distance, case-sensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo
// (distance ≤ max(1, word.size() / 3)).
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

}  // namespace arxiv_digest
