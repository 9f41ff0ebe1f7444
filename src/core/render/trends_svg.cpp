#include <algorithm>
#include <array>
#include <cstdio>
#include <set>

#include "arxiv_digest/trends.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

// Sizes in px: two columns of charts in an 800 px picture, README width on GitHub.
constexpr double kSvgWidth = 800;
constexpr double kSvgMargin = 16;
constexpr double kSvgHeader = 64;  // title and subtitle
constexpr double kSvgPanelWidth = (kSvgWidth - 3 * kSvgMargin) / 2;
constexpr double kSvgPanelHeight = 150;
constexpr double kSvgAxisWidth = 36;  // count labels left of each plot
constexpr double kSvgPlotTop = 28;    // below the chart's keyword line
constexpr double kSvgPlotHeight = 90;
constexpr double kSvgPlotRightPad = 8;

// Colors that read on the picture's own white background whatever the page around it.
constexpr const char* kSvgInk = "#24292f";
constexpr const char* kSvgMuted = "#57606a";
constexpr const char* kSvgGrid = "#d0d7de";
constexpr const char* kSvgBar = "#0969da";
constexpr const char* kSvgFont = "-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";

// Text for element content or a quoted attribute: XML escapes, and the control characters XML
// 1.0 forbids dropped.
std::string svg_escaped(std::string_view text) {
  std::string kept;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
      kept += c;
    }
  }
  return escape_html(kept);
}

std::string svg_number(double value) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.1f", value);
  return buffer.data();
}

std::string svg_text(double x, double y, const std::string& anchor, int size, const char* color,
                     const std::string& text, bool bold = false) {
  return "<text x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) + "\" text-anchor=\"" + anchor +
         "\" font-size=\"" + std::to_string(size) + "\" fill=\"" + color + "\"" +
         (bold ? " font-weight=\"600\"" : "") + ">" + svg_escaped(text) + "</text>\n";
}

std::string svg_line(double x1, double y1, double x2, double y2, const char* color) {
  return "<line x1=\"" + svg_number(x1) + "\" y1=\"" + svg_number(y1) + "\" x2=\"" +
         svg_number(x2) + "\" y2=\"" + svg_number(y2) + "\" stroke=\"" + color +
         "\" stroke-width=\"1\"/>\n";
}

std::string trend_papers_word(int count) { return count == 1 ? " paper" : " papers"; }

// One keyword's chart, its top left corner at (left, top), counts scaled to `scale_max`.
std::string svg_keyword_chart(const KeywordSeries& series, const std::vector<std::string>& days,
                              double left, double top, int scale_max) {
  const double plot_left = left + kSvgAxisWidth;
  const double plot_width = kSvgPanelWidth - kSvgAxisWidth - kSvgPlotRightPad;
  const double plot_top = top + kSvgPlotTop;
  const double baseline = plot_top + kSvgPlotHeight;
  std::string out = "<g class=\"keyword\" data-keyword=\"" + svg_escaped(series.keyword) +
                    "\" data-total=\"" + std::to_string(series.total) + "\">\n";
  out += svg_text(
      left, top + 16, "start", 14, kSvgInk,
      series.keyword + " (" + std::to_string(series.total) + trend_papers_word(series.total) + ")",
      true);
  out += svg_line(plot_left, plot_top, plot_left + plot_width, plot_top, kSvgGrid);
  out += svg_line(plot_left, baseline, plot_left + plot_width, baseline, kSvgMuted);
  out += svg_text(plot_left - 6, plot_top + 4, "end", 11, kSvgMuted, std::to_string(scale_max));
  out += svg_text(plot_left - 6, baseline + 4, "end", 11, kSvgMuted, "0");
  const double slot = plot_width / static_cast<double>(std::max<std::size_t>(days.size(), 1));
  const double bar_width = std::max(1.0, slot * 0.8);
  for (std::size_t i = 0; i < days.size(); ++i) {
    const int count = series.counts[i];
    const double height = kSvgPlotHeight * count / scale_max;
    const double x = plot_left + slot * static_cast<double>(i) + (slot - bar_width) / 2;
    out += "<rect class=\"bar\" data-day=\"" + days[i] + "\" data-count=\"" +
           std::to_string(count) + "\" x=\"" + svg_number(x) + "\" y=\"" +
           svg_number(baseline - height) + "\" width=\"" + svg_number(bar_width) + "\" height=\"" +
           svg_number(height) + "\" fill=\"" + kSvgBar + "\"><title>" +
           svg_escaped(series.keyword) + ", " + days[i] + ": " + std::to_string(count) +
           trend_papers_word(count) + "</title></rect>\n";
  }
  // The date axis: first, middle and last day, where their bars are.
  std::set<std::size_t> labeled{0, days.size() / 2, days.size() - 1};
  for (const std::size_t i : labeled) {
    const double center = plot_left + slot * (static_cast<double>(i) + 0.5);
    const std::string anchor = i == 0 ? "start" : i == days.size() - 1 ? "end" : "middle";
    const double x = i == 0 ? plot_left : i == days.size() - 1 ? plot_left + plot_width : center;
    out += svg_text(x, baseline + 16, anchor, 11, kSvgMuted, days[i]);
  }
  out += "</g>\n";
  return out;
}

// The shared count scale: the largest count, at least 1, rounded up to a number easy to read.
int trend_scale_max(const KeywordTrends& trends) {
  int largest = 1;
  for (const auto& series : trends.series) {
    for (const int count : series.counts) {
      largest = std::max(largest, count);
    }
  }
  for (const int step : {1, 2, 5, 10, 20, 25, 50, 100}) {
    if (largest <= 10 * step) {
      return (largest + step - 1) / step * step;
    }
  }
  return (largest + 99) / 100 * 100;
}

}  // namespace

DayKeywordCounts count_keywords(const std::string& day, const std::vector<ArchiveRecord>& records) {
  DayKeywordCounts out{day, {}};
  std::set<std::string> seen;
  for (const auto& record : records) {
    if (!seen.insert(record.paper.id).second) {
      continue;
    }
    std::set<std::string> keywords;
    for (const auto& match : record.paper.matches) {
      keywords.insert(match.keyword);
    }
    for (const auto& keyword : keywords) {
      ++out.counts[keyword];
    }
  }
  return out;
}

KeywordTrends keyword_trends(std::vector<DayKeywordCounts> days, std::size_t top_keywords) {
  std::sort(days.begin(), days.end(),
            [](const DayKeywordCounts& a, const DayKeywordCounts& b) { return a.day < b.day; });
  if (days.size() > kTrendDays) {
    days.erase(days.begin(), days.end() - static_cast<std::ptrdiff_t>(kTrendDays));
  }
  KeywordTrends trends;
  std::map<std::string, int> totals;
  for (const auto& day : days) {
    trends.days.push_back(day.day);
    for (const auto& [keyword, count] : day.counts) {
      totals[keyword] += count;
    }
  }
  for (const auto& [keyword, total] : totals) {
    if (total > 0) {
      trends.series.push_back({keyword, {}, total});
    }
  }
  std::sort(trends.series.begin(), trends.series.end(),
            [](const KeywordSeries& a, const KeywordSeries& b) {
              return a.total != b.total ? a.total > b.total : a.keyword < b.keyword;
            });
  if (trends.series.size() > top_keywords) {
    trends.series.resize(top_keywords);
  }
  for (auto& series : trends.series) {
    for (const auto& day : days) {
      const auto found = day.counts.find(series.keyword);
      series.counts.push_back(found == day.counts.end() ? 0 : found->second);
    }
  }
  return trends;
}

std::string render_trends_svg(const KeywordTrends& trends) {
  const std::size_t rows = (trends.series.size() + 1) / 2;
  const double height =
      kSvgHeader + static_cast<double>(std::max<std::size_t>(rows, 1)) * (kSvgPanelHeight + 8) +
      kSvgMargin;
  std::string title = "Matched papers per keyword, last " + std::to_string(trends.days.size()) +
                      (trends.days.size() == 1 ? " announcement day" : " announcement days");
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + svg_number(kSvgWidth) +
                    "\" height=\"" + svg_number(height) + "\" viewBox=\"0 0 " +
                    svg_number(kSvgWidth) + " " + svg_number(height) + "\" font-family=\"" +
                    svg_escaped(kSvgFont) + "\" role=\"img\" aria-labelledby=\"trends-title\">\n";
  out += "<title id=\"trends-title\">" + svg_escaped(title) + "</title>\n";
  out += "<rect x=\"0\" y=\"0\" width=\"" + svg_number(kSvgWidth) + "\" height=\"" +
         svg_number(height) + "\" rx=\"6\" fill=\"#ffffff\" stroke=\"" + kSvgGrid + "\"/>\n";
  out += svg_text(kSvgMargin, 30, "start", 18, kSvgInk, title, true);
  const std::string range =
      trends.days.empty() ? std::string("no archived days")
                          : trends.days.front() + " to " + trends.days.back() +
                                ": papers matching each keyword per day, all charts on one scale";
  out += svg_text(kSvgMargin, 50, "start", 12, kSvgMuted, range);
  if (trends.series.empty()) {
    out += svg_text(kSvgWidth / 2, kSvgHeader + kSvgPanelHeight / 2, "middle", 14, kSvgMuted,
                    "No paper matched a keyword on these days.");
  } else {
    const int scale_max = trend_scale_max(trends);
    for (std::size_t i = 0; i < trends.series.size(); ++i) {
      const double left = kSvgMargin + static_cast<double>(i % 2) * (kSvgPanelWidth + kSvgMargin);
      const double top = kSvgHeader + static_cast<double>(i / 2) * (kSvgPanelHeight + 8);
      out += svg_keyword_chart(trends.series[i], trends.days, left, top, scale_max);
    }
  }
  out += "</svg>\n";
  return out;
}

}  // namespace arxiv_digest
