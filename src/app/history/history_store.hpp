#pragma once
// HistoryStore: the one reader and writer of history for every command (DESIGN "History").
// The archive (data/YYYY-MM-DD.jsonl) is the source of truth; what a command asks of it is
// answered by the HistoryIndex port (state/index/history.sqlite), kept in step here.
//
// open() lists the archive folder once and brings the index up to date: a day whose file's stat
// matches the index's stamp is not read; one whose stat moved but whose bytes hash the same (a
// fresh checkout) is only restamped; any other is parsed (leniently: each bad line is skipped
// and reported as "data/2026-02-12.jsonl:3: ...") and indexed again; days whose file is gone
// leave the index. An index that is missing is built; one that is damaged or from another
// format version is rebuilt from the archive with a warning, also when the damage only shows
// later, in the middle of a run (the call is then answered from the rebuilt index).
//
// write_day() writes an archive file atomically and indexes exactly what it wrote, so deleting
// the index never changes an answer. Warnings (skipped lines, rebuilds) are logged and kept for
// the run status. Not thread-safe.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/workspace.hpp"
#include "arxiv_digest/history_index.hpp"
#include "arxiv_digest/paper_cards.hpp"

namespace arxiv_digest::app {

class HistoryStore {
 public:
  // The index lives at state_dir/index/history.sqlite.
  static Result<HistoryStore> open(Ports& ports, const Workspace& workspace);

  // Archive days present, oldest first.
  const std::vector<std::string>& days() const { return days_; }
  const std::string& archive_dir() const { return archive_dir_; }
  std::string archive_path(const std::string& day) const;
  // What went wrong but did not stop the command: skipped archive lines, a rebuilt index.
  const std::vector<std::string>& warnings() const { return warnings_; }

  // For each of `ids` shown in a digest before `day`: the highest version shown.
  Result<ShownHistory> shown_before(const std::string& day, const std::vector<std::string>& ids);
  // The records archived for `day` (none when there is no such day).
  Result<std::vector<ArchiveRecord>> day_records(const std::string& day);
  // The keyword counts of each of `days` (for the trends picture), from the index.
  Result<std::vector<DayKeywordCounts>> keyword_counts(const std::vector<std::string>& days);
  // A summary cached under `key`, preferring one stored on `preferred_day`.
  Result<std::optional<Summary>> cached_summary(const SummaryKey& key,
                                                const std::string& preferred_day);

  // Puts `records` in the index as `day` before they are written, so related() sees them
  // (today's papers are each other's relatives, as they will be once archived).
  Result<void> stage_day(const std::string& day, const std::vector<ArchiveRecord>& records);
  // The related papers of each ranked record, among every indexed paper.
  Result<RelatedByPaper> related(const std::vector<ArchiveRecord>& records,
                                 const RelatedOptions& options);

  // Writes data/DAY.jsonl atomically and indexes what was written.
  Result<void> write_day(const std::string& day, const std::vector<ArchiveRecord>& records);

  // Puts `summaries` (by versioned id) on the records of `day`'s archive file and returns how
  // many got one. The file is rewritten line by line: a line that does not parse is kept as it
  // is, never dropped. When the file does not exist yet, `first_records` (the records the
  // current run is about to archive, when `day` is its day) start it, so a summary paid for is
  // on disk at once; without them nothing is stored.
  Result<std::size_t> store_summaries(const std::string& day,
                                      const std::map<std::string, Summary>& summaries,
                                      const std::vector<ArchiveRecord>* first_records = nullptr);

 private:
  HistoryStore(Ports& ports, std::string archive_dir, std::string index_path);
  Result<void> open_index();
  Result<void> sync(const std::vector<std::string>& files);
  // Indexes one archive file unless the index holds it; one whose stat moved but whose bytes
  // did not is added to `moved`, to be restamped with the others at once.
  Result<void> index_file(const std::string& day, const std::string& path,
                          const std::optional<ArchiveStamp>& known,
                          std::vector<ArchiveStamp>& moved);
  // Runs `call` on the index; when the index turns out damaged, rebuilds it and runs it again.
  Result<void> guarded(const std::function<Result<void>()>& call);
  // guarded() for a call that answers a value.
  template <typename T>
  Result<T> guarded_answer(const std::function<Result<T>()>& call) {
    std::optional<Result<T>> answer;
    auto done = guarded([&]() -> Result<void> {
      answer.emplace(call());
      if (!*answer) {
        return answer->error();
      }
      return {};
    });
    if (!done) {
      return done.error();
    }
    return std::move(*answer);
  }
  // Writes `bytes` as day's file, whose records are `archived` (on `lines` of it), and indexes
  // them.
  Result<void> write_and_index(const std::string& day, const std::string& bytes,
                               const std::vector<ArchiveRecord>& archived,
                               const std::vector<std::string_view>& lines);
  // Whether `archived` is what stage_day() put in the index for `day`.
  bool is_staged(const std::string& day, const std::vector<ArchiveRecord>& archived) const;
  void warn(std::string message);

  Ports* ports_;
  std::string archive_dir_;
  std::string index_path_;
  std::vector<std::string> days_;
  std::vector<std::string> files_;
  std::vector<std::string> warnings_;
  // The day staged but not written yet, to stage again after a rebuild, and its archive text,
  // which write_day() then writes when the records are still the same.
  struct StagedDay {
    std::string day;
    std::vector<ArchiveRecord> records;  // archived_form
    std::string bytes;
  };
  std::optional<StagedDay> staged_;
};

// The archive day a command works on: `date_option` when given, else the newest in the
// archive; not_found when the archive is empty.
Result<std::string> chosen_archive_day(const std::string& date_option, const HistoryStore& history);

}  // namespace arxiv_digest::app
