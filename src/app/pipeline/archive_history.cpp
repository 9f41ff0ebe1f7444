#include "app/pipeline/archive_history.hpp"

#include <filesystem>

#include "core/util/date.hpp"

namespace arxiv_digest::app {

Result<History> load_history(RunContext& ctx, const std::string& today) {
  History history;
  const std::string dir = ctx.workspace.resolve(ctx.workspace.config.output.archive_dir);
  if (!ctx.ports.fs.exists(dir)) {
    return history;
  }
  auto files = ctx.ports.fs.list(dir, ".jsonl");
  if (!files) {
    return files.error();
  }
  for (const auto& path : *files) {
    const std::string date = std::filesystem::path(path).stem().string();
    if (!is_iso_date(date) || date > today) {
      continue;
    }
    auto text = ctx.ports.fs.read(path);
    if (!text) {
      return text.error();
    }
    auto records = parse_archive(*text, path);
    if (!records) {
      return records.error();
    }
    if (date == today) {
      history.today = std::move(records.value());
    } else {
      add_shown(*records, history.shown);
      for (auto& record : *records) {
        if (record.summary) {
          history.summarized_earlier.push_back(std::move(record));
        }
      }
    }
  }
  return history;
}

void carry_over_summaries(const std::vector<ArchiveRecord>& previous,
                          std::vector<ArchiveRecord>& records) {
  for (auto& record : records) {
    for (const auto& old : previous) {
      if (old.summary && old.paper.id == record.paper.id &&
          old.paper.version == record.paper.version) {
        record.summary = old.summary;
      }
    }
  }
}

}  // namespace arxiv_digest::app
