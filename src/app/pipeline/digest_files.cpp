#include "app/pipeline/digest_files.hpp"

#include <filesystem>

#include "app/template_loader.hpp"
#include "app/version.hpp"
#include "arxiv_digest/atom_feed.hpp"
#include "arxiv_digest/daily_digest.hpp"
#include "arxiv_digest/digest_json.hpp"
#include "arxiv_digest/paper_cards.hpp"
#include "arxiv_digest/related_papers.hpp"
#include "core/util/date.hpp"

namespace arxiv_digest::app {
namespace {

// One pass over the archive: each earlier day's file is parsed, added and dropped, so memory
// holds term counts, not records. Today's file is skipped: `records` replace it.
Result<void> index_archive(RunContext& ctx, const std::string& today, RelatedPapersIndex& index) {
  const std::string dir = ctx.workspace.resolve(ctx.workspace.config.output.archive_dir);
  if (ctx.ports.fs.exists(dir)) {
    auto files = ctx.ports.fs.list(dir, ".jsonl");
    if (!files) {
      return files.error();
    }
    for (const auto& path : *files) {
      const std::string date = std::filesystem::path(path).stem().string();
      if (!is_iso_date(date) || date >= today) {
        continue;
      }
      auto text = ctx.ports.fs.read(path);
      if (!text) {
        return text.error();
      }
      auto earlier = parse_archive(*text, path);
      if (!earlier) {
        return earlier.error();
      }
      for (const auto& record : *earlier) {
        index.add(record.paper);
      }
    }
  }
  return {};
}

Result<std::string> render_cards(RunContext& ctx, const std::vector<ArchiveRecord>& records) {
  auto source = load_template(ctx.ports.fs, ctx.workspace, "paper_cards.md.mustache");
  if (!source) {
    return source.error();
  }
  RelatedPapersIndex index;
  if (auto indexed = index_archive(ctx, ctx.status.digest_date, index); !indexed) {
    return indexed.error();
  }
  for (const auto& record : records) {
    index.add(record.paper);
  }
  index.finish();
  return render_paper_cards(records, index, RelatedOptions{}, *source);
}

std::string feed_title(const Config& config) {
  std::string title = "arXiv digest";
  for (std::size_t i = 0; i < config.categories.size(); ++i) {
    title += (i == 0 ? ": " : ", ") + config.categories[i];
  }
  return title;
}

// A stable feed id for a workspace: the categories it follows ("cs.AI+cs.LG").
std::string feed_id_suffix(const Config& config) {
  std::string suffix;
  for (const auto& category : config.categories) {
    suffix += (suffix.empty() ? "" : "+") + category;
  }
  return suffix;
}

}  // namespace

Result<std::vector<OutputFile>> render_digest_files(RunContext& ctx,
                                                    const std::vector<ArchiveRecord>& records) {
  const OutputConfig& output = ctx.workspace.config.output;
  const std::string& date = ctx.status.digest_date;
  const std::string digests_dir = ctx.workspace.resolve(output.digests_dir);
  std::vector<OutputFile> files;
  if (output.daily_digest_enabled) {
    auto source = load_template(ctx.ports.fs, ctx.workspace, "daily_digest.md.mustache");
    if (!source) {
      return source.error();
    }
    auto text = render_daily_digest(records, ctx.workspace.config.categories, *source);
    if (!text) {
      return text.error();
    }
    files.push_back({digests_dir + "/" + date + ".md", std::move(text.value())});
  }
  if (output.cards_enabled) {
    auto text = render_cards(ctx, records);
    if (!text) {
      return text.error();
    }
    files.push_back({digests_dir + "/" + date + ".cards.md", std::move(text.value())});
  }
  if (output.feed_enabled) {
    AtomFeedOptions feed;
    feed.id = "urn:arxiv-digest:" + feed_id_suffix(ctx.workspace.config);
    feed.title = feed_title(ctx.workspace.config);
    feed.self_link = output.feed;
    feed.updated = iso8601_utc(ctx.started);
    feed.generator_version = std::string(version());
    files.push_back({ctx.workspace.resolve(output.feed), write_atom_feed(records, feed)});
    files.push_back({ctx.workspace.resolve(output.digest_json),
                     write_digest_json(make_digest_json(records, date, feed.updated))});
  }
  return files;
}

Result<void> write_digest_files(RunContext& ctx, const std::vector<OutputFile>& files) {
  for (const auto& file : files) {
    if (auto written = write_output(ctx, file.path, file.bytes); !written) {
      return written;
    }
  }
  return {};
}

}  // namespace arxiv_digest::app
