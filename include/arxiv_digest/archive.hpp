#pragma once
// The archive (`data/YYYY-MM-DD.jsonl`): one JSON object per candidate paper of a day's digest,
// with its score breakdown and summary. It is the memory across days (a paper shown yesterday
// is not shown again), the summary cache, and the corpus for related papers.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/feed.hpp"
#include "arxiv_digest/paper.hpp"
#include "arxiv_digest/related_papers.hpp"
#include "arxiv_digest/result.hpp"
#include "arxiv_digest/selection.hpp"

namespace arxiv_digest {

struct ArchiveRecord {
  std::string digest_date;  // YYYY-MM-DD
  std::optional<int> rank;  // position in the digest; nullopt for candidates below the cut
  Paper paper;              // with score and matches
  std::optional<Summary> summary;
  // A shown paper's related papers as its day's digest found them (cards, site): kept so pages
  // of old days are the same whenever they are built, without searching the index again.
  std::vector<RelatedPaper> related = {};
  bool operator==(const ArchiveRecord&) const = default;
};

// What the archive keeps of a record. A paper shown in the digest keeps everything; a candidate
// below the cut keeps what says which paper it was and why it scored (id, version, title,
// authors, categories, announce type, dates, link, score, matches) but not its abstract and
// bibliographic extras or related papers: they are most of a line's bytes, and only shown papers
// are read back for their text (summaries, related papers). See docs/ARCHITECTURE.md "Archive
// size".
ArchiveRecord archived_form(ArchiveRecord record);

// JSON Lines: one compact object per record in its archived_form, each line ending in '\n'.
std::string write_archive(const std::vector<ArchiveRecord>& records);

// The lines of write_archive's text, without their newlines: one per record.
std::vector<std::string_view> archive_lines(std::string_view text);

// One archive file read leniently: every line that parses, and each one that does not as a
// skipped item ("data/2026-02-12.jsonl:3" and why), so one bad line never hides a day.
struct ArchiveDay {
  std::vector<ArchiveRecord> records;
  std::vector<std::string_view> lines;  // each record's line: views into the text read
  std::vector<SkippedItem> skipped;
};
ArchiveDay read_archive_day(std::string_view jsonl, std::string_view source_name);

// Strict: the first bad line is an Error naming the source and the line number (for callers that
// rewrite the file and must not drop a line). Blank lines are ignored.
Result<std::vector<ArchiveRecord>> parse_archive(std::string_view jsonl,
                                                 std::string_view source_name);

// Records for a digest: the selection's candidates in rank order, the first `selected` ranked.
std::vector<ArchiveRecord> archive_records(const Selection& selection, const std::string& date);

// A day's records with more candidates added (a backfill files a day's papers page by page):
// `ranked` (a selection's candidates, best first) joins `records` except the ids already there;
// all of them are ordered by score (records first on ties) and the first `max_papers` ranked.
std::vector<ArchiveRecord> merge_into_day(std::vector<ArchiveRecord> records,
                                          std::vector<Paper> ranked, const std::string& date,
                                          int max_papers);

// The digest's papers among `records`: the ranked ones, by rank (ties keep their order).
std::vector<const ArchiveRecord*> ranked_records(const std::vector<ArchiveRecord>& records);

// Papers shown (ranked) in the given records: id → highest version shown.
void add_shown(const std::vector<ArchiveRecord>& records, ShownHistory& shown);

// rank --format json: an array in rank order with the paper fields, score and matches.
std::string write_papers_json(const std::vector<Paper>& papers);

}  // namespace arxiv_digest
