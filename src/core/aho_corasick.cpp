#include "core/aho_corasick.hpp"

#include <deque>

namespace arxiv_digest {
namespace {

constexpr unsigned char ascii_lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c - 'A' + 'a') : c;
}

}  // namespace

AhoCorasick::AhoCorasick(const std::vector<std::string_view>& patterns) {
  for (const auto pattern : patterns) {
    for (const char ch : pattern) {
      const auto c = ascii_lower(static_cast<unsigned char>(ch));
      if (symbol_of_[c] == 0) {
        symbol_of_[c] = static_cast<std::uint8_t>(symbols_++);
      }
    }
  }
  for (unsigned char c = 'A'; c <= 'Z'; ++c) {
    symbol_of_[c] = symbol_of_[ascii_lower(c)];
  }

  // The trie, as a dense table (-1 = no edge). Symbol 0 never labels an edge.
  std::vector<std::int32_t> trie(symbols_, -1);
  std::vector<std::vector<std::int32_t>> own_outputs(1);
  for (std::size_t index = 0; index < patterns.size(); ++index) {
    if (patterns[index].empty()) {
      continue;
    }
    std::size_t state = 0;
    for (const char ch : patterns[index]) {
      const std::size_t slot = state * symbols_ + symbol_of_[static_cast<unsigned char>(ch)];
      if (trie[slot] < 0) {
        trie[slot] = static_cast<std::int32_t>(own_outputs.size());
        own_outputs.emplace_back();
        trie.resize(trie.size() + symbols_, -1);
      }
      state = static_cast<std::size_t>(trie[slot]);
    }
    own_outputs[state].push_back(static_cast<std::int32_t>(index));
  }

  // Breadth-first: a state's failure link is shallower, so its transitions and outputs are
  // final by the time the state itself is completed.
  const std::size_t states = own_outputs.size();
  next_ = trie;
  std::vector<std::size_t> fail(states, 0);
  std::vector<std::vector<std::int32_t>> all_outputs(states);
  std::deque<std::size_t> queue;
  for (std::size_t symbol = 0; symbol < symbols_; ++symbol) {
    if (trie[symbol] < 0) {
      next_[symbol] = 0;
    } else {
      queue.push_back(static_cast<std::size_t>(trie[symbol]));
    }
  }
  while (!queue.empty()) {
    const std::size_t state = queue.front();
    queue.pop_front();
    all_outputs[state] = own_outputs[state];
    const auto& inherited = all_outputs[fail[state]];
    all_outputs[state].insert(all_outputs[state].end(), inherited.begin(), inherited.end());
    for (std::size_t symbol = 0; symbol < symbols_; ++symbol) {
      const std::size_t slot = state * symbols_ + symbol;
      const std::int32_t fallback = next_[fail[state] * symbols_ + symbol];
      if (trie[slot] < 0) {
        next_[slot] = fallback;
      } else {
        const auto child = static_cast<std::size_t>(trie[slot]);
        fail[child] = static_cast<std::size_t>(fallback);
        queue.push_back(child);
      }
    }
  }

  output_start_.reserve(states + 1);
  for (const auto& list : all_outputs) {
    output_start_.push_back(static_cast<std::int32_t>(outputs_.size()));
    outputs_.insert(outputs_.end(), list.begin(), list.end());
  }
  output_start_.push_back(static_cast<std::int32_t>(outputs_.size()));
}

void AhoCorasick::mark(std::string_view text, std::span<unsigned char> found) const {
  std::size_t state = 0;
  for (const char ch : text) {
    state = static_cast<std::size_t>(
        next_[state * symbols_ + symbol_of_[static_cast<unsigned char>(ch)]]);
    for (auto i = output_start_[state]; i < output_start_[state + 1]; ++i) {
      found[static_cast<std::size_t>(outputs_[static_cast<std::size_t>(i)])] = 1;
    }
  }
}

bool AhoCorasick::contains_any(std::string_view text) const {
  std::size_t state = 0;
  for (const char ch : text) {
    state = static_cast<std::size_t>(
        next_[state * symbols_ + symbol_of_[static_cast<unsigned char>(ch)]]);
    if (output_start_[state] != output_start_[state + 1]) {
      return true;
    }
  }
  return false;
}

}  // namespace arxiv_digest
