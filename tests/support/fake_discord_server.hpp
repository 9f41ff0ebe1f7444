#pragma once
// A cpp-httplib fake of a Discord webhook's Execute Webhook on 127.0.0.1, shaped on Discord's
// documented limits and JSON error bodies (../shared/data/webhooks/FACTS.md 2.2 and the
// captured bodies in ../shared/data/webhooks/discord/):
//
//   POST /api/webhooks/<id>/<token>[?wait=true] (also /api/v<N>/webhooks/…)
//     another id                404 {"message": "Unknown Webhook", "code": 10015}
//     another token             401 {"message": "Invalid Webhook Token", "code": 50027}
//     Content-Type not JSON     400 code 50035, errors._errors CONTENT_TYPE_INVALID
//     body not JSON             400 {"message": "The request body contains invalid JSON.",
//                               "code": 50109}
//     fields over their limits  400 {"code": 50035, "errors": {<field path>: {"_errors":
//                               [{"code", "message"}]}}, "message": "Invalid Form Body"}, as
//                               Discord nests them: content ≤ 2,000; embeds ≤ 10; an embed's
//                               title ≤ 256, description ≤ 4,096, footer.text ≤ 2,048,
//                               author.name ≤ 256, fields ≤ 25 (name ≤ 256, value ≤ 1,024);
//                               url an http(s) URL; color 0–0xFFFFFF; all embed texts of a
//                               message ≤ 6,000 (MAX_EMBED_SIZE_EXCEEDED); allowed_mentions.parse
//                               only "roles", "users", "everyone"
//     nothing to show           400 {"message": "Cannot send an empty message", "code": 50006}
//   else, with wait=true, 200 and the message object; without it, 204 and no body. The message
//   is recorded either way.
// Texts are counted as Discord does, after trimming leading and trailing white space, but in
// UTF-16 units: never fewer than Discord counts.
//
// Every refusal above is also a violation (the digest must never earn one). So is what Discord
// would post but a digest must never send, which the fake accepts as Discord would:
//   * allowed_mentions missing, or not {"parse": []} (users or roles listed count too);
//   * "@everyone" or "@here" spelled out in any text;
//   * in Markdown (content, descriptions, field values), unescaped: a mention or tag opening
//     (<@, <#, <t:, <:, <a:), a masked link `](`, or a bare http:// / https:// URL.
//   * a request without ?wait=true, since then Discord hides the errors of unsaved messages.
// violations() lists them, "request N: why".
//
// Faults are scripted by request number (1 = the first POST, counted whatever the answer), and
// take the place of the real answer:
//   rate_limited  429 {"message": "You are being rate limited.", "retry_after": S, "global": G}
//                 with Retry-After (S rounded up), X-RateLimit-Limit/-Remaining 0/-Reset-After/
//                 -Bucket/-Scope (user or global) and X-RateLimit-Global when global, as in the
//                 captured answers
//   server_error  500 {"message": "500: Internal Server Error", "code": 0}
//   slow          held until release_slow() (or stop), then answered as usual — a message the
//                 client gave up on may still be posted, as it may be for real
//   dropped       headers promise a body, a few bytes come, then the connection closes; the
//                 message is not recorded

#include <httplib.h>

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/loopback_server.hpp"

namespace arxiv_digest::testing {

struct DiscordFault {
  enum class Kind { rate_limited, server_error, slow, dropped };
  Kind kind = Kind::server_error;
  double retry_after_s = 0.25;  // for rate_limited: the body's retry_after
  bool global = false;          // for rate_limited
};

// One POST, whatever was answered.
struct DiscordRequest {
  std::string path;
  bool wait = false;  // ?wait=true
  std::string content_type;
  std::string body;
  int status = 0;  // 0 for a dropped connection
  std::string answer;
};

// One message the fake accepted.
struct DiscordMessage {
  nlohmann::json body;  // the whole request
  std::string id;       // the snowflake answered
  std::string content;  // "" when none
  std::vector<nlohmann::json> embeds;
};

// What the fake finds live in Discord Markdown `text` (the rules above), with `where` before
// each problem.
std::vector<std::string> check_discord_markdown(std::string_view text, const std::string& where);

class FakeDiscordServer {
 public:
  explicit FakeDiscordServer(std::string webhook_id = "123", std::string token = "token");
  FakeDiscordServer(const FakeDiscordServer&) = delete;
  FakeDiscordServer& operator=(const FakeDiscordServer&) = delete;
  ~FakeDiscordServer();

  void start() { server_.start(); }
  // Releases held requests first, so stop never waits on one.
  void stop();
  // The webhook URL, as Discord gives it: http://127.0.0.1:PORT/api/webhooks/123/token (the
  // client adds ?wait=true).
  std::string url() const { return server_.url("/api/webhooks/" + webhook_id_ + "/" + token_); }

  // `request_number` counts from 1 over all POSTs. Thread-safe.
  void fail_request(int request_number, DiscordFault fault);
  // Answers every `slow` request held so far and every later one at once.
  void release_slow() { slow_gate_.open(); }

  std::vector<DiscordRequest> requests() const;
  std::vector<DiscordMessage> messages() const;  // accepted, in arrival order
  std::vector<std::string> violations() const;
  int request_count() const;

 private:
  void routes();
  // Answers one request: status and body, recording an accepted message and any violation.
  std::pair<int, std::string> answer(int request_number, const std::string& id,
                                     const std::string& token, bool wait,
                                     const std::string& content_type, const std::string& body);

  std::string webhook_id_;
  std::string token_;
  mutable std::mutex mutex_;
  std::map<int, DiscordFault> faults_;
  std::vector<DiscordRequest> requests_;
  std::vector<DiscordMessage> messages_;
  std::vector<std::string> violations_;
  long long next_id_ = 1339000000000000000LL;
  Gate slow_gate_;
  // Last: destroyed first, while everything its handlers use still exists.
  LoopbackServer server_;
};

}  // namespace arxiv_digest::testing
