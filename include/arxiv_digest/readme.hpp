#pragma once
// The README digest (DESIGN.md "Outputs 1"): Mustache templates over plain view structs.
// The papers section reproduces the original bot's bytes; the page around it is ours.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/paper.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

// One paper as the digest shows it. Text is raw (as parsed); the renderer escapes it.
struct DigestEntry {
  int rank = 0;
  std::string title;
  std::string link;
  std::vector<std::string> authors;
  std::string category;
  std::string published;  // YYYY-MM-DD
  double score = 0.0;
  std::string announce_type;
  std::string arxiv_id;  // with version, e.g. 2602.10965v1
  std::string abstract;
  bool abstract_continues = false;     // `abstract` is already a prefix of a longer abstract
  std::optional<std::string> summary;  // Markdown
  std::string summary_model;
  bool operator==(const DigestEntry&) const = default;
};

DigestEntry make_digest_entry(const Paper& paper, int rank, const std::optional<Summary>& summary);

struct ReadmeView {
  std::string last_updated;  // "2026-02-12 06:46:51 UTC"
  std::string digest_date;   // YYYY-MM-DD
  std::vector<std::string> categories;
  std::vector<std::string> keywords;
  std::string status_line;
  std::vector<DigestEntry> entries;
  std::string trends_image;  // the trends picture's path from the README; "" shows none
};

// Mustache sources: `readme` is the page (templates/README.md.mustache), `paper` one paper block
// (templates/paper.md.mustache). HTML escaping is off: text goes in as written.
struct ReadmeTemplates {
  std::string readme;
  std::string paper;
};

// Paper blocks joined by "\n\n", each ending in "---" (no trailing newline), as the original.
Result<std::string> render_papers_section(const std::vector<DigestEntry>& entries,
                                          const std::string& paper_template);

Result<std::string> render_readme(const ReadmeView& view, const ReadmeTemplates& templates);

// The markers around the status line in a rendered README; a run that finds nothing new keeps
// the previous digest and replaces only what is between them.
inline constexpr std::string_view kStatusBegin = "<!-- arxiv-digest:status -->";
inline constexpr std::string_view kStatusEnd = "<!-- /arxiv-digest:status -->";

// `readme` with its status block replaced by one rendered from `status_line`; malformed_input
// when the markers are missing (e.g. a README the original bot wrote).
Result<std::string> replace_status_line(std::string_view readme, std::string_view status_line);

// True when `next` says what `previous` says and differs only in run details: the status block
// and lines showing `next_last_updated`. A same-day rerun then leaves the README as it is
// (identical bytes, no commit), whatever the templates look like.
bool same_digest(std::string_view previous, std::string_view next,
                 std::string_view next_last_updated);

}  // namespace arxiv_digest
