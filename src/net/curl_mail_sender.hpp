#pragma once
// CurlMailSender: the MailSender port over libcurl's SMTP. Built in main only.
//
// One transfer per mail: EHLO, STARTTLS (required unless the request says otherwise; smtps://
// is TLS from the start), AUTH when a user name is given, MAIL FROM, RCPT TO for each recipient
// (every one must be accepted), DATA. TLS certificates are verified. Errors name the server
// (scheme, host and port only), the SMTP step and the server's reply code, never the password
// or the message.

#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::net {

class CurlMailSender final : public MailSender {
 public:
  Result<void> send(const MailRequest& request) override;
};

}  // namespace arxiv_digest::net
