#pragma once
// What a model answered, made safe for every output before it is stored. A paper's abstract is
// free text anyone can submit, and a model may do what it says; so the answer is treated as
// untrusted Markdown:
// - raw HTML is escaped ("<" becomes "&lt;") except <br>, <sub> and <sup>: no <script>, no
//   <img>, no comment, and no <details> or <summary> that would open or close the digest's own;
// - images are dropped (their alt text stays);
// - links are kept only where the site keeps them (is_allowed_link: https://arxiv.org/ and URLs
//   that appear in the paper's own abstract); any other link becomes its text, any other bare URL
//   becomes code, which no Markdown renderer turns into a link;
// - headings (ATX "#" and setext underlines) become text, so a summary cannot break the digest's
//   sections, and reference definitions are dropped;
// - an unclosed code fence is closed, so it cannot swallow what follows the summary;
// - control characters go, line ends become "\n", and an answer longer than `max_chars` is cut at
//   the last sentence end before it, marked with "…".
// Everything else is left byte for byte as the model wrote it: a round trip through cmark-gfm's
// CommonMark renderer would escape "_" and "<" inside $math$ and re-indent lists. Code spans and
// fenced code are left as written (no markup runs in them). Pure and idempotent.

#include <cstddef>
#include <string>
#include <string_view>

#include "arxiv_digest/paper.hpp"

namespace arxiv_digest {

// About ten times what the prompts ask for (180 words): room for a verbose model, not for a
// 100 KB answer.
inline constexpr std::size_t kMaxSummaryChars = 4000;

std::string sanitize_summary(std::string_view text, std::string_view abstract,
                             std::size_t max_chars = kMaxSummaryChars);

// sanitize_summary on the text and on every field of the summary (fields format).
void sanitize_summary(Summary& summary, std::string_view abstract);

}  // namespace arxiv_digest
