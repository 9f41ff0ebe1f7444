#include "core/delivery/chat_reply.hpp"

#include "arxiv_digest/chat_messages.hpp"
#include "core/delivery/message_split.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest {
namespace {

constexpr std::size_t kReasonChars = 200;

}  // namespace

std::string reply_reason(int status, std::string_view body) {
  std::string line(trim(body.substr(0, body.find('\n'))));
  for (char& c : line) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      c = ' ';
    }
  }
  line = shorten_text(line, kReasonChars);
  return "HTTP " + std::to_string(status) + (line.empty() ? "" : ": " + line);
}

bool is_transient_status(int status) { return status == 429 || (status >= 500 && status <= 599); }

ChatReply read_webhook_reply(int status, std::string_view body) {
  ChatReply reply;
  reply.delivered = status >= 200 && status <= 299;
  if (!reply.delivered) {
    reply.retry = is_transient_status(status);
    reply.reason = reply_reason(status, body);
  }
  return reply;
}

}  // namespace arxiv_digest
