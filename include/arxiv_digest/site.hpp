#pragma once
// The static site (DESIGN.md "Outputs"): one HTML page per archive day, index.html (the newest
// day), archive.html (every day, newest first) and a JSON search index, from Mustache templates
// under templates/site/. Pure: the caller reads the archive and writes the pages.
//
// Safety does not depend on the templates: every string from arXiv or the LLM is HTML-escaped
// before it enters a template's context, summaries are rendered by cmark-gfm with raw HTML off,
// and a link is kept only when it points to https://arxiv.org/ or appears in the paper's own
// abstract (see docs/ARCHITECTURE.md "The site").

#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/paper_cards.hpp"
#include "arxiv_digest/result.hpp"
#include "arxiv_digest/weekly.hpp"

namespace arxiv_digest {

// templates/site/*.mustache: the page around a body, a day's body, one paper, the archive body,
// a week's body.
struct SiteTemplates {
  std::string page;
  std::string day;
  std::string paper;
  std::string archive;
  std::string week;
};

// One archive day as the site shows it (each shown paper with the related papers archived with it).
struct SiteDay {
  std::string date;  // YYYY-MM-DD
  std::vector<ArchiveRecord> records;
};

// A line of the archive page.
struct SiteDayLine {
  std::string date;
  std::size_t papers = 0;
};

// Links the pages carry to files other outputs may have written ("" when absent).
struct SiteLinks {
  std::string trends_image;               // e.g. "trends.svg", shown on index and archive
  std::vector<std::string> weekly_pages;  // e.g. "2026-W07.html", newest first
};

// "https://arxiv.org/..." links and the http(s) URLs written in `abstract`: the only links a
// paper's page may carry.
bool is_allowed_link(std::string_view url, std::string_view abstract);

// Markdown to HTML with cmark-gfm's safe defaults (raw HTML and javascript: URLs dropped, the
// tagfilter extension on); links not allowed by is_allowed_link(abstract) keep only their text,
// images only their alt text.
std::string markdown_to_safe_html(std::string_view markdown, std::string_view abstract);

// site/YYYY-MM-DD.html (and index.html, which is the newest day's page with `is_index`).
Result<std::string> render_site_day(const SiteDay& day, const SiteLinks& links,
                                    const SiteTemplates& templates, bool is_index);

// site/YYYY-Www.html: the weekly roll-up's papers, best first, as the day pages show papers.
Result<std::string> render_site_week(const WeeklyRollup& rollup, const SiteTemplates& templates);

// "2026-W07.html": a week's page in the site folder.
std::string site_week_page(IsoWeek week);

// site/archive.html: `days` newest first.
Result<std::string> render_site_archive(const std::vector<SiteDayLine>& days,
                                        const SiteLinks& links, const SiteTemplates& templates);

// site/search-index.json: one object per digest paper of every day (date, id, title, authors,
// categories, keywords, url, page), newest day first; matches tests/site/search_index.schema.json.
std::string write_search_index(const std::vector<SiteDay>& days);

}  // namespace arxiv_digest
