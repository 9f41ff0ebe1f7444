#include "core/selection/aho_corasick.hpp"

#include <deque>
#include <utility>

namespace arxiv_digest {
namespace {

constexpr unsigned char ascii_lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c - 'A' + 'a') : c;
}

// A trie over symbols, as a dense table, and the patterns ending in each state.
struct Automaton {
  std::size_t symbols = 0;
  std::vector<std::int32_t> edges;  // edges[state * symbols + symbol]; -1 = none (trie only)
  std::vector<std::vector<std::uint32_t>> outputs;
  std::size_t states() const { return outputs.size(); }
};

Automaton build_trie(const std::vector<std::string_view>& patterns,
                     const std::array<std::uint8_t, 256>& symbol_of, std::size_t symbols) {
  Automaton trie{symbols, std::vector<std::int32_t>(symbols, -1), {{}}};
  for (std::size_t index = 0; index < patterns.size(); ++index) {
    if (patterns[index].empty()) {
      continue;
    }
    std::size_t state = 0;
    for (const char ch : patterns[index]) {
      const std::size_t slot = state * symbols + symbol_of[static_cast<unsigned char>(ch)];
      if (trie.edges[slot] < 0) {
        trie.edges[slot] = static_cast<std::int32_t>(trie.states());
        trie.outputs.emplace_back();
        trie.edges.resize(trie.edges.size() + symbols, -1);
      }
      state = static_cast<std::size_t>(trie.edges[slot]);
    }
    trie.outputs[state].push_back(static_cast<std::uint32_t>(index));
  }
  return trie;
}

// Adds the failure transitions, so every state has an edge for every symbol, and gives each
// state the outputs of its failure state (patterns that are suffixes of what was read).
// Breadth-first: a state's failure state is shallower, so it is complete when the state is.
Automaton complete(const Automaton& trie) {
  const std::size_t symbols = trie.symbols;
  Automaton dfa{symbols, trie.edges, trie.outputs};
  std::vector<std::size_t> fail(trie.states(), 0);
  std::deque<std::size_t> queue;
  for (std::size_t symbol = 0; symbol < symbols; ++symbol) {
    if (trie.edges[symbol] < 0) {
      dfa.edges[symbol] = 0;
    } else {
      queue.push_back(static_cast<std::size_t>(trie.edges[symbol]));
    }
  }
  while (!queue.empty()) {
    const std::size_t state = queue.front();
    queue.pop_front();
    const auto& inherited = dfa.outputs[fail[state]];
    dfa.outputs[state].insert(dfa.outputs[state].end(), inherited.begin(), inherited.end());
    for (std::size_t symbol = 0; symbol < symbols; ++symbol) {
      const std::size_t slot = state * symbols + symbol;
      const std::int32_t fallback = dfa.edges[fail[state] * symbols + symbol];
      if (trie.edges[slot] < 0) {
        dfa.edges[slot] = fallback;
      } else {
        const auto child = static_cast<std::size_t>(trie.edges[slot]);
        fail[child] = static_cast<std::size_t>(fallback);
        queue.push_back(child);
      }
    }
  }
  return dfa;
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
  const Automaton dfa = complete(build_trie(patterns, symbol_of_, symbols_));

  // Renumber: states without outputs first (the root stays 0), so the scan asks "does a pattern
  // end here?" with one comparison; store transitions premultiplied by the row width.
  const std::size_t states = dfa.states();
  std::vector<std::size_t> renumbered(states);
  std::vector<std::size_t> by_new_number;
  by_new_number.reserve(states);
  for (const bool with_outputs : {false, true}) {
    if (with_outputs) {
      first_output_ = by_new_number.size() * symbols_;
    }
    for (std::size_t state = 0; state < states; ++state) {
      if (dfa.outputs[state].empty() != with_outputs) {
        renumbered[state] = by_new_number.size();
        by_new_number.push_back(state);
      }
    }
  }
  next_rows_.resize(states * symbols_);
  for (std::size_t state = 0; state < states; ++state) {
    for (std::size_t symbol = 0; symbol < symbols_; ++symbol) {
      const auto target = static_cast<std::size_t>(dfa.edges[state * symbols_ + symbol]);
      next_rows_[renumbered[state] * symbols_ + symbol] =
          static_cast<std::uint32_t>(renumbered[target] * symbols_);
    }
  }
  for (std::size_t number = first_output_ / symbols_; number < states; ++number) {
    const auto& list = dfa.outputs[by_new_number[number]];
    output_start_.push_back(static_cast<std::uint32_t>(outputs_.size()));
    outputs_.insert(outputs_.end(), list.begin(), list.end());
  }
  output_start_.push_back(static_cast<std::uint32_t>(outputs_.size()));
}

void AhoCorasick::mark(std::string_view text, std::span<unsigned char> found) const {
  std::size_t row = 0;
  for (const char ch : text) {
    row = next_rows_[row + symbol_of_[static_cast<unsigned char>(ch)]];
    if (row >= first_output_) {
      const std::size_t state = (row - first_output_) / symbols_;
      for (auto i = output_start_[state]; i < output_start_[state + 1]; ++i) {
        found[outputs_[i]] = 1;
      }
    }
  }
}

bool AhoCorasick::contains_any(std::string_view text) const {
  std::size_t row = 0;
  for (const char ch : text) {
    row = next_rows_[row + symbol_of_[static_cast<unsigned char>(ch)]];
    if (row >= first_output_) {
      return true;
    }
  }
  return false;
}

}  // namespace arxiv_digest
