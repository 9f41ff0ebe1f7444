#pragma once
// config.json: a superset of the original arxiv_rss_bot keys. Defaults live here, once, as member
// initializers; config.schema.json at the repository root mirrors this file.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/feed.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

// Each enum below is spelled in config.json (and in state files) exactly as its to_string writes
// it; its parse accepts exactly those spellings and gives nullopt for anything else, so callers
// word their own message (parse_config's names the JSON path and suggests the closest value).

// `match`: whole words or any substring.
enum class MatchMode { word, substring };
inline constexpr std::array kMatchModes{MatchMode::word, MatchMode::substring};
std::string_view to_string(MatchMode mode);
std::optional<MatchMode> parse_match_mode(std::string_view text);

// `ai_summary.mode`: one request per paper now, or one Batch API job collected later.
enum class SummaryMode { sync, batch };
inline constexpr std::array kSummaryModes{SummaryMode::sync, SummaryMode::batch};
std::string_view to_string(SummaryMode mode);
std::optional<SummaryMode> parse_summary_mode(std::string_view text);

// `ai_summary.input`: what the model reads, the abstract or the uploaded PDF.
enum class SummaryInput { abstract, pdf };
inline constexpr std::array kSummaryInputs{SummaryInput::abstract, SummaryInput::pdf};
std::string_view to_string(SummaryInput input);
std::optional<SummaryInput> parse_summary_input(std::string_view text);

// `ai_summary.format`: free Markdown, or JSON fields (TL;DR, motivation, method, ...).
enum class SummaryFormat { markdown, fields };
inline constexpr std::array kSummaryFormats{SummaryFormat::markdown, SummaryFormat::fields};
std::string_view to_string(SummaryFormat format);
std::optional<SummaryFormat> parse_summary_format(std::string_view text);

struct Keyword {
  std::string term;
  double weight = 1.0;
  bool exact = false;  // word mode: no plural/singular forms (also written as "\"term\"")
  bool operator==(const Keyword&) const = default;
};

struct SourceConfig {
  FeedKind kind = FeedKind::rss;
  std::string base_url;                                       // "" = arXiv's own hosts
  std::string oai_base_url = "https://oaipmh.arxiv.org/oai";  // `backfill` harvests here
  std::string user_agent;  // "" = arxiv-digest/VERSION (+REPO_URL)
  int min_interval_ms = 3000;
  int timeout_s = 30;
  int max_retries = 4;
  bool operator==(const SourceConfig&) const = default;
};

struct AiSummaryConfig {
  bool enabled = true;
  std::string api_key_env = "DASHSCOPE_API_KEY";
  std::string base_url = "https://dashscope.aliyuncs.com/compatible-mode/v1";
  std::string model = "qwen-long";
  std::string prompt_file;  // "" = built-in prompt for `format`
  SummaryFormat format = SummaryFormat::markdown;
  int max_papers_to_summarize = 15;
  int max_workers = 3;
  int timeout_s = 120;  // per request to the endpoint
  int max_retries = 4;  // after the first attempt
  SummaryMode mode = SummaryMode::sync;
  SummaryInput input = SummaryInput::abstract;
  double temperature = 0.3;
  long long max_tokens_per_run = 0;  // 0 = no limit
  bool batch_fallback_to_sync = true;
  std::string batch_completion_window = "24h";
  int batch_poll_interval_s = 60;
  int batch_wait_deadline_s = 600;
  bool keep_files = false;
  bool operator==(const AiSummaryConfig&) const = default;
};

// Paths are relative to the folder holding config.json unless absolute.
struct OutputConfig {
  std::string readme = "README.md";
  std::string archive_dir = "data";
  std::string state_dir = "state";
  std::string digests_dir = "digests";
  std::string feed = "feed.xml";
  std::string digest_json = "digest.json";
  std::string site_dir = "site";
  bool readme_enabled = true;
  bool daily_digest_enabled = true;
  bool cards_enabled = true;
  bool feed_enabled = true;
  bool trends_enabled = true;  // digests_dir/trends.svg, shown in the README
  bool weekly_enabled = true;  // digests_dir/YYYY-Www.md on the week's last announcement day
  int weekly_papers = 20;      // papers in a weekly roll-up
  bool site_enabled = false;   // the static HTML site in site_dir
  bool operator==(const OutputConfig&) const = default;
};

// `delivery`: where the digest is pushed after the outputs are written. A channel is on when its
// object is present; every secret (password, webhook URL, bot token, signing secret) is only
// named here, by the environment variable that holds it.
struct EmailDelivery {
  std::string smtp_url;     // smtp://host[:port] (STARTTLS) or smtps://host[:port] (implicit TLS)
  bool require_tls = true;  // false only for a loopback host
  std::string from;         // an address: bot@example.org
  std::vector<std::string> to;
  std::string username;  // "" = no AUTH
  std::string password_env = "SMTP_PASSWORD";
  bool send_empty = false;  // mail on a day with no new papers too
  bool operator==(const EmailDelivery&) const = default;
};

struct SlackDelivery {
  std::string webhook_env = "SLACK_WEBHOOK_URL";
  bool operator==(const SlackDelivery&) const = default;
};

struct DiscordDelivery {
  std::string webhook_env = "DISCORD_WEBHOOK_URL";
  bool operator==(const DiscordDelivery&) const = default;
};

struct TelegramDelivery {
  std::string bot_token_env = "TELEGRAM_BOT_TOKEN";
  std::string chat_id;  // "@channel_name" or a numeric chat id
  std::string api_base = "https://api.telegram.org";
  bool operator==(const TelegramDelivery&) const = default;
};

struct FeishuDelivery {
  std::string webhook_env = "FEISHU_WEBHOOK_URL";
  std::string secret_env;  // "" = the bot has no signature check
  bool operator==(const FeishuDelivery&) const = default;
};

struct WebhookDelivery {
  std::string url_env = "DIGEST_WEBHOOK_URL";
  bool operator==(const WebhookDelivery&) const = default;
};

struct DeliveryConfig {
  std::optional<EmailDelivery> email;
  std::optional<SlackDelivery> slack;
  std::optional<DiscordDelivery> discord;
  std::optional<TelegramDelivery> telegram;
  std::optional<FeishuDelivery> feishu;
  std::optional<WebhookDelivery> webhook;
  // A digest that changed after it was delivered (summaries arrived later) is sent again.
  bool resend_on_update = false;
  bool operator==(const DeliveryConfig&) const = default;
};

struct Config {
  std::vector<std::string> categories;
  std::vector<Keyword> keywords;
  std::vector<std::string> exclude_keywords;
  MatchMode match = MatchMode::word;
  std::vector<std::string> announce_types{"new"};
  int max_papers = 30;
  double min_score = 0.0;
  int days_back = 7;
  SourceConfig source;
  AiSummaryConfig ai_summary;
  OutputConfig output;
  DeliveryConfig delivery;
  // Keys of the original bot that are accepted but have no effect here, one note each (also
  // enable_deduplication: false, since papers are always deduplicated by arXiv id).
  std::vector<std::string> notes;
  bool operator==(const Config&) const = default;
};

// Parses and validates config.json text. On failure the Error (code invalid_config) lists every
// problem, one per line, as `SOURCE: /json/path: expected ..., got ...` with "did you mean" hints
// for unknown keys.
Result<Config> parse_config(std::string_view json_text, std::string_view source_name);

// The effective config as pretty JSON (2-space indent, trailing newline), every current key in
// schema order: what `--verbose` logs and what parse_config reads back to an equal Config. Legacy
// keys and `notes` are not written. Holds no secret (the API key is only named, never stored).
std::string write_config(const Config& config);

// Every key parse_config accepts, as JSON Pointers ("/max_papers", "/ai_summary/use_pdf"), legacy
// keys and "$schema" included; keyword objects' "term"/"weight" are not listed. Tests compare it
// with config.schema.json so the two cannot drift.
std::vector<std::string> config_key_paths();

}  // namespace arxiv_digest
