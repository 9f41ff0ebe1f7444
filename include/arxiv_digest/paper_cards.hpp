#pragma once
// Paper cards (DESIGN.md "Outputs 3", digests/YYYY-MM-DD.cards.md) in the layout of
// ../shared/data/seeds/paper_cards_example.txt: per digest paper, in rank order, its title, then
// "- URL:", "- Date:", "- Title:", "- Authors:", "- Abstract summary:", "- Score:", "- License:",
// "- Abstract:" lines and "Related papers" from the project's own archive with their TF-IDF
// cosine similarity. Cards are separated by a blank line; one footer line ends the file.
//
// Differences from the seed, on purpose: the abstract summary is the AI summary (the TL;DR of
// a fields summary, else the Markdown summary on one line) and the line is left out for a paper
// without one; "Date" is the announcement day ("Thu, 12 Feb 2026"), the only date a feed gives;
// the License line is left out when the feed gave none; authors have no trailing comma; a
// related paper shows its title, similarity (three decimals), link and date, and "Related
// papers" is left out when none is similar enough.

#include <map>
#include <string>
#include <vector>

#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/related_papers.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

// "2026-02-12" → "Thu, 12 Feb 2026"; the input as given when it is not a date.
std::string card_date(const std::string& iso_date);

// The shortest text that reads back as the same double (like Python's repr): 23.4, 4.5, 10.
std::string card_score(double score);

// Each paper's related papers, by paper id (without version), best first.
using RelatedByPaper = std::map<std::string, std::vector<RelatedPaper>>;

// The related papers the ranked `records` carry (ArchiveRecord::related), by paper id.
RelatedByPaper related_of(const std::vector<ArchiveRecord>& records);

// Renders templates/paper_cards.md.mustache over the ranked records; a paper missing from
// `related` has none.
Result<std::string> render_paper_cards(const std::vector<ArchiveRecord>& records,
                                       const RelatedByPaper& related,
                                       const std::string& template_source);

}  // namespace arxiv_digest
