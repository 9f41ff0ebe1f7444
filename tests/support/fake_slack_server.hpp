#pragma once
// A cpp-httplib fake of a Slack incoming webhook on 127.0.0.1, shaped on Slack's documented
// rules and plain-text error bodies (../shared/data/webhooks/FACTS.md 2.1):
//
//   POST /services/T000/B000/XXXX with a JSON body
//     other path                  404 no_service
//     body not a JSON object      400 invalid_payload
//     neither text nor blocks     400 no_text
//     text not a string           400 invalid_payload
//     blocks that break Block Kit 400 invalid_blocks: not an array of 1–50; a type other than
//                                 section, context, divider, header; a section without a text
//                                 object; a text object that is not {type: mrkdwn|plain_text,
//                                 text: 1–3,000 characters, verbatim: bool (mrkdwn only)}; a
//                                 context without 1–10 text elements; a header over 150
//   else 200 "ok" and the message is recorded.
// Characters are counted as UTF-16 units, never fewer than Slack counts.
//
// Every refusal above is also a violation (the digest must never earn one). So is what Slack
// would accept but a digest must never send, which the fake answers "ok" as Slack would:
//   * a message over 40,000 characters (Slack truncates it);
//   * in any mrkdwn text (the blocks' and the top-level `text`): a mrkdwn object without
//     verbatim: true; an `&` that does not start &amp; &lt; &gt;; a `>` outside a <…> sequence
//     (an unescaped one: Slack would show it, or quote a line); a <…> sequence other than a
//     link <http(s)://…|label> with one `|` (so <!channel>, <!here>, <@U…>, <#C…>, <!date…>);
//     an unclosed `<`; "@channel", "@here" or "@everyone" spelled out.
// violations() lists them, "request N: why".
//
// Faults are scripted by request number (1 = the first POST, counted whatever the answer), and
// take the place of the real answer:
//   rate_limited  429 "rate_limited" with Retry-After: N (seconds)
//   server_error  500 rollup_error
//   slow          held until release_slow() (or stop), then answered as usual — a message the
//                 client gave up on may still be posted, as it may be for real
//   dropped       headers promise a body, a byte comes, then the connection closes; the message
//                 is not recorded

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

struct SlackFault {
  enum class Kind { rate_limited, server_error, slow, dropped };
  Kind kind = Kind::server_error;
  int retry_after_s = 1;  // for rate_limited: the Retry-After header
};

// One POST, whatever was answered.
struct SlackRequest {
  std::string path;
  std::string body;
  int status = 0;  // 0 for a dropped connection
  std::string answer;
};

// One message the fake accepted.
struct SlackMessage {
  nlohmann::json body;              // the whole request
  std::string text;                 // the top-level fallback text
  std::vector<std::string> texts;   // every block's text object, in order
  std::vector<std::string> links;   // URLs of <url|label> links in the blocks, in order
  std::vector<std::string> labels;  // their labels
};

// What the fake finds wrong with one mrkdwn text (the markup rules above).
struct SlackMrkdwnCheck {
  std::vector<std::string> problems;
  std::vector<std::string> links;
  std::vector<std::string> labels;
};
SlackMrkdwnCheck check_slack_mrkdwn(std::string_view text);

class FakeSlackServer {
 public:
  FakeSlackServer();
  FakeSlackServer(const FakeSlackServer&) = delete;
  FakeSlackServer& operator=(const FakeSlackServer&) = delete;
  ~FakeSlackServer();

  void start() { server_.start(); }
  // Releases held requests first, so stop never waits on one.
  void stop();
  // The webhook URL, as Slack gives it: http://127.0.0.1:PORT/services/T000/B000/XXXX.
  std::string url() const { return server_.url(kPath); }

  // `request_number` counts from 1 over all POSTs. Thread-safe.
  void fail_request(int request_number, SlackFault fault);
  // Answers every `slow` request held so far and every later one at once.
  void release_slow() { slow_gate_.open(); }

  std::vector<SlackRequest> requests() const;
  std::vector<SlackMessage> messages() const;  // accepted, in arrival order
  std::vector<std::string> violations() const;
  int request_count() const;

  static constexpr std::string_view kPath = "/services/T000/B000/XXXX";

 private:
  void routes();
  // Answers one request: status and body, recording an accepted message and any violation.
  std::pair<int, std::string> answer(int request_number, const std::string& path,
                                     const std::string& body);

  mutable std::mutex mutex_;
  std::map<int, SlackFault> faults_;
  std::vector<SlackRequest> requests_;
  std::vector<SlackMessage> messages_;
  std::vector<std::string> violations_;
  Gate slow_gate_;
  // Last: destroyed first, while everything its handlers use still exists.
  LoopbackServer server_;
};

}  // namespace arxiv_digest::testing
