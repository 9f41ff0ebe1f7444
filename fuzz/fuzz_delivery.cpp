// The delivery codecs: the chat platforms' and the webhook's answers as a run reads them, and the
// messages built from a digest whose titles, authors and summaries are any text (they come from
// arXiv and the model): Slack, Discord, Telegram, Feishu bodies and the email.

#include <nlohmann/json.hpp>

#include "arxiv_digest/chat_messages.hpp"
#include "arxiv_digest/email_message.hpp"
#include "core/delivery/chat_reply.hpp"
#include "core/delivery/message_split.hpp"
#include "core/render/embedded_files.hpp"
#include "core/util/text.hpp"
#include "fuzz_check.hpp"

namespace {

using arxiv_digest::ChatReply;

void check_reply(int status, const ChatReply& reply) {
  FUZZ_CHECK(!reply.delivered || (status >= 200 && status < 300));
  FUZZ_CHECK(reply.delivered || !reply.reason.empty());
  FUZZ_CHECK(!reply.retry_after || reply.retry_after->count() >= 0);
  // One short line for the run status.
  FUZZ_CHECK(reply.reason.size() <= 300);
  FUZZ_CHECK(reply.reason.find('\n') == std::string::npos);
}

void fuzz_replies(std::string_view body) {
  for (const int status : {200, 204, 400, 403, 429, 500}) {
    check_reply(status, arxiv_digest::read_slack_reply(status, body));
    check_reply(status, arxiv_digest::read_discord_reply(status, body));
    check_reply(status, arxiv_digest::read_telegram_reply(status, body));
    check_reply(status, arxiv_digest::read_feishu_reply(status, body));
    check_reply(status, arxiv_digest::read_webhook_reply(status, body));
    const std::string reason = arxiv_digest::reply_reason(status, body);
    FUZZ_CHECK(reason.starts_with("HTTP " + std::to_string(status)));
    (void)arxiv_digest::is_transient_status(status);
  }
}

std::vector<std::string_view> input_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty() && lines.size() < 64) {
    const auto end = text.find('\n');
    lines.push_back(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  return lines;
}

// Lines of the input, three per paper: title, authors (comma separated), summary ("\n" as "\\n").
arxiv_digest::DeliveryDigest fuzz_digest(std::string_view text) {
  arxiv_digest::DeliveryDigest digest;
  digest.date = "2026-02-12";
  digest.categories = {"cs.AI", "cs.LG"};
  digest.sender = "owner/repo";
  digest.sender_url = "https://github.com/owner/repo/actions/runs/1";
  const auto lines = input_lines(text);
  for (std::size_t i = 0; i + 2 < lines.size(); i += 3) {
    arxiv_digest::DeliveryPaper paper;
    paper.id = "2602." + std::to_string(10000 + i) + "v1";
    paper.title = lines[i];
    std::string_view authors = lines[i + 1];
    while (!authors.empty()) {
      const auto comma = authors.find(',');
      paper.authors.emplace_back(authors.substr(0, comma));
      authors = comma == std::string_view::npos ? std::string_view() : authors.substr(comma + 1);
    }
    paper.link = "https://arxiv.org/abs/" + paper.id;
    paper.pdf_link = "https://arxiv.org/pdf/" + paper.id;
    paper.categories = {"cs.AI"};
    paper.score = static_cast<double>(i);
    for (std::size_t at = 0; at < lines[i + 2].size(); ++at) {
      const bool escape = lines[i + 2].substr(at, 2) == "\\n";
      paper.text += escape ? '\n' : lines[i + 2][at];
      at += escape ? 1 : 0;
    }
    paper.summarized = i % 2 == 0;
    digest.papers.push_back(std::move(paper));
  }
  digest.candidates = digest.papers.size();
  return digest;
}

void check_json_bodies(const std::vector<std::string>& bodies, std::size_t max_bytes) {
  FUZZ_CHECK(!bodies.empty());
  for (const auto& body : bodies) {
    FUZZ_CHECK(nlohmann::json::accept(body));
    FUZZ_CHECK(body.size() <= max_bytes);
  }
}

void fuzz_messages(std::string_view text) {
  const auto digest = fuzz_digest(text);
  const std::size_t any = static_cast<std::size_t>(-1);
  check_json_bodies(arxiv_digest::slack_messages(digest), any);
  check_json_bodies(arxiv_digest::discord_messages(digest), any);
  check_json_bodies(arxiv_digest::telegram_messages(digest, "-100123"), any);
  check_json_bodies(arxiv_digest::feishu_messages(digest, arxiv_digest::FeishuSignature{1, "s"}),
                    20 * 1024);
  arxiv_digest::EmailHeaders headers{"bot@example.org",
                                     {"reader@example.org"},
                                     "Thu, 12 Feb 2026 06:46:51 +0000",
                                     "<fuzz@example.org>"};
  const arxiv_digest::EmailTemplates templates{
      std::string(arxiv_digest::embedded_file("email.txt.mustache").value_or("")),
      std::string(arxiv_digest::embedded_file("email.html.mustache").value_or(""))};
  auto mail = arxiv_digest::email_message(digest, headers, templates);
  FUZZ_CHECK(mail.has_value());
  // RFC 5322 2.1.1: no line longer than 998 characters, and every line ends in CRLF.
  std::size_t start = 0;
  for (auto end = mail->find("\r\n"); end != std::string::npos; end = mail->find("\r\n", start)) {
    const std::string_view line(mail->data() + start, end - start);
    FUZZ_CHECK(line.size() <= 998);
    FUZZ_CHECK(line.find('\n') == std::string_view::npos &&
               line.find('\r') == std::string_view::npos);
    start = end + 2;
  }
  FUZZ_CHECK(start == mail->size());
}

void fuzz_text_codecs(std::string_view text) {
  const std::string header = arxiv_digest::encode_header_text(text);
  FUZZ_CHECK(header.find_first_of("\t\n") == std::string::npos || header.starts_with("=?"));
  // Printable ASCII stays as it is; anything else becomes encoded-words folded within 78.
  std::size_t start = header.starts_with("=?UTF-8?B?") ? 0 : header.size() + 1;
  while (start <= header.size()) {
    const auto end = header.find("\r\n", start);
    const std::size_t length = (end == std::string::npos ? header.size() : end) - start;
    FUZZ_CHECK(length <= 78);
    if (end == std::string::npos) {
      break;
    }
    start = end + 2;
  }
  for (const std::size_t max_chars : {0, 1, 10, 200}) {
    const std::string shortened = arxiv_digest::shorten_text(text, max_chars);
    FUZZ_CHECK(arxiv_digest::utf8_length(shortened) <= max_chars);
  }
  std::string rebuilt;
  arxiv_digest::for_each_bold_run(
      text, [&](std::string_view plain) { rebuilt += plain; },
      [&](std::string_view bold) { rebuilt += "**" + std::string(bold) + "**"; });
  FUZZ_CHECK(rebuilt == text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = arxiv_digest::fuzz::as_text(data, size);
  fuzz_replies(text);
  fuzz_text_codecs(text);
  fuzz_messages(text);
  return 0;
}
