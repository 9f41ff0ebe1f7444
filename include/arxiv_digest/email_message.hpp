#pragma once
// The digest as an email: a MIME message (RFC 5322, RFC 2045-2047) ready for SMTP, built
// without secrets and without a clock (the caller passes the date and the Message-ID).
//
//   From, To, Subject (RFC 2047 encoded-words when not ASCII), Date, Message-ID, MIME-Version,
//   Auto-Submitted: auto-generated, and a multipart/alternative body: a text/plain part and a
//   text/html part, each UTF-8 in base64, each rendered from its template (templates/
//   email.txt.mustache and email.html.mustache, overridable like the README's). In the HTML
//   part every string from arXiv or the model is escaped before the template sees it, and the
//   only links are the papers' arxiv.org pages and PDFs.

#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/delivery.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

struct EmailHeaders {
  std::string from;             // bot@example.org
  std::vector<std::string> to;  // each an address
  std::string date;             // RFC 5322: "Thu, 12 Feb 2026 06:46:51 +0000" (rfc5322_date)
  std::string message_id;       // "<unique@host>"
};

struct EmailTemplates {
  std::string text;  // mustache, plain text
  std::string html;  // mustache, HTML (values arrive escaped)
};

// The whole message, lines ending in CRLF. A template that does not render is the Error.
Result<std::string> email_message(const DeliveryDigest& digest, const EmailHeaders& headers,
                                  const EmailTemplates& templates);

// `text` as a header value: as it is when it is printable ASCII, else RFC 2047 "B" encoded-words
// of UTF-8 (never splitting a character), folded so no line passes 78 characters.
std::string encode_header_text(std::string_view text);

}  // namespace arxiv_digest
