#pragma once
// Writing the static site (core site.hpp renders it) into output.site_dir through the
// FileSystem port, from the whole archive: by `arxiv-digest site`, and by a run with
// output.site_enabled after its digest. Every page is rendered each time (related papers come
// from the whole archive, so an old day's page changes as the archive grows, and in Actions
// the folder starts empty anyway); a file is written only when its bytes change.

#include <string>
#include <vector>

#include "app/history/history_store.hpp"
#include "app/workspace.hpp"

namespace arxiv_digest::app {

// Every day page, index.html, archive.html, search-index.json, style.css and filter.js (and
// trends.svg copied from digests_dir when the trends output wrote one). Returns the files
// written; not_found when the archive has no day.
Result<std::vector<std::string>> build_site(HistoryStore& history, const Workspace& workspace,
                                            Ports& ports);

}  // namespace arxiv_digest::app
