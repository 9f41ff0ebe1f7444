#include "app/pipeline/digest_output.hpp"

#include <spdlog/spdlog.h>

#include "app/pipeline/digest_files.hpp"
#include "core/util/date.hpp"

namespace arxiv_digest::app {

std::string archive_path(const RunContext& ctx, const std::string& date) {
  return ctx.workspace.resolve(ctx.workspace.config.output.archive_dir) + "/" + date + ".jsonl";
}

std::string state_dir(const RunContext& ctx) {
  return ctx.workspace.resolve(ctx.workspace.config.output.state_dir);
}

std::string readme_path(const RunContext& ctx) {
  return ctx.options.output.empty() ? ctx.workspace.resolve(ctx.workspace.config.output.readme)
                                    : ctx.options.output;
}

Result<void> write_output(RunContext& ctx, const std::string& path, std::string_view bytes) {
  if (auto written = ctx.ports.fs.write_atomic(path, bytes); !written) {
    return written;
  }
  ctx.written.push_back(path);
  return {};
}

Result<void> write_status(RunContext& ctx) {
  ctx.status.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(ctx.ports.clock.now() - ctx.started)
          .count();
  const std::string path =
      ctx.workspace.resolve(ctx.workspace.config.output.state_dir) + "/last_run.json";
  return ctx.ports.fs.write_atomic(path, write_run_status(ctx.status));
}

namespace {

// The page around the papers; entries are added by the caller.
ReadmeView readme_view(const RunContext& ctx) {
  ReadmeView view;
  view.last_updated = utc_timestamp(ctx.started);
  view.digest_date = ctx.status.digest_date;
  view.categories = ctx.workspace.config.categories;
  for (const auto& keyword : ctx.workspace.config.keywords) {
    view.keywords.push_back(keyword.term);
  }
  view.status_line = status_line(ctx.status);
  return view;
}

// A clean run whose digest says what the README already says need not touch it (a scheduled
// rerun then commits nothing); a run with failures rewrites it so its status shows them.
bool nothing_to_report(const RunStatus& status) {
  return status.outcome == RunOutcome::ok && status.message.empty() &&
         status.summary_stats.not_summarized.empty();
}

}  // namespace

// Nothing new: keep the previous digest, refresh only its status line (difference 9).
Result<void> keep_previous_readme(RunContext& ctx, const ReadmeTemplates& templates) {
  const std::string path = readme_path(ctx);
  if (!ctx.ports.fs.exists(path)) {
    auto text = render_readme(readme_view(ctx), templates);
    if (!text) {
      return text.error();
    }
    return write_output(ctx, path, *text);
  }
  auto previous = ctx.ports.fs.read(path);
  if (!previous) {
    return previous.error();
  }
  auto updated = replace_status_line(*previous, status_line(ctx.status));
  if (!updated) {
    spdlog::warn("{}: left unchanged: {}", path, updated.error().message);
    return {};
  }
  return write_output(ctx, path, *updated);
}

Result<void> write_digest(RunContext& ctx, const std::vector<ArchiveRecord>& records,
                          const ReadmeTemplates& templates) {
  ReadmeView view = readme_view(ctx);
  for (const auto& record : records) {
    if (record.rank) {
      view.entries.push_back(make_digest_entry(record.paper, *record.rank, record.summary));
    }
  }
  auto text = render_readme(view, templates);
  if (!text) {
    return text.error();
  }
  // Daily digest, cards, feed.xml, digest.json: rendered before anything is written.
  auto files = render_digest_files(ctx, records);
  if (!files) {
    return files.error();
  }
  if (auto written =
          write_output(ctx, archive_path(ctx, ctx.status.digest_date), write_archive(records));
      !written) {
    return written;
  }
  if (auto written = write_digest_files(ctx, *files); !written) {
    return written;
  }
  const std::string path = readme_path(ctx);
  if (ctx.ports.fs.exists(path)) {
    auto previous = ctx.ports.fs.read(path);
    if (previous && nothing_to_report(ctx.status) &&
        same_digest(*previous, *text, view.last_updated)) {
      spdlog::info("{}: the digest is unchanged; left as it was", path);
      return {};
    }
  }
  return write_output(ctx, path, *text);
}

ExitCode fail(RunContext& ctx, const Error& error) {
  spdlog::error("{}", error.message);
  ctx.status.outcome = RunOutcome::failed;
  ctx.status.message = error.message;
  if (auto written = write_status(ctx); !written) {
    spdlog::error("{}", written.error().message);
  }
  if (ctx.written.empty()) {
    spdlog::error("run failed; README and archive were left as they were");
  } else {
    std::string files;
    for (const auto& path : ctx.written) {
      files += (files.empty() ? "" : ", ") + path;
    }
    spdlog::error("run failed after writing {}; every other file was left as it was", files);
  }
  return ExitCode::failed;
}

}  // namespace arxiv_digest::app
