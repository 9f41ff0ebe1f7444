#pragma once
// A cpp-httplib fake of the Telegram Bot API's sendMessage on 127.0.0.1, shaped on the server's
// documented rules and error envelope (../shared/data/webhooks/FACTS.md 2.3):
//
//   POST /bot<TOKEN>/sendMessage with a JSON body
//     wrong token            401 {"ok":false,"error_code":401,"description":"Unauthorized"}
//     other method or path   404 {"ok":false,"error_code":404,"description":"Not Found"}
//     body not JSON          400 "Bad Request: can't parse JSON"
//     no chat_id             400 "Bad Request: chat_id is empty"
//     parse_mode not HTML    400 "Bad Request: unsupported parse_mode" (any case, like Telegram;
//                            the fake knows only HTML, the mode the digest uses)
//     text > 32,768 bytes    400 "Bad Request: text is too long"
//     HTML it cannot parse   400 "Bad Request: can't parse entities: <why> at byte offset N"
//     nothing visible        400 "Bad Request: message text is empty"
//     > 4,096 UTF-16 units   400 "Bad Request: message is too long"
//   else 200 {"ok":true,"result":{message_id, date, chat, text}} and the message is recorded.
//
// The HTML check is stricter than Telegram's in one way: a bare `&`, `<` or `>` in text is an
// error (Telegram reads some as text), so a missing escape cannot pass unnoticed. Allowed tags:
// b strong i em u ins s strike del tg-spoiler span(class="tg-spoiler") a(href) tg-emoji(emoji-id)
// code pre(code inside, with class="language-…") blockquote(expandable); properly nested, no
// tag inside code/pre other than pre>code, no link inside a link.
//
// Faults are scripted by request number (1 = the first POST to sendMessage, counted whatever the
// answer), and take the place of the real answer:
//   rate_limited  429 {"ok":false,"error_code":429,"description":"Too Many Requests: retry
//                 after N","parameters":{"retry_after":N}}
//   server_error  500 {"ok":false,"error_code":500,"description":"Internal Server Error"}
//   slow          held until release_slow() (or stop), then answered as usual — as Telegram
//                 does, a message the client gave up on may still be delivered
//   dropped       headers promise a body, a few bytes come, then the connection closes; the
//                 message is not recorded

#include <httplib.h>

#include <cstddef>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/loopback_server.hpp"

namespace arxiv_digest::testing {

struct TelegramFault {
  enum class Kind { rate_limited, server_error, slow, dropped };
  Kind kind = Kind::server_error;
  int retry_after_s = 3;  // for rate_limited
};

// One POST to sendMessage, whatever was answered.
struct TelegramRequest {
  std::string path;
  std::string body;
  int status = 0;  // 0 for a dropped connection
  std::string answer;
};

// One message the fake accepted.
struct TelegramMessage {
  nlohmann::json chat_id;  // as sent: a number or a string
  std::string html;        // `text` as sent
  std::string visible;     // what a reader sees: tags dropped, entities decoded
  nlohmann::json body;     // the whole request
};

// What Telegram's HTML parser makes of `html`: the visible text, or why it refuses it.
struct TelegramHtmlCheck {
  std::string error;  // "" when accepted; else Telegram-like, with a byte offset
  std::string visible;
  std::size_t utf16_units = 0;     // of `visible`
  std::vector<std::string> hrefs;  // decoded, in order
};
TelegramHtmlCheck check_telegram_html(std::string_view html);

class FakeTelegramServer {
 public:
  explicit FakeTelegramServer(std::string token);
  FakeTelegramServer(const FakeTelegramServer&) = delete;
  FakeTelegramServer& operator=(const FakeTelegramServer&) = delete;
  ~FakeTelegramServer();

  void start() { server_.start(); }
  // Releases held requests first, so stop never waits on one.
  void stop();
  // The Bot API base the client is configured with: requests go to api_base() + "/bot<token>/
  // sendMessage".
  std::string api_base() const { return server_.url(""); }
  std::string send_message_url() const { return server_.url("/bot" + token_ + "/sendMessage"); }

  // `request_number` counts from 1 over all POSTs to sendMessage. Thread-safe.
  void fail_request(int request_number, TelegramFault fault);
  // Answers every `slow` request held so far and every later one at once.
  void release_slow() { slow_gate_.open(); }

  std::vector<TelegramRequest> requests() const;
  std::vector<TelegramMessage> messages() const;  // accepted, in arrival order
  int request_count() const;

 private:
  void routes();
  // Answers one sendMessage request: status and body, recording an accepted message.
  std::pair<int, std::string> answer(const std::string& token, const std::string& body);

  std::string token_;
  mutable std::mutex mutex_;
  std::map<int, TelegramFault> faults_;
  std::vector<TelegramRequest> requests_;
  std::vector<TelegramMessage> messages_;
  int next_message_id_ = 1;
  Gate slow_gate_;
  // Last: destroyed first, while everything its handlers use still exists.
  LoopbackServer server_;
};

}  // namespace arxiv_digest::testing
