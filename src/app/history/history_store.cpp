#include "app/history/history_store.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "arxiv_digest/summary_sanitizer.hpp"
#include "core/util/content_hash.hpp"
#include "core/util/date.hpp"

namespace arxiv_digest::app {
namespace {

// data/2026-02-12.jsonl → 2026-02-12; "" for files that are not an archive day.
std::string day_of(const std::string& path) {
  const std::filesystem::path p(path);
  const std::string stem = p.stem().string();
  return p.extension() == ".jsonl" && is_iso_date(stem) ? stem : "";
}

std::vector<ArchiveRecord> archived_records(const std::vector<ArchiveRecord>& records) {
  std::vector<ArchiveRecord> archived;
  archived.reserve(records.size());
  for (const auto& record : records) {
    archived.push_back(archived_form(record));
  }
  return archived;
}

}  // namespace

HistoryStore::HistoryStore(Ports& ports, std::string archive_dir, std::string index_path)
    : ports_(&ports), archive_dir_(std::move(archive_dir)), index_path_(std::move(index_path)) {}

Result<HistoryStore> HistoryStore::open(Ports& ports, const Workspace& workspace) {
  const OutputConfig& output = workspace.config.output;
  HistoryStore store(ports, workspace.resolve(output.archive_dir),
                     workspace.resolve(output.state_dir) + "/index/history.sqlite");
  if (ports.fs.exists(store.archive_dir_)) {
    auto files = ports.fs.list(store.archive_dir_, ".jsonl");
    if (!files) {
      return files.error();
    }
    for (auto& file : *files) {
      if (const std::string day = day_of(file); !day.empty()) {
        store.days_.push_back(day);
        store.files_.push_back(std::move(file));
      }
    }
  }
  if (auto opened = store.open_index(); !opened) {
    return opened.error();
  }
  if (auto synced = store.guarded([&] { return store.sync(store.files_); }); !synced) {
    return synced.error();
  }
  return store;
}

std::string HistoryStore::archive_path(const std::string& day) const {
  return archive_dir_ + "/" + day + ".jsonl";
}

void HistoryStore::warn(std::string message) {
  spdlog::warn("{}", message);
  warnings_.push_back(std::move(message));
}

Result<void> HistoryStore::open_index() {
  HistoryIndex& index = ports_->history;
  auto opened = index.open(index_path_);
  if (!opened && opened.error().code == ErrorCode::malformed_input) {
    warn(opened.error().message + "; rebuilding it from " + archive_dir_);
    return index.reset();
  }
  return opened;
}

Result<void> HistoryStore::sync(const std::vector<std::string>& files) {
  HistoryIndex& index = ports_->history;
  auto stamps = index.stamps();
  if (!stamps) {
    return stamps.error();
  }
  std::map<std::string, ArchiveStamp> known;
  for (auto& stamp : *stamps) {
    known.emplace(stamp.day, std::move(stamp));
  }
  std::set<std::string> present;
  std::vector<ArchiveStamp> moved;
  for (const auto& file : files) {
    const std::string day = day_of(file);
    present.insert(day);
    const auto it = known.find(day);
    if (auto indexed = index_file(
            day, file, it == known.end() ? std::nullopt : std::optional(it->second), moved);
        !indexed) {
      return indexed;
    }
  }
  if (!moved.empty()) {
    if (auto restamped = index.restamp(moved); !restamped) {
      return restamped;
    }
  }
  for (const auto& [day, stamp] : known) {
    if (present.count(day) == 0) {
      if (auto removed = index.remove_day(day); !removed) {
        return removed;
      }
    }
  }
  return {};
}

// Indexes one archive file unless the index already holds this version of it.
Result<void> HistoryStore::index_file(const std::string& day, const std::string& path,
                                      const std::optional<ArchiveStamp>& known,
                                      std::vector<ArchiveStamp>& moved) {
  auto stat = ports_->fs.stat(path);
  if (!stat) {
    return stat.error();
  }
  if (known && known->file == *stat && !known->hash.empty()) {
    return {};
  }
  auto bytes = ports_->fs.read(path);
  if (!bytes) {
    return bytes.error();
  }
  ArchiveStamp stamp{day, *stat, content_hash(*bytes)};
  if (known && known->hash == stamp.hash) {
    moved.push_back(std::move(stamp));
    return {};
  }
  ArchiveDay parsed = read_archive_day(*bytes, path);
  for (const auto& skipped : parsed.skipped) {
    warn(skipped.reason + " (line skipped)");
  }
  return ports_->history.put_day(stamp, parsed.records, parsed.lines);
}

Result<void> HistoryStore::guarded(const std::function<Result<void>()>& call) {
  auto answer = call();
  if (answer || answer.error().code != ErrorCode::malformed_input) {
    return answer;
  }
  warn(answer.error().message + "; rebuilding it from " + archive_dir_);
  if (auto reset = ports_->history.reset(); !reset) {
    return reset;
  }
  if (auto synced = sync(files_); !synced) {
    return synced;
  }
  if (staged_) {
    if (auto restaged = ports_->history.put_day(ArchiveStamp{staged_->day, {}, ""},
                                                staged_->records, archive_lines(staged_->bytes));
        !restaged) {
      return restaged;
    }
  }
  return call();
}

Result<ShownHistory> HistoryStore::shown_before(const std::string& day,
                                                const std::vector<std::string>& ids) {
  return guarded_answer<ShownHistory>([&] { return ports_->history.shown_before(day, ids); });
}

Result<std::vector<ArchiveRecord>> HistoryStore::day_records(const std::string& day) {
  return guarded_answer<std::vector<ArchiveRecord>>(
      [&] { return ports_->history.day_records(day); });
}

Result<std::vector<DayKeywordCounts>> HistoryStore::keyword_counts(
    const std::vector<std::string>& days) {
  return guarded_answer<std::vector<DayKeywordCounts>>(
      [&] { return ports_->history.keyword_counts(days); });
}

Result<std::optional<Summary>> HistoryStore::cached_summary(const SummaryKey& key,
                                                            const std::string& preferred_day) {
  return guarded_answer<std::optional<Summary>>(
      [&] { return ports_->history.find_summary(key, preferred_day); });
}

Result<void> HistoryStore::stage_day(const std::string& day,
                                     const std::vector<ArchiveRecord>& records) {
  staged_ = StagedDay{day, archived_records(records), write_archive(records)};
  return guarded([&] {
    return ports_->history.put_day(ArchiveStamp{day, {}, ""}, staged_->records,
                                   archive_lines(staged_->bytes));
  });
}

Result<RelatedByPaper> HistoryStore::related(const std::vector<ArchiveRecord>& records,
                                             const RelatedOptions& options) {
  RelatedByPaper related;
  for (const ArchiveRecord* record : ranked_records(records)) {
    auto answer = guarded_answer<std::vector<RelatedPaper>>(
        [&] { return ports_->history.related(record->paper, options); });
    if (!answer) {
      return answer.error();
    }
    related[record->paper.id] = std::move(answer.value());
  }
  return related;
}

Result<void> HistoryStore::write_day(const std::string& day,
                                     const std::vector<ArchiveRecord>& records) {
  std::vector<ArchiveRecord> archived = archived_records(records);
  // A copy, not a move: should the write fail, the staged day must stay whole for a rebuild.
  const std::string bytes = is_staged(day, archived) ? staged_->bytes : write_archive(records);
  return write_and_index(day, bytes, archived, archive_lines(bytes));
}

bool HistoryStore::is_staged(const std::string& day,
                             const std::vector<ArchiveRecord>& archived) const {
  return staged_ && staged_->day == day && staged_->records == archived;
}

Result<void> HistoryStore::write_and_index(const std::string& day, const std::string& bytes,
                                           const std::vector<ArchiveRecord>& archived,
                                           const std::vector<std::string_view>& lines) {
  const std::string path = archive_path(day);
  if (auto written = ports_->fs.write_atomic(path, bytes); !written) {
    return written;
  }
  if (std::find(days_.begin(), days_.end(), day) == days_.end()) {
    days_.insert(std::upper_bound(days_.begin(), days_.end(), day), day);
    files_.insert(std::upper_bound(files_.begin(), files_.end(), path), path);
  }
  auto stat = ports_->fs.stat(path);
  if (!stat) {
    return stat.error();
  }
  const ArchiveStamp stamp{day, *stat, content_hash(bytes)};
  const bool staged = is_staged(day, archived);
  staged_.reset();
  return guarded([&] {
    return staged ? ports_->history.restamp({stamp})
                  : ports_->history.put_day(stamp, archived, lines);
  });
}

Result<std::size_t> HistoryStore::store_summaries(const std::string& day,
                                                  const std::map<std::string, Summary>& summaries,
                                                  const std::vector<ArchiveRecord>* first_records) {
  const std::string path = archive_path(day);
  if (summaries.empty() || !is_iso_date(day)) {
    return std::size_t{0};
  }
  std::size_t stored = 0;
  auto with_summary = [&](ArchiveRecord& record) {
    if (const auto it = summaries.find(versioned_id(record.paper)); it != summaries.end()) {
      record.summary = it->second;
      sanitize_summary(*record.summary, record.paper.abstract);  // a batch's lines come raw
      ++stored;
    }
  };
  if (!ports_->fs.exists(path)) {
    if (first_records == nullptr) {
      return std::size_t{0};
    }
    std::vector<ArchiveRecord> records = *first_records;
    std::for_each(records.begin(), records.end(), with_summary);
    if (stored == 0) {
      return stored;
    }
    if (auto written = write_day(day, records); !written) {
      return written.error();
    }
    return stored;
  }
  auto bytes = ports_->fs.read(path);
  if (!bytes) {
    return bytes.error();
  }
  std::string rewritten;
  std::vector<ArchiveRecord> archived;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // each record's line in `rewritten`
  std::string_view rest = *bytes;
  while (!rest.empty()) {
    const auto newline = rest.find('\n');
    const std::string_view line = rest.substr(0, newline);
    rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
    ArchiveDay parsed = read_archive_day(line, path);
    if (parsed.records.size() != 1) {
      rewritten.append(line).append("\n");  // blank or unreadable: kept as it was
      continue;
    }
    ArchiveRecord& record = parsed.records.front();
    const std::size_t before = stored;
    const std::size_t start = rewritten.size();
    with_summary(record);
    if (stored > before) {
      record = archived_form(std::move(record));
      rewritten += write_archive({record});
    } else {
      rewritten.append(line).append("\n");
    }
    spans.emplace_back(start, rewritten.size() - start - 1);
    archived.push_back(std::move(record));
  }
  if (stored == 0) {
    return stored;
  }
  std::vector<std::string_view> lines;
  for (const auto& [start, length] : spans) {
    lines.push_back(std::string_view(rewritten).substr(start, length));
  }
  if (auto written = write_and_index(day, rewritten, archived, lines); !written) {
    return written.error();
  }
  return stored;
}

Result<std::string> chosen_archive_day(const std::string& date_option,
                                       const HistoryStore& history) {
  if (!date_option.empty()) {
    return date_option;
  }
  if (history.days().empty()) {
    return Error{ErrorCode::not_found,
                 "no archive in " + history.archive_dir() + " yet: run `arxiv-digest run` first"};
  }
  return history.days().back();
}

}  // namespace arxiv_digest::app
