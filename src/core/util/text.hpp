#pragma once
// Text helpers for Markdown output and messages. All work on UTF-8 and never split a multi-byte
// sequence.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace arxiv_digest {

// A space, tab, CR or LF: the white space of XML and of the feeds' text.
inline bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// `text` without leading and trailing spaces, tabs, CRs and LFs.
std::string_view trim(std::string_view text);

// Every run of ASCII whitespace (newlines included) becomes one space; the ends are trimmed.
std::string collapse_whitespace(std::string_view text);

// The items with `separator` between them.
std::string join(const std::vector<std::string>& items, std::string_view separator);

// Number of Unicode code points (an invalid byte counts as one).
std::size_t utf8_length(std::string_view text);

// UTF-16 code units of UTF-8 `text` (one per code point, two above U+FFFF): how Slack, Discord
// and Telegram count a message's characters. Never less than utf8_length of valid UTF-8.
std::size_t utf16_length(std::string_view text);

// The first `max_chars` code points of `text` (whole sequences only).
std::string_view utf8_prefix(std::string_view text, std::size_t max_chars);

// The digest's abstract: the first 300 code points, then "..." when the abstract is longer or
// `continues` says the given text is already a prefix of a longer one.
std::string abstract_excerpt(std::string_view abstract, bool continues);
inline constexpr std::size_t kAbstractExcerptChars = 300;

// Whether `text` starts with `lower_prefix` (ASCII, given in lower case), ignoring ASCII case.
bool starts_with_ignoring_case(std::string_view text, std::string_view lower_prefix);

// `<` and `>` as `&lt;` / `&gt;`, so GitHub shows `</think>` or `$2<N<3$` as written.
std::string escape_angle_brackets(std::string_view text);

// `&`, `<`, `>`, `"` and `'` as HTML character references: safe as element text and as a quoted
// attribute value.
std::string escape_html(std::string_view text);

// Link text that stays one working Markdown link: angle brackets escaped, `[` `]` backslashed.
std::string escape_link_text(std::string_view text);

// LLM Markdown goes in as it is, except <details>, </details>, <summary>, </summary> (any case,
// with attributes), whose `<` becomes `&lt;`: a summary must not close the digest's own blocks.
std::string neutralize_collapsible_tags(std::string_view markdown);

// `"a", "b" or "c"`, for messages that say what would be valid.
std::string quoted_list(const std::vector<std::string>& items);

// One decimal, like Python's f"{score:.1f}".
std::string format_score(double score);

// Three decimals, for a related paper's cosine similarity.
std::string format_similarity(double similarity);

}  // namespace arxiv_digest
