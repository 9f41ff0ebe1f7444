#pragma once
// The daily digest (DESIGN.md "Outputs 2", digests/YYYY-MM-DD.md) in the daily-arXiv-ai-enhanced
// layout of ../shared/data/seeds/daily_digest_example.md: a table of contents with per-category
// totals, then one section per primary category with `### [i] [Title](link)`, `*authors*`, the
// main category, TL;DR and a <details> block with Motivation, Method, Result, Conclusion and the
// full abstract.
//
// Without summary fields (ai_summary.format "markdown", or no summary) the TL;DR line is left
// out; a Markdown summary stands in the <details> block where the four fields would be, and a
// paper with no summary shows only its abstract there.

#include <string>
#include <vector>

#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

// The digest's papers of one primary category, in rank order.
struct CategoryGroup {
  std::string category;
  std::vector<const ArchiveRecord*> records;  // point into the caller's vector
};

// Ranked records grouped by primary category: categories in `category_order` first (in that
// order, empty ones left out), then any other primary category (a cross-list's) in the order of
// its best-ranked paper. Unranked records (candidates below the cut) are skipped.
std::vector<CategoryGroup> group_by_category(const std::vector<ArchiveRecord>& records,
                                             const std::vector<std::string>& category_order);

// Renders templates/daily_digest.md.mustache. Papers are numbered 1..N in the order shown
// (categories, then rank), so [i] is unique in the file. Titles are escaped as link text, other
// text gets `<`/`>` escaped (summaries keep their Markdown, minus <details>/<summary> tags).
Result<std::string> render_daily_digest(const std::vector<ArchiveRecord>& records,
                                        const std::vector<std::string>& category_order,
                                        const std::string& template_source);

}  // namespace arxiv_digest
