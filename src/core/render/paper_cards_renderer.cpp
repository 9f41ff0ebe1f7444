#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>

#include "arxiv_digest/paper_cards.hpp"
#include "core/feeds/xml_support.hpp"
#include "core/render/mustache_render.hpp"
#include "core/util/date.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

// A card line holds one line of text: a Markdown summary's lines are joined by spaces.
mstch::node abstract_summary(const std::optional<Summary>& summary) {
  if (!summary) {
    return false;
  }
  const std::string& text = summary->fields && !trim(summary->fields->tldr).empty()
                                ? summary->fields->tldr
                                : summary->text;
  std::string line = collapse_whitespace(text);
  if (line.empty()) {
    return false;
  }
  return mstch::map{{"text", neutralize_collapsible_tags(line)}};
}

mstch::map card_context(const ArchiveRecord& record, const RelatedByPaper& related_by_paper,
                        bool first) {
  const Paper& paper = record.paper;
  mstch::array related;
  const auto found = related_by_paper.find(paper.id);
  for (const auto& other :
       found == related_by_paper.end() ? std::vector<RelatedPaper>{} : found->second) {
    related.push_back(mstch::map{{"title", escape_angle_brackets(collapse_whitespace(other.title))},
                                 {"similarity", format_similarity(other.similarity)},
                                 {"link", other.link},
                                 {"published", other.published}});
  }
  mstch::node license = false;
  if (!paper.license.empty()) {
    license = mstch::map{{"url", paper.license}};
  }
  return mstch::map{
      {"first", first},
      {"title", escape_angle_brackets(collapse_whitespace(paper.title))},
      {"url", paper.link + "v" + std::to_string(paper.version)},
      {"date", card_date(paper.published)},
      {"authors", escape_angle_brackets(join(paper.authors, ", "))},
      {"abstract_summary", abstract_summary(record.summary)},
      {"score", card_score(paper.score)},
      {"license", license},
      {"abstract", escape_angle_brackets(collapse_whitespace(paper.abstract))},
      {"has_related", !related.empty()},
      {"related", std::move(related)},
  };
}

}  // namespace

std::string card_date(const std::string& iso_date) {
  if (!is_iso_date(iso_date)) {
    return iso_date;
  }
  static constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                            "Thu", "Fri", "Sat"};
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int year = std::stoi(iso_date.substr(0, 4));
  const unsigned month = static_cast<unsigned>(std::stoi(iso_date.substr(5, 2)));
  const unsigned day = static_cast<unsigned>(std::stoi(iso_date.substr(8, 2)));
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                         std::chrono::day{day}};
  const std::chrono::weekday weekday{std::chrono::sys_days{date}};
  return std::string(kDays[weekday.c_encoding()]) + ", " + iso_date.substr(8, 2) + " " +
         std::string(kMonths[month - 1]) + " " + iso_date.substr(0, 4);
}

std::string card_score(double score) {
  std::array<char, 32> buffer{};
  const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), score);
  return error == std::errc() ? std::string(buffer.data(), end) : std::string("0");
}

RelatedByPaper related_of(const std::vector<ArchiveRecord>& records) {
  RelatedByPaper out;
  for (const ArchiveRecord* record : ranked_records(records)) {
    if (!record->related.empty()) {
      out[record->paper.id] = record->related;
    }
  }
  return out;
}

Result<std::string> render_paper_cards(const std::vector<ArchiveRecord>& records,
                                       const RelatedByPaper& related,
                                       const std::string& template_source) {
  mstch::array cards;
  for (const ArchiveRecord* record : ranked_records(records)) {
    cards.push_back(card_context(*record, related, cards.empty()));
  }
  return render_template(template_source, mstch::map{{"cards", std::move(cards)}},
                         "paper_cards.md.mustache");
}

}  // namespace arxiv_digest
