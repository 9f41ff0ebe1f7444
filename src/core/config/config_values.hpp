#pragma once
// Readers for the kinds of value config.json holds beyond plain numbers, flags and enums: arXiv
// categories, keywords, URLs, an environment variable's name, durations. Each records its
// problems in the reader and leaves `out` untouched when the value is bad.

#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/config.hpp"
#include "core/config/config_reader.hpp"

namespace arxiv_digest {

// Non-empty array of unique category names shaped like arXiv's ("cs.AI", "astro-ph", "q-bio.NC").
void read_categories(ConfigReader& reader, const ConfigNode& node, std::vector<std::string>& out);
// Array of non-blank strings or {"term": "...", "weight": number > 0} objects.
void read_keywords(ConfigReader& reader, const ConfigNode& node, std::vector<Keyword>& out);
// Array of non-blank strings; `item_what` says what each should be.
void read_text_list(ConfigReader& reader, const ConfigNode& node, std::string_view item_what,
                    std::vector<std::string>& out);
// Non-empty array of unique values from `allowed`; `what` describes the array.
void read_choices(ConfigReader& reader, const ConfigNode& node,
                  const std::vector<std::string>& allowed, std::string_view what,
                  std::vector<std::string>& out);
// An http(s) URL, or "" when `allow_empty`. Not echoed when it could carry credentials.
void read_url(ConfigReader& reader, const ConfigNode& node, bool allow_empty, std::string& out);
// An environment variable's name (`example` shows one). The value is never echoed: a bad one may
// be the secret itself.
void read_env_var_name(ConfigReader& reader, const ConfigNode& node, std::string_view example,
                       std::string& out);
// An smtp:// or smtps:// URL with a host. Not echoed when it could carry credentials.
void read_smtp_url(ConfigReader& reader, const ConfigNode& node, std::string& out);
// A mail address such as "bot@example.org": one @, no spaces, quotes, brackets or control
// characters (it becomes an SMTP envelope address and a header).
void read_mail_address(ConfigReader& reader, const ConfigNode& node, std::string& out);
// True when `url`'s host is 127.0.0.1, ::1 or localhost.
bool has_loopback_host(std::string_view url);
// A string with no control characters (it becomes an HTTP header).
void read_one_line(ConfigReader& reader, const ConfigNode& node, std::string_view what,
                   std::string& out);
// A positive whole number of hours or days: "24h", "7d".
void read_duration(ConfigReader& reader, const ConfigNode& node, std::string& out);

bool is_category(std::string_view name);
// True for strings that look like an API key rather than a variable name ("sk-...", long and
// mixed-case with digits).
bool looks_like_secret(std::string_view value);

}  // namespace arxiv_digest
