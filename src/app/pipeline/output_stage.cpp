#include "app/pipeline/output_stage.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "app/rollups/rollups.hpp"
#include "app/site/site_writer.hpp"
#include "app/template_loader.hpp"
#include "app/version.hpp"
#include "arxiv_digest/atom_feed.hpp"
#include "arxiv_digest/daily_digest.hpp"
#include "arxiv_digest/digest_json.hpp"
#include "arxiv_digest/paper_cards.hpp"
#include "core/util/date.hpp"

namespace arxiv_digest::app {
namespace {

struct OutputFile {
  std::string path;
  std::string bytes;
};

// The page around the papers; entries are added by the caller.
ReadmeView readme_view(const OutputRequest& request, const Config& config) {
  ReadmeView view;
  view.last_updated = utc_timestamp(request.started);
  view.digest_date = request.day;
  view.categories = config.categories;
  for (const auto& keyword : config.keywords) {
    view.keywords.push_back(keyword.term);
  }
  view.status_line = request.status_line;
  return view;
}

std::string joined_categories(const Config& config, const std::string& first,
                              const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < config.categories.size(); ++i) {
    out += (i == 0 ? first : separator) + config.categories[i];
  }
  return out;
}

// `records` with each shown paper's related papers, found in the index when the cards or the
// site show them (and archived with the day, so its pages never need the search again).
Result<std::vector<ArchiveRecord>> with_related(std::vector<ArchiveRecord> records,
                                                const OutputRequest& request,
                                                const Workspace& workspace, HistoryStore& history) {
  const OutputConfig& output = workspace.config.output;
  if (!output.cards_enabled && !output.site_enabled) {
    return records;
  }
  // Today's papers are each other's relatives too, as they will be once archived.
  if (auto staged = history.stage_day(request.day, records); !staged) {
    return staged.error();
  }
  auto related = history.related(records, RelatedOptions{});
  if (!related) {
    return related.error();
  }
  for (ArchiveRecord& record : records) {
    if (const auto found = related->find(record.paper.id); record.rank && found != related->end()) {
      record.related = found->second;
    }
  }
  return records;
}

// Daily digest, cards, feed.xml and digest.json, each when enabled; nothing written.
Result<std::vector<OutputFile>> render_digest_files(const std::vector<ArchiveRecord>& records,
                                                    const OutputRequest& request,
                                                    const Workspace& workspace, FileSystem& fs) {
  const Config& config = workspace.config;
  const OutputConfig& output = config.output;
  const std::string digests_dir = workspace.resolve(output.digests_dir);
  std::vector<OutputFile> files;
  if (output.daily_digest_enabled) {
    auto source = load_template(fs, workspace, "daily_digest.md.mustache");
    if (!source) {
      return source.error();
    }
    auto text = render_daily_digest(records, config.categories, *source);
    if (!text) {
      return text.error();
    }
    files.push_back({digests_dir + "/" + request.day + ".md", std::move(text.value())});
  }
  if (output.cards_enabled) {
    auto source = load_template(fs, workspace, "paper_cards.md.mustache");
    if (!source) {
      return source.error();
    }
    auto text = render_paper_cards(records, related_of(records), *source);
    if (!text) {
      return text.error();
    }
    files.push_back({digests_dir + "/" + request.day + ".cards.md", std::move(text.value())});
  }
  if (output.feed_enabled) {
    AtomFeedOptions feed;
    // A stable feed id for a workspace: the categories it follows ("cs.AI+cs.LG").
    feed.id = "urn:arxiv-digest:" + joined_categories(config, "", "+");
    feed.title = "arXiv digest" + joined_categories(config, ": ", ", ");
    feed.self_link = output.feed;
    feed.updated = iso8601_utc(request.started);
    feed.generator_version = std::string(version());
    files.push_back({workspace.resolve(output.feed), write_atom_feed(records, feed)});
    files.push_back({workspace.resolve(output.digest_json),
                     write_digest_json(make_digest_json(records, request.day, feed.updated))});
  }
  return files;
}

// How the README links to `image`: relative to the README's folder, as GitHub resolves it.
std::string image_link(const std::string& readme_path, const std::string& image) {
  const std::filesystem::path relative = std::filesystem::path(image).lexically_relative(
      std::filesystem::path(readme_path).parent_path());
  return relative.empty() ? image : relative.generic_string();
}

Outputs failed(Outputs outputs, Error error) {
  outputs.failure = std::move(error);
  return outputs;
}

}  // namespace

std::string readme_path(const Workspace& workspace, const std::string& output_option) {
  return output_option.empty() ? workspace.resolve(workspace.config.output.readme) : output_option;
}

Outputs write_digest(const std::vector<ArchiveRecord>& selected, const OutputRequest& request,
                     const Workspace& workspace, const ReadmeTemplates& templates,
                     HistoryStore& history, Ports& ports) {
  Outputs outputs;
  auto found = with_related(selected, request, workspace, history);
  if (!found) {
    return failed(std::move(outputs), found.error());
  }
  const std::vector<ArchiveRecord>& records = *found;
  ReadmeView view = readme_view(request, workspace.config);
  for (const ArchiveRecord* record : ranked_records(records)) {
    view.entries.push_back(make_digest_entry(record->paper, *record->rank, record->summary));
  }
  auto rollups = render_run_rollups(request.day, records, workspace, history, ports.fs);
  if (!rollups) {
    return failed(std::move(outputs), rollups.error());
  }
  if (rollups->trends) {
    view.trends_image = image_link(request.readme_path, trends_path(workspace));
  }
  auto readme = render_readme(view, templates);
  if (!readme) {
    return failed(std::move(outputs), readme.error());
  }
  auto files = render_digest_files(records, request, workspace, ports.fs);
  if (!files) {
    return failed(std::move(outputs), files.error());
  }
  if (auto written = history.write_day(request.day, records); !written) {
    return failed(std::move(outputs), written.error());
  }
  outputs.written.push_back(history.archive_path(request.day));
  for (const auto& file : *files) {
    if (auto written = ports.fs.write_atomic(file.path, file.bytes); !written) {
      return failed(std::move(outputs), written.error());
    }
    outputs.written.push_back(file.path);
  }
  for (const auto& file : rollups->files) {
    if (auto written = ports.fs.write_atomic(file.path, file.bytes); !written) {
      return failed(std::move(outputs), written.error());
    }
    outputs.written.push_back(file.path);
  }
  outputs.weekly = rollups->weekly;
  if (workspace.config.output.site_enabled) {
    // After the archive day is written: the site is built from the archive.
    auto site = build_site(history, workspace, ports);
    if (!site) {
      return failed(std::move(outputs), site.error());
    }
    outputs.written.insert(outputs.written.end(), site->begin(), site->end());
  }
  const std::string& path = request.readme_path;
  if (request.clean && ports.fs.exists(path)) {
    auto previous = ports.fs.read(path);
    if (previous && same_digest(*previous, *readme, view.last_updated)) {
      spdlog::info("{}: the digest is unchanged; left as it was", path);
      return outputs;
    }
  }
  if (auto written = ports.fs.write_atomic(path, *readme); !written) {
    return failed(std::move(outputs), written.error());
  }
  outputs.written.push_back(path);
  return outputs;
}

Outputs keep_previous_digest(const OutputRequest& request, const Workspace& workspace,
                             const ReadmeTemplates& templates, FileSystem& fs) {
  Outputs outputs;
  const std::string& path = request.readme_path;
  std::string text;
  if (!fs.exists(path)) {
    auto page = render_readme(readme_view(request, workspace.config), templates);
    if (!page) {
      return failed(std::move(outputs), page.error());
    }
    text = std::move(page.value());
  } else {
    auto previous = fs.read(path);
    if (!previous) {
      return failed(std::move(outputs), previous.error());
    }
    auto updated = replace_status_line(*previous, request.status_line);
    if (!updated) {
      spdlog::warn("{}: left unchanged: {}", path, updated.error().message);
      return outputs;
    }
    text = std::move(updated.value());
  }
  if (auto written = fs.write_atomic(path, text); !written) {
    return failed(std::move(outputs), written.error());
  }
  outputs.written.push_back(path);
  return outputs;
}

}  // namespace arxiv_digest::app
