#pragma once
// What each chat platform is sent for a digest, and how to read its answer. Every function is
// pure: the webhook URL, bot token and signing secret are secrets that app/delivery adds; the
// signing time comes from the Clock through the caller.
//
// A digest becomes one or more messages, in order: the header (delivery_header) opens the first,
// the footer (delivery_footer) closes the last, and papers are never split across messages. Every
// message is within the platform's documented limits (../shared/data/webhooks/FACTS.md); a paper
// whose text alone would break one is shortened (at a sentence or word, with "…"). Text from
// papers and summaries is escaped for the platform's markup, so a title can neither break the
// message nor mention anyone (@channel, @everyone, <!here>) nor add a link.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/delivery.hpp"

namespace arxiv_digest {

// How a platform answered one message.
struct ChatReply {
  bool delivered = false;
  // A refusal that another attempt may overcome (rate limit, throttling, a server error), with
  // the wait the body asked for when it said one (Discord's and Telegram's retry_after). A wait in
  // the Retry-After header is read by the caller.
  bool retry = false;
  std::optional<std::chrono::milliseconds> retry_after;
  // Why it was not delivered, for the run status: "HTTP 400: invalid_blocks", "Feishu code
  // 19021: sign match fail". Short, one line, never the request.
  std::string reason;
  bool operator==(const ChatReply&) const = default;
};

// Slack incoming webhook: Block Kit (≤ 50 blocks, section text ≤ 3,000 characters, mrkdwn) with
// a plain `text` fallback. Success is 200 with the body "ok".
std::vector<std::string> slack_messages(const DeliveryDigest& digest);
ChatReply read_slack_reply(int status, std::string_view body);

// Discord webhook (POSTed with ?wait=true): embeds (≤ 10 per message, description ≤ 4,096,
// ≤ 6,000 characters of embed text in all), content ≤ 2,000, allowed_mentions empty.
std::vector<std::string> discord_messages(const DeliveryDigest& digest);
ChatReply read_discord_reply(int status, std::string_view body);

// Telegram Bot API sendMessage to `chat_id` (HTML parse mode with only the tags Telegram
// allows, ≤ 4,096 characters after parsing, link previews off).
std::vector<std::string> telegram_messages(const DeliveryDigest& digest, std::string_view chat_id);
ChatReply read_telegram_reply(int status, std::string_view body);

// Feishu/Lark custom bot. With a signing secret each body carries "timestamp" (Unix seconds, as
// a string) and "sign" = feishu_sign(timestamp, secret). Bodies stay within 20 KB.
struct FeishuSignature {
  std::int64_t timestamp = 0;  // Unix seconds
  std::string secret;
};
// Base64 of HMAC-SHA256 keyed with `timestamp + "\n" + secret` over an empty message (keying on
// the secret alone is what Feishu answers with code 19021).
std::string feishu_sign(std::int64_t timestamp, std::string_view secret);
std::vector<std::string> feishu_messages(const DeliveryDigest& digest,
                                         const std::optional<FeishuSignature>& signature);
ChatReply read_feishu_reply(int status, std::string_view body);

// The generic webhook: digest.json is POSTed as it is; any 2xx is delivered.
ChatReply read_webhook_reply(int status, std::string_view body);

}  // namespace arxiv_digest
