#pragma once
// Feeds read from a folder instead of the network (`--offline DIR`).

#include <string>
#include <vector>

#include "app/sources/feed_set.hpp"
#include "arxiv_digest/ports.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest::app {

// Reads every *.xml in `dir` (name order), any supported feed type. Offline feeds are the
// user's own files, so an unreadable or malformed one is an error naming it: the run stops
// before anything is written. Items skipped inside a feed are reported, not fatal.
Result<FeedSet> read_offline_feeds(FileSystem& fs, const std::string& dir,
                                   const std::vector<std::string>& categories);

}  // namespace arxiv_digest::app
