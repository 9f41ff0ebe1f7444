#include <gmock/gmock.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "arxiv_digest/site.hpp"
#include "core/render/embedded_files.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using testing::first_difference;
using testing::fixture_path;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::read_file;

SiteTemplates builtin_site_templates() {
  auto get = [](const char* name) { return std::string(*embedded_file(name)); };
  return {get("site/page.html.mustache"), get("site/day.html.mustache"),
          get("site/paper.html.mustache"), get("site/archive.html.mustache"),
          get("site/week.html.mustache")};
}

ArchiveRecord hostile_record() {
  ArchiveRecord r;
  r.digest_date = "2026-02-12";
  r.rank = 1;
  r.paper.id = "2602.99999";
  r.paper.title = "<img src=x onerror=alert(1)> & <script>alert(2)</script>";
  r.paper.link = "javascript:alert(3)";
  r.paper.pdf_link = "https://evil.example/x.pdf";
  r.paper.authors = {"<iframe src=//evil.example>"};
  r.paper.categories = {"cs.AI\"><b>"};
  r.paper.abstract = "See https://github.com/org/repo. <svg onload=alert(4)>";
  r.paper.matches = {{"<b>kv</b>", 1.0, true, false, 1.5}};
  Summary summary;
  summary.text =
      "**Bold** <img src=x onerror=alert(5)> [ok](https://github.com/org/repo) "
      "[bad](https://evil.example/) [js](javascript:alert(6)) ![pic](https://evil.example/p.png)"
      "\n\n<script>alert(7)</script>";
  summary.model = "<model>";
  r.summary = summary;
  return r;
}

TEST(SiteRenderer, HostileTextStaysText) {
  SiteDay day{"2026-02-12", {hostile_record()}};
  const auto html = render_site_day(day, {}, builtin_site_templates(), false);
  ASSERT_OK(html);
  EXPECT_THAT(*html, HasSubstr("&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;"));
  EXPECT_THAT(*html, Not(HasSubstr("<img")));
  EXPECT_THAT(*html, Not(HasSubstr("<iframe")));
  EXPECT_THAT(*html, Not(HasSubstr("<svg")));
  EXPECT_THAT(*html, Not(HasSubstr("alert(7)</script>")));
  EXPECT_THAT(*html, Not(HasSubstr("javascript:")));
  EXPECT_THAT(*html, Not(HasSubstr("=\"https://evil.example")));
  EXPECT_THAT(*html, Not(HasSubstr("<b>")));
  // The one script is the site's own; the summary's allowed link and Markdown survive.
  EXPECT_THAT(*html, HasSubstr("<script src=\"filter.js\" defer></script>"));
  EXPECT_THAT(*html, HasSubstr("<strong>Bold</strong>"));
  EXPECT_THAT(*html, HasSubstr("<a href=\"https://github.com/org/repo\">ok</a>"));
  EXPECT_THAT(*html, HasSubstr("href=\"https://arxiv.org/abs/2602.99999\""));
  EXPECT_THAT(*html, HasSubstr("href=\"https://arxiv.org/pdf/2602.99999v1\""));
  EXPECT_THAT(*html, HasSubstr("Content-Security-Policy"));
}

TEST(SiteRenderer, LinksOnlyToArxivAndTheAbstract) {
  const std::string abstract = "Code at https://github.com/a/b, data at (http://x.org/d).";
  EXPECT_TRUE(is_allowed_link("https://arxiv.org/abs/2602.00001", abstract));
  EXPECT_TRUE(is_allowed_link("https://github.com/a/b", abstract));
  EXPECT_TRUE(is_allowed_link("http://x.org/d", abstract));
  EXPECT_FALSE(is_allowed_link("https://github.com/a", abstract));
  EXPECT_FALSE(is_allowed_link("https://arxiv.org.evil/abs/1", abstract));
  EXPECT_FALSE(is_allowed_link("javascript:alert(1)", "javascript:alert(1)"));
}

TEST(SiteRenderer, MarkdownRawHtmlIsDropped) {
  const std::string html = markdown_to_safe_html("a <b onclick=x>b</b>\n\n<div>c</div>\n", "");
  EXPECT_THAT(html, Not(HasSubstr("<b")));
  EXPECT_THAT(html, Not(HasSubstr("<div")));
  EXPECT_THAT(html, HasSubstr("raw HTML omitted"));
}

// tests/fixtures/golden/site_day_2026-02-12.html is the day page of the daily digest golden's
// records; ARXIV_DIGEST_UPDATE_GOLDENS=1 rewrites it after a deliberate change.
TEST(SiteRenderer, DayPageMatchesGolden) {
  auto records = parse_archive(read_file(fixture_path("golden/daily_digest_2026-02-12.jsonl")),
                               "daily_digest.jsonl");
  ASSERT_OK(records);
  records->front().related = {{"2601.00001", 2, "An <older> paper",
                               "https://arxiv.org/abs/2601.00001", "2026-01-05", 0.4321}};
  SiteDay day{"2026-02-12", *records};
  const auto html = render_site_day(day, {"trends.svg", {}}, builtin_site_templates(), true);
  ASSERT_OK(html);
  const std::string golden = fixture_path("golden/site_day_2026-02-12.html");
  if (std::getenv("ARXIV_DIGEST_UPDATE_GOLDENS") != nullptr) {
    std::ofstream(golden, std::ios::binary) << *html;
  }
  const std::string expected = read_file(golden);
  EXPECT_EQ(first_difference(expected, *html), "");
  EXPECT_TRUE(*html == expected);
}

TEST(SiteRenderer, ArchiveListsDaysWithCountsAndWeeks) {
  const auto html = render_site_archive({{"2026-02-13", 3}, {"2026-02-12", 20}},
                                        {"", {"2026-W07.html"}}, builtin_site_templates());
  ASSERT_OK(html);
  EXPECT_THAT(*html, HasSubstr("<a href=\"2026-02-13.html\">Digest of 2026-02-13</a>: 3 papers"));
  EXPECT_LT(html->find("2026-02-13.html"), html->find("2026-02-12.html"));
  EXPECT_THAT(*html, HasSubstr("<a href=\"2026-W07.html\">Week 2026-W07</a>"));
}

TEST(SiteRenderer, WeekPageListsTheRollupBestFirstWithItsDays) {
  ArchiveRecord low = hostile_record();
  low.paper.id = "2602.00001";
  low.paper.title = "Low";
  low.paper.score = 1.0;
  low.summary.reset();
  ArchiveRecord high = low;
  high.paper.id = "2602.00002";
  high.paper.title = "High";
  high.paper.score = 5.0;
  high.digest_date = "2026-02-13";
  const WeeklyRollup rollup = weekly_rollup(*parse_iso_week("2026-W07"),
                                            {{"2026-02-12", {low}}, {"2026-02-13", {high}}}, 20);
  const auto html = render_site_week(rollup, builtin_site_templates());
  ASSERT_OK(html);
  EXPECT_THAT(*html, HasSubstr("<h1>arXiv digest, week 2026-W07</h1>"));
  EXPECT_THAT(*html, HasSubstr("2 of them have no summary yet"));
  EXPECT_THAT(*html, HasSubstr("<a href=\"2026-02-12.html\">Digest of 2026-02-12</a>"));
  EXPECT_LT(html->find(">High</a>"), html->find(">Low</a>"));
  EXPECT_EQ(site_week_page(rollup.week), "2026-W07.html");
}

TEST(SiteRenderer, SearchIndexHoldsTheDigestPapers) {
  SiteDay day{"2026-02-12", {hostile_record()}};
  const auto index = nlohmann::json::parse(write_search_index({day}));
  ASSERT_EQ(index["papers"].size(), 1u);
  const auto& paper = index["papers"][0];
  EXPECT_EQ(paper["date"], "2026-02-12");
  EXPECT_EQ(paper["id"], "2602.99999v1");
  EXPECT_EQ(paper["url"], "https://arxiv.org/abs/2602.99999");
  EXPECT_EQ(paper["keywords"][0], "<b>kv</b>");
  EXPECT_EQ(paper["page"], "2026-02-12.html#p-2602-99999");
}

}  // namespace
}  // namespace arxiv_digest
