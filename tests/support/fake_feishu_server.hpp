#pragma once
// A cpp-httplib fake of a Feishu/Lark custom bot webhook on 127.0.0.1, shaped on the guide's
// rules and the real error bodies in ../shared/data/webhooks/feishu/ (FACTS.md 2.4). Feishu
// answers HTTP 200 and puts the verdict in `code`; so does the fake, in this order:
//
//   POST /open-apis/bot/v2/hook/<token> with a JSON body
//     wrong token          {"code":19001,"data":{},"msg":"param invalid: incoming webhook
//                          access token invalid"}
//     body > max_body      {"code":19036,"data":{},"msg":"The message exceeds the size limit
//                          of 20KB"} (code and wording as senders report them)
//     body not JSON        {"code":9499,"data":{},"msg":"Bad Request"}
//     with a secret: no timestamp/sign, timestamp more than an hour from now(), or a sign other
//     than Base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = "")):
//                          {"code":19021,"data":{},"msg":"sign match fail or timestamp is not
//                          within one hour from current time"} (the captured body)
//     no msg_type          {"code":19002,"msg":"params error, msg_type need"} (captured)
//     msg_type not post, or a post that is not content.post.<locale>{title?, content: [[element,
//     …], …]} with elements text{text} / a{text, href} / at{user_id} / img / emotion / hr:
//                          {"code":19002,"data":{},"msg":"params error, <what>"}
//   else {"StatusCode":0,"StatusMessage":"success","code":0,"data":{},"msg":"success"} and the
//   message is recorded.
//
// now() is the test's: set_now(unix seconds), as the client's FakeClock signs with; until set,
// the system clock.
//
// Faults are scripted by request number (1 = the first POST to the hook, counted whatever the
// answer), and take the place of the real answer:
//   throttled     HTTP 200 {"code":11232,"data":{},"msg":"frequency limited"}
//   server_error  HTTP 500 {"code":500,"msg":"Internal Server Error"}
//   slow          held until release_slow() (or stop), then answered as usual (so a message
//                 the client gave up on may still be delivered, as it may be for real)
//   dropped       headers promise a body, a few bytes come, then the connection closes; the
//                 message is not recorded

#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "support/loopback_server.hpp"

namespace arxiv_digest::testing {

enum class FeishuFault { throttled, server_error, slow, dropped };

// One POST to the hook, whatever was answered.
struct FeishuRequest {
  std::string path;
  std::string body;
  int status = 0;  // HTTP status; 0 for a dropped connection
  std::string answer;
};

// One message the fake accepted.
struct FeishuMessage {
  nlohmann::json body;  // the whole request, timestamp and sign included
  std::string title;    // of the first locale
  // Every element's text, a paragraph a line, and the links (href) in order.
  std::string text;
  std::vector<std::string> hrefs;
  std::size_t bytes = 0;  // of the request body
};

class FakeFeishuServer {
 public:
  // Without a secret, signatures are neither needed nor checked (as for a bot without one).
  explicit FakeFeishuServer(std::string token, std::optional<std::string> secret = std::nullopt);
  FakeFeishuServer(const FakeFeishuServer&) = delete;
  FakeFeishuServer& operator=(const FakeFeishuServer&) = delete;
  ~FakeFeishuServer();

  void start() { server_.start(); }
  // Releases held requests first, so stop never waits on one.
  void stop();
  // The webhook URL a user copies from Feishu: .../open-apis/bot/v2/hook/<token>.
  std::string webhook_url() const { return server_.url("/open-apis/bot/v2/hook/" + token_); }

  // The time signatures are checked against (Unix seconds). Thread-safe.
  void set_now(std::int64_t unix_seconds);
  // The body limit (20,000 bytes by default: what the digest keeps to; the guide says 20 KB).
  void set_max_body(std::size_t bytes);
  // `request_number` counts from 1 over all POSTs to the hook. Thread-safe.
  void fail_request(int request_number, FeishuFault fault);
  // Answers every `slow` request held so far and every later one at once.
  void release_slow() { slow_gate_.open(); }

  std::vector<FeishuRequest> requests() const;
  std::vector<FeishuMessage> messages() const;  // accepted, in arrival order
  int request_count() const;

  // Base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = "")), computed here with
  // OpenSSL's EVP_MAC interface, apart from the code under test.
  static std::string expected_sign(const std::string& timestamp, const std::string& secret);

 private:
  void routes();
  std::pair<int, std::string> answer(const std::string& token, const std::string& body);

  std::string token_;
  std::optional<std::string> secret_;
  mutable std::mutex mutex_;
  std::optional<std::int64_t> now_;
  std::size_t max_body_ = 20000;
  std::map<int, FeishuFault> faults_;
  std::vector<FeishuRequest> requests_;
  std::vector<FeishuMessage> messages_;
  Gate slow_gate_;
  // Last: destroyed first, while everything its handlers use still exists.
  LoopbackServer server_;
};

}  // namespace arxiv_digest::testing
