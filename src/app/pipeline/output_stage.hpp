#pragma once
// Stage 4 of a run: outputs (DESIGN "Outputs"). Everything is rendered first and written after,
// so a template error leaves every file as it was; writes are atomic. In order: the day's
// archive (through the history store), the daily digest (digests/DATE.md), the paper cards
// (digests/DATE.cards.md), feed.xml and digest.json (each behind its output.*_enabled key), the
// site (output.site_enabled, after the archive day it is built from), then
// README.md, which is left untouched when a clean run's digest says what it already says.
// With nothing new, the previous README is kept and only its status line is replaced.
// A new digest also writes digests/trends.svg and, when its day closes its week, the week's
// roll-up digests/YYYY-Www.md (app/rollups), before the README that shows the picture.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/history/history_store.hpp"
#include "app/workspace.hpp"
#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/readme.hpp"

namespace arxiv_digest::app {

struct OutputRequest {
  std::string day;          // the digest's date
  std::string readme_path;  // resolved; --output wins over output.readme
  std::chrono::system_clock::time_point started;
  std::string status_line;
  // Nothing failed or stayed unsummarized: an unchanged digest need not rewrite the README.
  bool clean = false;
};

// The outputs a stage replaced, and the first error that stopped it.
struct Outputs {
  std::vector<std::string> written;
  std::optional<Error> failure;
  std::string weekly;  // the weekly roll-up written, one sentence (weekly_sentence), else ""
};

// The README path of a run: `output_option` if given, else output.readme.
std::string readme_path(const Workspace& workspace, const std::string& output_option);

// A new digest from `records` (in rank order, the ranked ones shown).
Outputs write_digest(const std::vector<ArchiveRecord>& records, const OutputRequest& request,
                     const Workspace& workspace, const ReadmeTemplates& templates,
                     HistoryStore& history, Ports& ports);

// Nothing new: the previous README's status line replaced (a new page when there is none).
Outputs keep_previous_digest(const OutputRequest& request, const Workspace& workspace,
                             const ReadmeTemplates& templates, FileSystem& fs);

}  // namespace arxiv_digest::app
