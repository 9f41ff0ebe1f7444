#include "arxiv_digest/config.hpp"

#include <algorithm>
#include <span>

#include "core/config/config_reader.hpp"
#include "core/config/config_values.hpp"
#include "core/util/enum_text.hpp"
#include "core/util/json_support.hpp"

namespace arxiv_digest {

// The same aliases as config_values.cpp, at namespace scope so a unity build
// sees one declaration twice instead of one shadowing the other.
using Reader = ConfigReader;
using Node = ConfigNode;

namespace {

const std::vector<std::string> kAnnounceTypes{"new", "cross", "replace", "replace-cross",
                                              "absonly"};
const std::vector<std::string> kDedupMethods{"id", "title", "link"};

constexpr ConfigField<SourceConfig> kSourceFields[] = {
    {"kind", [](Reader& r, const Node& n,
                SourceConfig& s) { r.one_of(n, kFeedKinds, parse_feed_kind, s.kind); }},
    {"base_url",
     [](Reader& r, const Node& n, SourceConfig& s) { read_url(r, n, true, s.base_url); }},
    {"oai_base_url",
     [](Reader& r, const Node& n, SourceConfig& s) { read_url(r, n, false, s.oai_base_url); }},
    {"user_agent",
     [](Reader& r, const Node& n, SourceConfig& s) {
       read_one_line(r, n, "a one-line string (\"\" for the built-in User-Agent)", s.user_agent);
     }},
    {"min_interval_ms",
     [](Reader& r, const Node& n, SourceConfig& s) {
       r.integer(n, IntRange{0, 600000}, s.min_interval_ms);
     }},
    {"timeout_s",
     [](Reader& r, const Node& n, SourceConfig& s) {
       r.integer(n, IntRange{1, 600}, s.timeout_s);
     }},
    {"max_retries",
     [](Reader& r, const Node& n, SourceConfig& s) {
       r.integer(n, IntRange{0, 20}, s.max_retries);
     }},
};

constexpr ConfigField<AiSummaryConfig> kAiSummaryFields[] = {
    {"enabled", [](Reader& r, const Node& n, AiSummaryConfig& a) { r.boolean(n, a.enabled); }},
    {"api_key_env",
     [](Reader& r, const Node& n, AiSummaryConfig& a) {
       read_env_var_name(r, n, "DASHSCOPE_API_KEY", a.api_key_env);
     }},
    {"base_url",
     [](Reader& r, const Node& n, AiSummaryConfig& a) { read_url(r, n, false, a.base_url); }},
    {"model", [](Reader& r, const Node& n,
                 AiSummaryConfig& a) { r.text(n, "a model name such as \"qwen-long\"", a.model); }},
    {"prompt_file",
     [](Reader& r, const Node& n, AiSummaryConfig& a) {
       r.string(n, "a file path (\"\" for the built-in prompt)", a.prompt_file);
     }},
    {"format",
     [](Reader& r, const Node& n, AiSummaryConfig& a) {
       r.one_of(n, kSummaryFormats, parse_summary_format, a.format);
     }},
    {"max_papers_to_summarize",
     [](Reader& r, const Node& n, AiSummaryConfig& a) {
       r.integer(n, IntRange{0, 1000}, a.max_papers_to_summarize);
     }},
    {"max_workers",
     [](Reader& r, const Node& n, AiSummaryConfig& a) {
       r.integer(n, IntRange{1, 64}, a.max_workers);
     }},
    {"timeout_s",
     [](Reader& r, const Node& n, AiSummaryConfig& a) {
       r.integer(n, IntRange{1, 3600}, a.timeout_s);
     }},
    {"max_retries",
     [](Reader& r, const Node& n, AiSummaryConfig& a) {
       r.integer(n, IntRange{0, 20}, a.max_retries);
     }},
    {"mode", [](Reader& r, const Node& n,
                AiSummaryConfig& a) { r.one_of(n, kSummaryModes, parse_summary_mode, a.mode); }},
    {"input",
     [](Reader& r, const Node& n, AiSummaryConfig& a) {
       r.one_of(n, kSummaryInputs, parse_summary_input, a.input);
     }},
    {"temperature",
     [](Reader& r, const Node& n, AiSummaryConfig& a) {
       r.number(n, NumberRange{.min = 0.0, .min_exclusive = false, .max = 2.0}, a.temperature);
     }},
    {"max_tokens_per_run",
     [](Reader& r, const Node& n, AiSummaryConfig& a) {
       r.integer(n, IntRange{}, a.max_tokens_per_run);
     }},
    {"batch_fallback_to_sync",
     [](Reader& r, const Node& n, AiSummaryConfig& a) { r.boolean(n, a.batch_fallback_to_sync); }},
    {"batch_completion_window",
     [](Reader& r, const Node& n, AiSummaryConfig& a) {
       read_duration(r, n, a.batch_completion_window);
     }},
    {"batch_poll_interval_s",
     [](Reader& r, const Node& n, AiSummaryConfig& a) {
       r.integer(n, IntRange{1, 3600}, a.batch_poll_interval_s);
     }},
    {"batch_wait_deadline_s",
     [](Reader& r, const Node& n, AiSummaryConfig& a) {
       r.integer(n, IntRange{0, 86400}, a.batch_wait_deadline_s);
     }},
    {"keep_files",
     [](Reader& r, const Node& n, AiSummaryConfig& a) { r.boolean(n, a.keep_files); }},
    // Legacy (arxiv_rss_bot): only type-checked here; its effect is applied in read_ai_summary.
    {"use_pdf",
     [](Reader& r, const Node& n, AiSummaryConfig&) {
       bool ignored = false;
       r.boolean(n, ignored);
     },
     false},
};

void read_ai_summary(Reader& r, const Node& n, Config& c) {
  if (!read_fields<AiSummaryConfig>(r, n, kAiSummaryFields, c.ai_summary)) {
    return;
  }
  const auto use_pdf = n.value.find("use_pdf");
  if (use_pdf == n.value.end() || !use_pdf->is_boolean()) {
    return;
  }
  if (n.value.contains("input")) {
    c.notes.emplace_back(
        "ai_summary.use_pdf is ignored: ai_summary.input is set and decides what is summarized");
  } else {
    c.ai_summary.input = use_pdf->get<bool>() ? SummaryInput::pdf : SummaryInput::abstract;
  }
}

void read_output_path(Reader& r, const Node& n, std::string& out) {
  r.text(n, "a non-empty path (relative to the folder of config.json, or absolute)", out);
}

constexpr ConfigField<OutputConfig> kOutputFields[] = {
    {"readme", [](Reader& r, const Node& n, OutputConfig& o) { read_output_path(r, n, o.readme); }},
    {"archive_dir",
     [](Reader& r, const Node& n, OutputConfig& o) { read_output_path(r, n, o.archive_dir); }},
    {"state_dir",
     [](Reader& r, const Node& n, OutputConfig& o) { read_output_path(r, n, o.state_dir); }},
    {"digests_dir",
     [](Reader& r, const Node& n, OutputConfig& o) { read_output_path(r, n, o.digests_dir); }},
    {"feed", [](Reader& r, const Node& n, OutputConfig& o) { read_output_path(r, n, o.feed); }},
    {"digest_json",
     [](Reader& r, const Node& n, OutputConfig& o) { read_output_path(r, n, o.digest_json); }},
    {"site_dir",
     [](Reader& r, const Node& n, OutputConfig& o) { read_output_path(r, n, o.site_dir); }},
    {"readme_enabled",
     [](Reader& r, const Node& n, OutputConfig& o) { r.boolean(n, o.readme_enabled); }},
    {"daily_digest_enabled",
     [](Reader& r, const Node& n, OutputConfig& o) { r.boolean(n, o.daily_digest_enabled); }},
    {"cards_enabled",
     [](Reader& r, const Node& n, OutputConfig& o) { r.boolean(n, o.cards_enabled); }},
    {"feed_enabled",
     [](Reader& r, const Node& n, OutputConfig& o) { r.boolean(n, o.feed_enabled); }},
    {"trends_enabled",
     [](Reader& r, const Node& n, OutputConfig& o) { r.boolean(n, o.trends_enabled); }},
    {"weekly_enabled",
     [](Reader& r, const Node& n, OutputConfig& o) { r.boolean(n, o.weekly_enabled); }},
    {"weekly_papers",
     [](Reader& r, const Node& n, OutputConfig& o) {
       r.integer(n, IntRange{1, 200}, o.weekly_papers);
     }},
    {"site_enabled",
     [](Reader& r, const Node& n, OutputConfig& o) { r.boolean(n, o.site_enabled); }},
};

constexpr ConfigField<EmailDelivery> kEmailFields[] = {
    {"smtp_url",
     [](Reader& r, const Node& n, EmailDelivery& e) { read_smtp_url(r, n, e.smtp_url); }},
    {"require_tls",
     [](Reader& r, const Node& n, EmailDelivery& e) { r.boolean(n, e.require_tls); }},
    {"from", [](Reader& r, const Node& n, EmailDelivery& e) { read_mail_address(r, n, e.from); }},
    {"to",
     [](Reader& r, const Node& n, EmailDelivery& e) {
       std::vector<std::string> to;
       for_each_element(r, n, "a non-empty array of mail addresses", [&](const Node& item) {
         std::string address;
         read_mail_address(r, item, address);
         to.push_back(address);
       });
       if (n.value.is_array() && n.value.empty()) {
         r.expected(n, "a non-empty array of mail addresses");
       }
       e.to = std::move(to);
     }},
    {"username",
     [](Reader& r, const Node& n, EmailDelivery& e) {
       read_one_line(r, n, "a user name for SMTP AUTH (\"\" for none)", e.username);
     }},
    {"password_env",
     [](Reader& r, const Node& n, EmailDelivery& e) {
       read_env_var_name(r, n, "SMTP_PASSWORD", e.password_env);
     }},
    {"send_empty", [](Reader& r, const Node& n, EmailDelivery& e) { r.boolean(n, e.send_empty); }},
};

constexpr ConfigField<SlackDelivery> kSlackFields[] = {
    {"webhook_env",
     [](Reader& r, const Node& n, SlackDelivery& d) {
       read_env_var_name(r, n, "SLACK_WEBHOOK_URL", d.webhook_env);
     }},
};

constexpr ConfigField<DiscordDelivery> kDiscordFields[] = {
    {"webhook_env",
     [](Reader& r, const Node& n, DiscordDelivery& d) {
       read_env_var_name(r, n, "DISCORD_WEBHOOK_URL", d.webhook_env);
     }},
};

constexpr ConfigField<TelegramDelivery> kTelegramFields[] = {
    {"bot_token_env",
     [](Reader& r, const Node& n, TelegramDelivery& d) {
       read_env_var_name(r, n, "TELEGRAM_BOT_TOKEN", d.bot_token_env);
     }},
    {"chat_id",
     [](Reader& r, const Node& n, TelegramDelivery& d) {
       read_one_line(r, n, "a chat id such as \"@my_channel\" or \"-1001234567890\"", d.chat_id);
     }},
    {"api_base",
     [](Reader& r, const Node& n, TelegramDelivery& d) { read_url(r, n, false, d.api_base); }},
};

constexpr ConfigField<FeishuDelivery> kFeishuFields[] = {
    {"webhook_env",
     [](Reader& r, const Node& n, FeishuDelivery& d) {
       read_env_var_name(r, n, "FEISHU_WEBHOOK_URL", d.webhook_env);
     }},
    {"secret_env",
     [](Reader& r, const Node& n, FeishuDelivery& d) {
       if (!n.value.is_string() || !n.value.get_ref<const std::string&>().empty()) {
         read_env_var_name(r, n, "FEISHU_SECRET", d.secret_env);
       }
     }},
};

constexpr ConfigField<WebhookDelivery> kWebhookFields[] = {
    {"url_env",
     [](Reader& r, const Node& n, WebhookDelivery& d) {
       read_env_var_name(r, n, "DIGEST_WEBHOOK_URL", d.url_env);
     }},
};

// A channel's object switches it on, with its defaults for what it leaves out.
template <typename T, std::size_t N>
void read_channel(Reader& r, const Node& n, const ConfigField<T> (&fields)[N],
                  std::optional<T>& out) {
  T channel;
  if (read_fields<T>(r, n, fields, channel)) {
    out = std::move(channel);
  }
}

// What single keys cannot say: the keys an email needs, and plain SMTP only to this machine.
void check_email(Reader& r, const Node& n, const EmailDelivery& email) {
  for (const char* key : {"smtp_url", "from", "to"}) {
    if (!n.value.contains(key)) {
      r.problem(Node{n.value, n.path + "/" + key},
                "missing; delivery.email needs smtp_url, from and to");
    }
  }
  if (!email.require_tls && email.smtp_url.starts_with("smtp://") &&
      !has_loopback_host(email.smtp_url)) {
    r.problem(Node{n.value, n.path + "/require_tls"},
              "false is allowed only for a loopback SMTP host (127.0.0.1, ::1, localhost): a "
              "password and the digest must not cross a network unencrypted");
  }
}

constexpr ConfigField<DeliveryConfig> kDeliveryFields[] = {
    {"email",
     [](Reader& r, const Node& n, DeliveryConfig& d) {
       read_channel(r, n, kEmailFields, d.email);
       if (d.email) {
         check_email(r, n, *d.email);
       }
     }},
    {"slack", [](Reader& r, const Node& n,
                 DeliveryConfig& d) { read_channel(r, n, kSlackFields, d.slack); }},
    {"discord", [](Reader& r, const Node& n,
                   DeliveryConfig& d) { read_channel(r, n, kDiscordFields, d.discord); }},
    {"telegram",
     [](Reader& r, const Node& n, DeliveryConfig& d) {
       read_channel(r, n, kTelegramFields, d.telegram);
       if (d.telegram && !n.value.contains("chat_id")) {
         r.problem(Node{n.value, n.path + "/chat_id"},
                   "missing; delivery.telegram needs the chat to post to, such as \"@my_channel\"");
       }
     }},
    {"feishu", [](Reader& r, const Node& n,
                  DeliveryConfig& d) { read_channel(r, n, kFeishuFields, d.feishu); }},
    {"webhook", [](Reader& r, const Node& n,
                   DeliveryConfig& d) { read_channel(r, n, kWebhookFields, d.webhook); }},
    {"resend_on_update",
     [](Reader& r, const Node& n, DeliveryConfig& d) { r.boolean(n, d.resend_on_update); }},
};

constexpr ConfigField<Config> kConfigFields[] = {
    {"$schema",
     [](Reader& r, const Node& n, Config&) {
       std::string ignored;
       r.string(n, "a string (the schema's location, for editors)", ignored);
     },
     false},
    {"categories",
     [](Reader& r, const Node& n, Config& c) { read_categories(r, n, c.categories); }},
    {"keywords", [](Reader& r, const Node& n, Config& c) { read_keywords(r, n, c.keywords); }},
    {"exclude_keywords",
     [](Reader& r, const Node& n, Config& c) {
       read_text_list(r, n, "a non-empty string", c.exclude_keywords);
     }},
    {"match", [](Reader& r, const Node& n,
                 Config& c) { r.one_of(n, kMatchModes, parse_match_mode, c.match); }},
    {"announce_types",
     [](Reader& r, const Node& n, Config& c) {
       read_choices(r, n, kAnnounceTypes,
                    "a non-empty array of announce types such as [\"new\", \"cross\"]",
                    c.announce_types);
     }},
    {"max_papers",
     [](Reader& r, const Node& n, Config& c) {
       r.integer(n, IntRange{1, 1000}, c.max_papers);
     }},
    {"min_score",
     [](Reader& r, const Node& n, Config& c) { r.number(n, NumberRange{}, c.min_score); }},
    {"days_back",
     [](Reader& r, const Node& n, Config& c) {
       r.integer(n, IntRange{0, 3650}, c.days_back);
     }},
    {"source", [](Reader& r, const Node& n,
                  Config& c) { read_fields<SourceConfig>(r, n, kSourceFields, c.source); }},
    {"ai_summary", read_ai_summary},
    {"output", [](Reader& r, const Node& n,
                  Config& c) { read_fields<OutputConfig>(r, n, kOutputFields, c.output); }},
    {"delivery", [](Reader& r, const Node& n,
                    Config& c) { read_fields<DeliveryConfig>(r, n, kDeliveryFields, c.delivery); }},
    // Legacy keys of arxiv_rss_bot: type-checked so a typo in them is still caught, then noted.
    {"enable_deduplication",
     [](Reader& r, const Node& n, Config& c) {
       bool enabled = true;
       if (r.boolean(n, enabled) && !enabled) {
         c.notes.emplace_back(
             "enable_deduplication: false is ignored: papers are always deduplicated by arXiv id, "
             "since a paper listed in several categories would otherwise appear twice");
       }
     },
     false},
    {"deduplication_methods",
     [](Reader& r, const Node& n, Config& c) {
       const std::size_t before = r.problems().size();
       for_each_element(r, n, "an array of \"id\", \"title\" or \"link\"", [&](const Node& item) {
         std::string method;
         r.one_of(item, kDedupMethods, method);
       });
       if (r.problems().size() == before) {
         c.notes.emplace_back(
             "deduplication_methods is ignored: papers are always deduplicated by arXiv id");
       }
     },
     false},
    {"fetch_ratings",
     [](Reader& r, const Node& n, Config& c) {
       bool ignored = false;
       if (r.boolean(n, ignored)) {
         c.notes.emplace_back("fetch_ratings is ignored: arxiv-digest does not fetch ratings");
       }
     },
     false},
    {"display_limit",
     [](Reader& r, const Node& n, Config& c) {
       long long ignored = 0;
       if (r.integer(n, IntRange{}, ignored)) {
         c.notes.emplace_back(
             "display_limit is ignored: the digest shows at most max_papers papers");
       }
     },
     false},
};

// nlohmann's what() is "[json.exception.parse_error.101] parse error at line 1, column 2: WHAT";
// keep WHAT, since we give the position ourselves.
std::string library_reason(std::string_view what) {
  if (const std::size_t close = what.find("] "); close != std::string_view::npos) {
    what.remove_prefix(close + 2);
  }
  if (what.starts_with("parse error")) {
    if (const std::size_t colon = what.find(": "); colon != std::string_view::npos) {
      what.remove_prefix(colon + 2);
    }
  }
  return std::string(what);
}

std::string syntax_error(std::string_view text, std::string_view source, std::size_t byte_count,
                         std::string_view what) {
  // nlohmann counts the bytes read, the offending one included.
  const std::size_t offset = std::min(byte_count == 0 ? 0 : byte_count - 1, text.size());
  const std::string_view before = text.substr(0, offset);
  const std::size_t line =
      1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t line_start =
      before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
  std::size_t column = 1;  // in characters, not bytes
  for (std::size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) {
      ++column;
    }
  }
  std::string message = std::string(source) + ": line " + std::to_string(line) + ", column " +
                        std::to_string(column) + " (byte " + std::to_string(offset) +
                        "): " + library_reason(what);
  // Two slips the library's wording does not name.
  const char at = offset < text.size() ? text[offset] : '\0';
  const std::size_t last = before.find_last_not_of(" \t\r\n");
  if ((at == '}' || at == ']') && last != std::string_view::npos && before[last] == ',') {
    message += " (JSON allows no comma before a closing bracket)";
  } else if (at == '/' || at == '#') {
    message += " (JSON allows no comments)";
  }
  return message;
}

template <typename T>
void append_paths(std::vector<std::string>& paths, const std::string& prefix,
                  std::span<const ConfigField<T>> fields) {
  for (const ConfigField<T>& field : fields) {
    paths.push_back(prefix + "/" + std::string(field.key));
  }
}

}  // namespace

std::string_view to_string(MatchMode mode) {
  return mode == MatchMode::word ? "word" : "substring";
}

std::optional<MatchMode> parse_match_mode(std::string_view text) {
  return enum_from_text(text, kMatchModes);
}

std::string_view to_string(SummaryMode mode) {
  return mode == SummaryMode::sync ? "sync" : "batch";
}

std::optional<SummaryMode> parse_summary_mode(std::string_view text) {
  return enum_from_text(text, kSummaryModes);
}

std::string_view to_string(SummaryInput input) {
  return input == SummaryInput::abstract ? "abstract" : "pdf";
}

std::optional<SummaryInput> parse_summary_input(std::string_view text) {
  return enum_from_text(text, kSummaryInputs);
}

std::string_view to_string(SummaryFormat format) {
  return format == SummaryFormat::markdown ? "markdown" : "fields";
}

std::optional<SummaryFormat> parse_summary_format(std::string_view text) {
  return enum_from_text(text, kSummaryFormats);
}

Result<Config> parse_config(std::string_view json_text, std::string_view source_name) {
  ConfigJson root;
  try {
    root = parse_json_text<ConfigJson>(json_text);
  } catch (const ConfigJson::parse_error& e) {
    return Error{ErrorCode::invalid_config, syntax_error(json_text, source_name, e.byte, e.what())};
  } catch (const ConfigJson::exception& e) {  // e.g. a number too large for a double
    return Error{ErrorCode::invalid_config,
                 std::string(source_name) + ": " + library_reason(e.what())};
  } catch (const JsonShapeError& e) {  // nested too deep
    return Error{ErrorCode::invalid_config, std::string(source_name) + ": " + e.what()};
  }

  Config config;
  Reader reader;
  const Node node{root, ""};
  if (reader.object(node, "a JSON object {...} at the top level")) {
    read_fields<Config>(reader, node, kConfigFields, config);
    if (!root.contains("categories")) {
      reader.problem(
          Node{root, "/categories"},
          "missing; list the arXiv categories to follow, such as [\"cs.AI\", \"cs.CL\"]");
    }
  }
  if (reader.problems().empty()) {
    return config;
  }
  std::string message;
  for (const std::string& problem : reader.problems()) {
    message += (message.empty() ? "" : "\n") + std::string(source_name) + ": " + problem;
  }
  return Error{ErrorCode::invalid_config, std::move(message)};
}

std::vector<std::string> config_key_paths() {
  std::vector<std::string> paths;
  append_paths<Config>(paths, "", kConfigFields);
  append_paths<SourceConfig>(paths, "/source", kSourceFields);
  append_paths<AiSummaryConfig>(paths, "/ai_summary", kAiSummaryFields);
  append_paths<OutputConfig>(paths, "/output", kOutputFields);
  append_paths<DeliveryConfig>(paths, "/delivery", kDeliveryFields);
  append_paths<EmailDelivery>(paths, "/delivery/email", kEmailFields);
  append_paths<SlackDelivery>(paths, "/delivery/slack", kSlackFields);
  append_paths<DiscordDelivery>(paths, "/delivery/discord", kDiscordFields);
  append_paths<TelegramDelivery>(paths, "/delivery/telegram", kTelegramFields);
  append_paths<FeishuDelivery>(paths, "/delivery/feishu", kFeishuFields);
  append_paths<WebhookDelivery>(paths, "/delivery/webhook", kWebhookFields);
  return paths;
}

}  // namespace arxiv_digest
