#include "app/site/site_writer.hpp"

#include <algorithm>

#include "app/rollups/rollups.hpp"
#include "app/template_loader.hpp"
#include "arxiv_digest/site.hpp"

namespace arxiv_digest::app {
namespace {

// Files shipped with the site as they are: its only stylesheet and script.
constexpr const char* kSiteAssets[] = {"style.css", "filter.js"};

Result<SiteTemplates> load_site_templates(FileSystem& fs, const Workspace& workspace) {
  SiteTemplates templates;
  const std::pair<const char*, std::string*> parts[] = {
      {"site/page.html.mustache", &templates.page},
      {"site/day.html.mustache", &templates.day},
      {"site/paper.html.mustache", &templates.paper},
      {"site/archive.html.mustache", &templates.archive},
      {"site/week.html.mustache", &templates.week}};
  for (const auto& [name, target] : parts) {
    auto source = load_template(fs, workspace, name);
    if (!source) {
      return source.error();
    }
    *target = std::move(source.value());
  }
  return templates;
}

struct SiteWriter {
  FileSystem& fs;
  std::string dir;
  std::vector<std::string> written;

  // Writes `name` unless it already holds `bytes`.
  Result<void> put(const std::string& name, const std::string& bytes) {
    const std::string path = dir + "/" + name;
    if (fs.exists(path)) {
      if (auto previous = fs.read(path); previous && *previous == bytes) {
        return {};
      }
    }
    if (auto ok = fs.write_atomic(path, bytes); !ok) {
      return ok.error();
    }
    written.push_back(path);
    return {};
  }
};

// The archive's ISO weeks, newest first, each with its days (newest first, as in `days`).
std::vector<std::pair<IsoWeek, std::vector<const SiteDay*>>> site_weeks(
    const std::vector<SiteDay>& newest_first) {
  std::vector<std::pair<IsoWeek, std::vector<const SiteDay*>>> weeks;
  for (const auto& day : newest_first) {
    const auto week = iso_week_of(day.date);
    if (!week) {
      continue;
    }
    if (weeks.empty() || to_string(weeks.back().first) != to_string(*week)) {
      weeks.push_back({*week, {}});
    }
    weeks.back().second.push_back(&day);
  }
  return weeks;
}

// What the pages link to besides the days: the trends image (copied in from digests_dir) and
// the weekly roll-up pages (output.weekly_enabled).
Result<SiteLinks> site_links(SiteWriter& writer, const Workspace& workspace,
                             const std::vector<SiteDay>& newest_first) {
  SiteLinks links;
  const std::string trends = trends_path(workspace);
  if (workspace.config.output.trends_enabled && writer.fs.exists(trends)) {
    auto svg = writer.fs.read(trends);
    if (!svg) {
      return svg.error();
    }
    if (auto ok = writer.put("trends.svg", *svg); !ok) {
      return ok.error();
    }
    links.trends_image = "trends.svg";
  }
  if (workspace.config.output.weekly_enabled) {
    for (const auto& [week, days] : site_weeks(newest_first)) {
      links.weekly_pages.push_back(site_week_page(week));
    }
  }
  return links;
}

// A page per week of the archive.
Result<void> write_site_weeks(SiteWriter& writer, const std::vector<SiteDay>& newest_first,
                              const Workspace& workspace, const SiteTemplates& templates) {
  if (!workspace.config.output.weekly_enabled) {
    return {};
  }
  const auto max_papers =
      static_cast<std::size_t>(std::max(workspace.config.output.weekly_papers, 1));
  for (const auto& [week, days] : site_weeks(newest_first)) {
    const std::string page = site_week_page(week);
    std::vector<ArchivedDay> archived;
    for (auto it = days.rbegin(); it != days.rend(); ++it) {
      archived.push_back({(*it)->date, (*it)->records});
    }
    auto html = render_site_week(weekly_rollup(week, archived, max_papers), templates);
    if (!html) {
      return html.error();
    }
    if (auto ok = writer.put(page, *html); !ok) {
      return ok.error();
    }
  }
  return {};
}

Result<SiteDay> site_day(HistoryStore& history, const std::string& day) {
  auto records = history.day_records(day);
  if (!records) {
    return records.error();
  }
  return SiteDay{day, std::move(records.value())};
}

}  // namespace

Result<std::vector<std::string>> build_site(HistoryStore& history, const Workspace& workspace,
                                            Ports& ports) {
  const std::vector<std::string>& days = history.days();
  if (days.empty()) {
    return Error{ErrorCode::not_found, "the archive (" + history.archive_dir() + ") has no day"};
  }
  auto templates = load_site_templates(ports.fs, workspace);
  if (!templates) {
    return templates.error();
  }
  SiteWriter writer{ports.fs, workspace.resolve(workspace.config.output.site_dir), {}};
  // Each archive day is read once.
  std::vector<SiteDay> newest_first;
  for (auto it = days.rbegin(); it != days.rend(); ++it) {
    auto site = site_day(history, *it);
    if (!site) {
      return site.error();
    }
    newest_first.push_back(std::move(site.value()));
  }
  auto links = site_links(writer, workspace, newest_first);
  if (!links) {
    return links.error();
  }
  std::vector<SiteDayLine> lines;
  for (std::size_t i = 0; i < newest_first.size(); ++i) {
    const SiteDay& site = newest_first[i];
    lines.push_back({site.date, ranked_records(site.records).size()});
    auto html = render_site_day(site, *links, *templates, false);
    if (!html) {
      return html.error();
    }
    if (auto ok = writer.put(site.date + ".html", *html); !ok) {
      return ok.error();
    }
    if (i == 0) {  // the newest day is also the index
      auto index = render_site_day(site, *links, *templates, true);
      if (!index) {
        return index.error();
      }
      if (auto ok = writer.put("index.html", *index); !ok) {
        return ok.error();
      }
    }
  }
  if (auto weeks = write_site_weeks(writer, newest_first, workspace, *templates); !weeks) {
    return weeks.error();
  }
  auto archive = render_site_archive(lines, *links, *templates);
  if (!archive) {
    return archive.error();
  }
  if (auto ok = writer.put("archive.html", *archive); !ok) {
    return ok.error();
  }
  if (auto ok = writer.put("search-index.json", write_search_index(newest_first)); !ok) {
    return ok.error();
  }
  for (const char* asset : kSiteAssets) {
    auto bytes = load_template(ports.fs, workspace, std::string("site/") + asset);
    if (!bytes) {
      return bytes.error();
    }
    if (auto ok = writer.put(asset, *bytes); !ok) {
      return ok.error();
    }
  }
  return writer.written;
}

}  // namespace arxiv_digest::app
