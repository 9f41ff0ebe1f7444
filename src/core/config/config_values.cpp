#include "core/config/config_values.hpp"

#include <algorithm>
#include <cctype>

#include "core/util/url.hpp"

namespace arxiv_digest {

using Reader = ConfigReader;
using Node = ConfigNode;

namespace {

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return is_lower(c) || is_upper(c); }

// Letters, optionally one "-letters" part: "cs", "astro-ph", "stat-mech".
std::size_t scan_word(std::string_view text, std::size_t pos, bool (*letter)(char)) {
  const auto run = [&](std::size_t from) {
    while (from < text.size() && letter(text[from])) {
      ++from;
    }
    return from;
  };
  std::size_t end = run(pos);
  if (end == pos) {
    return pos;
  }
  if (end < text.size() && text[end] == '-') {
    const std::size_t after = run(end + 1);
    if (after > end + 1) {
      end = after;
    }
  }
  return end;
}

bool is_env_name(std::string_view name) {
  if (name.empty() || is_digit(name[0])) {
    return false;
  }
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return is_letter(c) || is_digit(c) || c == '_'; });
}

bool is_one_line(std::string_view text) {
  return std::none_of(text.begin(), text.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

bool is_http_url(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return false;
  }
  return !rest.empty() && std::none_of(url.begin(), url.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f;
  });
}

// "24h", "7d": the Batch API's completion window.
bool is_duration(std::string_view text) {
  if (text.size() < 2 || text[0] == '0' || (text.back() != 'h' && text.back() != 'd')) {
    return false;
  }
  return std::all_of(text.begin(), text.end() - 1, is_digit);
}

std::string a_type_name(const ConfigJson& value) {
  if (value.is_null()) {
    return "null";
  }
  const std::string name = value.type_name();
  const bool vowel = name[0] == 'a' || name[0] == 'o';
  return (vowel ? "an " : "a ") + name;
}

// Records a problem for an element equal to an earlier one; true if it was new.
bool remember_unique(Reader& r, const Node& item, const std::string& value,
                     std::vector<std::string>& seen, const std::string& list_path) {
  const auto earlier = std::find(seen.begin(), seen.end(), value);
  if (earlier != seen.end()) {
    r.problem(item, "\"" + value + "\" is listed twice (first at " + list_path + "/" +
                        std::to_string(earlier - seen.begin()) + ")");
    seen.push_back(value);  // keep indices aligned with the array
    return false;
  }
  seen.push_back(value);
  return true;
}

constexpr ConfigField<Keyword> kKeywordFields[] = {
    {"term",
     [](Reader& r, const Node& n, Keyword& k) { r.text(n, "a non-empty keyword", k.term); }},
    {"weight",
     [](Reader& r, const Node& n, Keyword& k) {
       r.number(n, NumberRange{.min = 0.0, .min_exclusive = true, .max = std::nullopt}, k.weight);
     }},
    {"exact", [](Reader& r, const Node& n, Keyword& k) { r.boolean(n, k.exact); }},
};

}  // namespace

// arXiv category names: an archive ("cs", "astro-ph", "gr-qc"), optionally ".SUBJECT" ("cs.AI",
// "math.CO", "q-bio.NC", "cond-mat.stat-mech"). The set of categories is arXiv's to grow, so only
// the shape is checked; a name arXiv does not know comes back as its "Feed error for query".
bool is_category(std::string_view name) {
  const std::size_t archive_end = scan_word(name, 0, is_lower);
  if (archive_end == 0) {
    return false;
  }
  if (archive_end == name.size()) {
    return true;
  }
  if (name[archive_end] != '.') {
    return false;
  }
  const std::size_t subject_end = scan_word(name, archive_end + 1, is_letter);
  return subject_end > archive_end + 1 && subject_end == name.size();
}

// An API key pasted where its variable's name belongs. Variable names are short and, by
// convention, upper case; keys are long, mixed and often carry a vendor prefix.
bool looks_like_secret(std::string_view value) {
  for (const std::string_view prefix : {"sk-", "sk_", "hf_", "ghp_", "gsk_", "xai-", "AIza"}) {
    if (value.starts_with(prefix)) {
      return true;
    }
  }
  // A webhook URL is the secret itself.
  if (value.starts_with("Bearer ") || value.size() >= 40 ||
      value.find("://") != std::string_view::npos) {
    return true;
  }
  const bool has_lower = std::any_of(value.begin(), value.end(), is_lower);
  const bool has_digit = std::any_of(value.begin(), value.end(), is_digit);
  return value.size() >= 24 && has_lower && has_digit;
}

// A URL is echoed only when it cannot carry credentials (user:password@ or ?key=...).
void read_url(Reader& r, const Node& n, bool allow_empty, std::string& out) {
  const std::string what = allow_empty ? "\"\" (arXiv's own hosts) or an http:// or https:// URL"
                                       : "an http:// or https:// URL";
  if (!n.value.is_string()) {
    r.expected(n, what);
    return;
  }
  const auto& url = n.value.get_ref<const std::string&>();
  if ((allow_empty && url.empty()) || is_http_url(url)) {
    out = url;
    return;
  }
  if (url.find_first_of("@?") != std::string::npos) {
    r.problem(n, "expected " + what + " (value not shown: it may hold credentials)");
  } else {
    r.expected(n, what);
  }
}

// The variable's value is the key, so a bad value here may be the key itself: never echo it.
void read_env_var_name(Reader& r, const Node& n, std::string_view example, std::string& out) {
  const std::string what =
      "the name of an environment variable such as \"" + std::string(example) + "\"";
  if (!n.value.is_string()) {
    r.problem(n, "expected " + what + ", got " + a_type_name(n.value));
    return;
  }
  const auto& value = n.value.get_ref<const std::string&>();
  if (looks_like_secret(value)) {
    const std::string key = n.path.substr(n.path.rfind('/') + 1);
    r.problem(n, key +
                     " must name an environment variable, not hold the key: put the secret in an "
                     "environment variable (a repository secret in Actions) and write that "
                     "variable's name here (value not shown)");
  } else if (!is_env_name(value)) {
    r.problem(n, "expected " + what +
                     " (letters, digits and _, not starting with a digit); value not shown in "
                     "case it is a secret");
  } else {
    out = value;
  }
}

void read_text_list(Reader& r, const Node& n, std::string_view item_what,
                    std::vector<std::string>& out) {
  std::vector<std::string> items;
  for_each_element(r, n, "an array of strings", [&](const Node& item) {
    std::string text;
    if (r.text(item, item_what, text)) {
      items.push_back(std::move(text));
    }
  });
  out = std::move(items);
}

void read_categories(Reader& r, const Node& n, std::vector<std::string>& out) {
  const std::string what = "an arXiv category such as \"cs.AI\", \"astro-ph\" or \"q-bio.NC\"";
  if (!n.value.is_array() || n.value.empty()) {
    r.expected(n, "a non-empty array of arXiv categories such as [\"cs.AI\", \"cs.CL\"]");
    return;
  }
  std::vector<std::string> seen;
  std::vector<std::string> categories;
  for_each_element(r, n, "", [&](const Node& item) {
    std::string name;
    if (!r.string(item, what, name)) {
      seen.emplace_back();
    } else if (!is_category(name)) {
      r.expected(item, what);
      seen.push_back(name);
    } else if (remember_unique(r, item, name, seen, n.path)) {
      categories.push_back(name);
    }
  });
  out = std::move(categories);
}

void read_keywords(Reader& r, const Node& n, std::vector<Keyword>& out) {
  const std::string what =
      "a keyword: a non-empty string, or an object such as {\"term\": \"kv cache\", \"weight\": 2}";
  std::vector<Keyword> keywords;
  for_each_element(r, n, "an array of keywords", [&](const Node& item) {
    Keyword keyword;
    if (item.value.is_string()) {
      if (r.text(item, what, keyword.term)) {
        keywords.push_back(std::move(keyword));
      }
    } else if (item.value.is_object()) {
      read_fields<Keyword>(r, item, kKeywordFields, keyword);
      if (!item.value.contains("term")) {
        r.problem(item,
                  "missing \"term\": a keyword object looks like {\"term\": \"kv cache\", "
                  "\"weight\": 2}");
      } else if (!keyword.term.empty()) {
        keywords.push_back(std::move(keyword));
      }
    } else {
      r.expected(item, what);
    }
  });
  out = std::move(keywords);
}

void read_choices(Reader& r, const Node& n, const std::vector<std::string>& allowed,
                  std::string_view what, std::vector<std::string>& out) {
  if (!n.value.is_array() || n.value.empty()) {
    r.expected(n, what);
    return;
  }
  std::vector<std::string> seen;
  std::vector<std::string> types;
  for_each_element(r, n, "", [&](const Node& item) {
    std::string type;
    if (!r.one_of(item, allowed, type)) {
      seen.emplace_back();
    } else if (remember_unique(r, item, type, seen, n.path)) {
      types.push_back(type);
    }
  });
  out = std::move(types);
}

void read_one_line(Reader& r, const Node& n, std::string_view what, std::string& out) {
  std::string text;
  if (r.string(n, what, text)) {
    if (is_one_line(text)) {
      out = std::move(text);
    } else {
      r.expected(n, what);
    }
  }
}

void read_duration(Reader& r, const Node& n, std::string& out) {
  const std::string what = "a duration in hours or days such as \"24h\"";
  std::string text;
  if (r.string(n, what, text)) {
    if (is_duration(text)) {
      out = std::move(text);
    } else {
      r.expected(n, what);
    }
  }
}

bool has_loopback_host(std::string_view url) {
  const std::string host = url_host(url);
  return host == "localhost" || host == "[::1]" || host.starts_with("127.");
}

void read_smtp_url(Reader& r, const Node& n, std::string& out) {
  const std::string what =
      "an smtp:// (STARTTLS) or smtps:// URL such as \"smtp://smtp.example.org:587\"";
  std::string url;
  if (!r.string(n, what, url)) {
    return;
  }
  const bool smtp = url.starts_with("smtp://") || url.starts_with("smtps://");
  const std::string_view authority = std::string_view(url).substr(0, url.find_first_of("/?#", 8));
  if (smtp && authority.find('@') != std::string_view::npos) {
    r.problem(n,
              "holds credentials; give the user name in username and the password's "
              "environment variable in password_env (value not shown)");
  } else if (smtp && !url_host(url).empty() && is_one_line(url) &&
             url.find_first_of(" \t") == std::string::npos) {
    out = url;
  } else if (url.find_first_of("@?") != std::string::npos) {
    r.problem(n, "expected " + what + " (value not shown: it may hold credentials)");
  } else {
    r.expected(n, what);
  }
}

void read_mail_address(Reader& r, const Node& n, std::string& out) {
  const std::string what = "a mail address such as \"bot@example.org\"";
  std::string address;
  if (!r.string(n, what, address)) {
    return;
  }
  const std::size_t at = address.find('@');
  const bool shaped = at != std::string::npos && at > 0 && at + 1 < address.size() &&
                      address.find('@', at + 1) == std::string::npos &&
                      std::none_of(address.begin(), address.end(), [](char c) {
                        return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '<' ||
                               c == '>' || c == '"' || c == ',' || c == ';' || c == '(' ||
                               c == ')' || c == '\\';
                      });
  if (shaped) {
    out = address;
  } else {
    r.expected(n, what);
  }
}

}  // namespace arxiv_digest
