// The site's pages. Every value put into a template's context is already HTML: text from arXiv
// or the LLM goes through escape_html here, summaries through markdown_to_safe_html, so an
// overriding template cannot unescape anything ({{x}} and {{{x}}} print the same).

#include <cctype>
#include <nlohmann/json.hpp>

#include "arxiv_digest/site.hpp"
#include "core/render/mustache_render.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

constexpr std::string_view kArxivAbs = "https://arxiv.org/abs/";
constexpr std::string_view kArxivPdf = "https://arxiv.org/pdf/";

// An arXiv id as it may appear in a URL path; anything else is percent-free garbage to drop.
std::string url_safe_id(std::string_view id) {
  std::string out;
  for (const char c : id) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '/' || c == '-') {
      out += c;
    }
  }
  return out;
}

std::string abs_url(const Paper& paper) {
  if (paper.link.starts_with(kArxivAbs)) {
    return escape_html(paper.link);
  }
  return escape_html(std::string(kArxivAbs) + url_safe_id(paper.id));
}

std::string pdf_url(const Paper& paper) {
  if (paper.pdf_link.starts_with(kArxivPdf)) {
    return escape_html(paper.pdf_link);
  }
  return escape_html(std::string(kArxivPdf) + url_safe_id(versioned_id(paper)));
}

// The id attribute of a paper's element: letters, digits and '-' only.
std::string anchor_of(std::string_view id) {
  std::string out = "p-";
  for (const char c : id) {
    out += std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '-';
  }
  return out;
}

std::string where_matched(const KeywordMatch& match) {
  if (match.in_title && match.in_abstract) {
    return "title and abstract";
  }
  return match.in_title ? "title" : "abstract";
}

std::string related_url(const RelatedPaper& related) {
  if (related.link.starts_with(kArxivAbs)) {
    return escape_html(related.link);
  }
  return escape_html(std::string(kArxivAbs) + url_safe_id(related.id));
}

mstch::map paper_context(const ArchiveRecord& record) {
  const Paper& paper = record.paper;
  mstch::array categories;
  for (const auto& category : paper.categories) {
    categories.emplace_back(escape_html(category));
  }
  mstch::array matches;
  for (const auto& match : paper.matches) {
    matches.emplace_back(mstch::map{{"keyword", escape_html(match.keyword)},
                                    {"points", format_score(match.points)},
                                    {"where", where_matched(match)}});
  }
  mstch::array related;
  for (const auto& other : record.related) {
    related.emplace_back(mstch::map{{"title", escape_html(collapse_whitespace(other.title))},
                                    {"url", related_url(other)},
                                    {"date", escape_html(other.published)},
                                    {"similarity", format_similarity(other.similarity)}});
  }
  const bool has_summary = record.summary && !trim(record.summary->text).empty();
  return mstch::map{
      {"rank", record.rank.value_or(0)},
      {"anchor", anchor_of(paper.id)},
      {"id", escape_html(versioned_id(paper))},
      {"title", escape_html(collapse_whitespace(paper.title))},
      {"url", abs_url(paper)},
      {"pdf_url", pdf_url(paper)},
      {"authors", escape_html(join(paper.authors, ", "))},
      {"categories", std::move(categories)},
      {"score", format_score(paper.score)},
      {"matches", std::move(matches)},
      {"has_summary", has_summary},
      {"summary_html",
       has_summary ? mstch::node(markdown_to_safe_html(record.summary->text, paper.abstract))
                   : mstch::node(std::string())},
      {"summary_model", has_summary ? escape_html(record.summary->model) : std::string()},
      {"abstract", escape_html(collapse_whitespace(paper.abstract))},
      {"has_related", !related.empty()},
      {"related", std::move(related)},
  };
}

mstch::array weekly_context(const SiteLinks& links) {
  mstch::array weekly;
  for (const auto& page : links.weekly_pages) {
    const std::string name = page.substr(0, page.rfind('.'));
    weekly.emplace_back(mstch::map{{"page", escape_html(page)}, {"week", escape_html(name)}});
  }
  return weekly;
}

Result<std::string> render_page(const std::string& title, const std::string& body,
                                const SiteTemplates& templates) {
  return render_template(templates.page, mstch::map{{"title", title}, {"body", body}},
                         "site/page.html.mustache");
}

// The paper blocks of a page, in the order given.
Result<std::string> render_site_papers(const std::vector<const ArchiveRecord*>& records,
                                       const SiteTemplates& templates) {
  std::string papers;
  for (const ArchiveRecord* record : records) {
    auto block =
        render_template(templates.paper, paper_context(*record), "site/paper.html.mustache");
    if (!block) {
      return block.error();
    }
    papers += *block;
  }
  return papers;
}

}  // namespace

Result<std::string> render_site_day(const SiteDay& day, const SiteLinks& links,
                                    const SiteTemplates& templates, bool is_index) {
  const auto ranked = ranked_records(day.records);
  auto papers = render_site_papers(ranked, templates);
  if (!papers) {
    return papers.error();
  }
  const std::string date = escape_html(day.date);
  auto body = render_template(templates.day,
                              mstch::map{{"date", date},
                                         {"count", static_cast<int>(ranked.size())},
                                         {"is_index", is_index},
                                         {"trends_image", escape_html(links.trends_image)},
                                         {"papers", *papers}},
                              "site/day.html.mustache");
  if (!body) {
    return body.error();
  }
  return render_page("arXiv digest " + date, *body, templates);
}

std::string site_week_page(IsoWeek week) { return to_string(week) + ".html"; }

Result<std::string> render_site_week(const WeeklyRollup& rollup, const SiteTemplates& templates) {
  std::vector<const ArchiveRecord*> records;
  for (const auto& record : rollup.papers) {
    records.push_back(&record);
  }
  auto papers = render_site_papers(records, templates);
  if (!papers) {
    return papers.error();
  }
  const std::string name = escape_html(to_string(rollup.week));
  mstch::array days;
  for (const auto& day : rollup.days) {
    days.emplace_back(mstch::map{{"date", escape_html(day)}, {"page", escape_html(day + ".html")}});
  }
  auto body =
      render_template(templates.week,
                      mstch::map{{"week", name},
                                 {"first_day", escape_html(rollup.first_day)},
                                 {"last_day", escape_html(rollup.last_day)},
                                 {"count", static_cast<int>(rollup.papers.size())},
                                 {"without_summary", static_cast<int>(rollup.without_summary)},
                                 {"days", days},
                                 {"papers", *papers}},
                      "site/week.html.mustache");
  if (!body) {
    return body.error();
  }
  return render_page("arXiv digest, week " + name, *body, templates);
}

Result<std::string> render_site_archive(const std::vector<SiteDayLine>& days,
                                        const SiteLinks& links, const SiteTemplates& templates) {
  mstch::array lines;
  for (const auto& day : days) {
    lines.emplace_back(mstch::map{{"date", escape_html(day.date)},
                                  {"page", escape_html(day.date + ".html")},
                                  {"papers", static_cast<int>(day.papers)}});
  }
  const mstch::array weekly = weekly_context(links);
  auto body = render_template(templates.archive,
                              mstch::map{{"days", lines},
                                         {"count", static_cast<int>(days.size())},
                                         {"trends_image", escape_html(links.trends_image)},
                                         {"has_weekly", !weekly.empty()},
                                         {"weekly", weekly}},
                              "site/archive.html.mustache");
  if (!body) {
    return body.error();
  }
  return render_page("arXiv digest: all days", *body, templates);
}

std::string write_search_index(const std::vector<SiteDay>& days) {
  // Escaped once more by the filter when shown; kept as plain text here.
  nlohmann::ordered_json papers = nlohmann::ordered_json::array();
  for (const auto& day : days) {
    for (const ArchiveRecord* record : ranked_records(day.records)) {
      const Paper& paper = record->paper;
      nlohmann::ordered_json keywords = nlohmann::ordered_json::array();
      for (const auto& match : paper.matches) {
        keywords.push_back(match.keyword);
      }
      papers.push_back({{"date", day.date},
                        {"id", versioned_id(paper)},
                        {"title", collapse_whitespace(paper.title)},
                        {"authors", paper.authors},
                        {"categories", paper.categories},
                        {"keywords", std::move(keywords)},
                        {"score", paper.score},
                        {"url", std::string(kArxivAbs) + url_safe_id(paper.id)},
                        {"page", day.date + ".html#" + anchor_of(paper.id)}});
    }
  }
  nlohmann::ordered_json index{{"version", 1}, {"papers", std::move(papers)}};
  return index.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace arxiv_digest
