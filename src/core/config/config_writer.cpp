// write_config: the effective config as JSON, in schema order, for --verbose and round-trip tests.

#include "arxiv_digest/config.hpp"
#include "core/config/config_reader.hpp"

namespace arxiv_digest {
namespace {

ConfigJson keyword_json(const Keyword& keyword) {
  if (keyword.weight == 1.0 && !keyword.exact) {
    return keyword.term;
  }
  ConfigJson json{{"term", keyword.term}, {"weight", keyword.weight}};
  if (keyword.exact) {
    json["exact"] = true;
  }
  return json;
}

// Only the channels that are on: an absent object is how a channel is off.
ConfigJson delivery_json(const DeliveryConfig& d) {
  ConfigJson json = ConfigJson::object();
  if (d.email) {
    const EmailDelivery& e = *d.email;
    json["email"] = {{"smtp_url", e.smtp_url},
                     {"require_tls", e.require_tls},
                     {"from", e.from},
                     {"to", e.to},
                     {"username", e.username},
                     {"password_env", e.password_env},
                     {"send_empty", e.send_empty}};
  }
  if (d.slack) {
    json["slack"] = {{"webhook_env", d.slack->webhook_env}};
  }
  if (d.discord) {
    json["discord"] = {{"webhook_env", d.discord->webhook_env}};
  }
  if (d.telegram) {
    json["telegram"] = {{"bot_token_env", d.telegram->bot_token_env},
                        {"chat_id", d.telegram->chat_id},
                        {"api_base", d.telegram->api_base}};
  }
  if (d.feishu) {
    json["feishu"] = {{"webhook_env", d.feishu->webhook_env}, {"secret_env", d.feishu->secret_env}};
  }
  if (d.webhook) {
    json["webhook"] = {{"url_env", d.webhook->url_env}};
  }
  json["resend_on_update"] = d.resend_on_update;
  return json;
}

}  // namespace

std::string write_config(const Config& config) {
  ConfigJson keywords = ConfigJson::array();
  for (const Keyword& keyword : config.keywords) {
    keywords.push_back(keyword_json(keyword));
  }
  const SourceConfig& s = config.source;
  const AiSummaryConfig& a = config.ai_summary;
  const OutputConfig& o = config.output;
  const ConfigJson json = {
      {"categories", config.categories},
      {"keywords", keywords},
      {"exclude_keywords", config.exclude_keywords},
      {"match", to_string(config.match)},
      {"announce_types", config.announce_types},
      {"max_papers", config.max_papers},
      {"min_score", config.min_score},
      {"days_back", config.days_back},
      {"source",
       {{"kind", to_string(s.kind)},
        {"base_url", s.base_url},
        {"oai_base_url", s.oai_base_url},
        {"user_agent", s.user_agent},
        {"min_interval_ms", s.min_interval_ms},
        {"timeout_s", s.timeout_s},
        {"max_retries", s.max_retries}}},
      {"ai_summary",
       {{"enabled", a.enabled},
        {"api_key_env", a.api_key_env},
        {"base_url", a.base_url},
        {"model", a.model},
        {"prompt_file", a.prompt_file},
        {"format", to_string(a.format)},
        {"max_papers_to_summarize", a.max_papers_to_summarize},
        {"max_workers", a.max_workers},
        {"timeout_s", a.timeout_s},
        {"max_retries", a.max_retries},
        {"mode", to_string(a.mode)},
        {"input", to_string(a.input)},
        {"temperature", a.temperature},
        {"max_tokens_per_run", a.max_tokens_per_run},
        {"batch_fallback_to_sync", a.batch_fallback_to_sync},
        {"batch_completion_window", a.batch_completion_window},
        {"batch_poll_interval_s", a.batch_poll_interval_s},
        {"batch_wait_deadline_s", a.batch_wait_deadline_s},
        {"keep_files", a.keep_files}}},
      {"output",
       {{"readme", o.readme},
        {"archive_dir", o.archive_dir},
        {"state_dir", o.state_dir},
        {"digests_dir", o.digests_dir},
        {"feed", o.feed},
        {"digest_json", o.digest_json},
        {"site_dir", o.site_dir},
        {"readme_enabled", o.readme_enabled},
        {"daily_digest_enabled", o.daily_digest_enabled},
        {"cards_enabled", o.cards_enabled},
        {"feed_enabled", o.feed_enabled},
        {"trends_enabled", o.trends_enabled},
        {"weekly_enabled", o.weekly_enabled},
        {"weekly_papers", o.weekly_papers},
        {"site_enabled", o.site_enabled}}},
      {"delivery", delivery_json(config.delivery)},
  };
  return json.dump(2) + "\n";
}

}  // namespace arxiv_digest
