#pragma once
// Shared by the parser tests: a capture path (or SKIP), parsing a file, finding and counting
// papers.

#include <algorithm>
#include <string>
#include <string_view>

#include "arxiv_digest/feed.hpp"
#include "support/test_support.hpp"

// A capture in ../shared/data/arxiv, or GTEST_SKIP with the reason.
#define CAPTURE_OR_SKIP(file) SHARED_DATA_OR_SKIP("arxiv/" + std::string(file))

namespace arxiv_digest::testing {

inline Result<Feed> parse_file(const std::string& path, std::string_view name) {
  return parse_feed(read_file(path), name);
}

inline const Paper* find_paper(const Feed& feed, std::string_view id) {
  const auto it = std::find_if(feed.papers.begin(), feed.papers.end(),
                               [&](const Paper& paper) { return paper.id == id; });
  return it == feed.papers.end() ? nullptr : &*it;
}

template <typename Predicate>
long count_papers(const Feed& feed, Predicate predicate) {
  return static_cast<long>(std::count_if(feed.papers.begin(), feed.papers.end(), predicate));
}

}  // namespace arxiv_digest::testing
