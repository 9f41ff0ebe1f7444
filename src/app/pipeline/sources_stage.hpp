#pragma once
// Stage 1 of a run: sources. Offline, every *.xml feed file of a folder, all or nothing; live,
// arXiv's feed through the politeness policy and the conditional-GET cache in state/, where a
// failed source is recorded and the run goes on with the others unless every one failed.

#include <optional>
#include <string>

#include "app/sources/feed_set.hpp"
#include "app/workspace.hpp"
#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::app {

struct Sources {
  FeedSet feeds;                 // what was read, and a status per source (failed ones too)
  std::optional<Error> failure;  // set when no feed could be read at all
};

// `offline_dir` "" reads arXiv.
Sources read_sources(const Workspace& workspace, const std::string& offline_dir, Ports& ports);

// "URL: reason" of each failed source, joined by "; " ("" when none failed).
std::string source_failures(const std::vector<SourceStatus>& sources);

}  // namespace arxiv_digest::app
