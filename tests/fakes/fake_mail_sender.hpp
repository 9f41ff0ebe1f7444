#pragma once
// FakeMailSender: a MailSender that records every request and answers from a script (first in,
// first out), then with success.

#include <deque>
#include <mutex>
#include <vector>

#include "arxiv_digest/ports.hpp"

namespace arxiv_digest::testing {

class FakeMailSender final : public MailSender {
 public:
  Result<void> send(const MailRequest& request) override;

  void push(Error error);  // the next send fails with it

  std::vector<MailRequest> requests() const;

 private:
  mutable std::mutex mutex_;
  std::deque<Error> script_;
  std::vector<MailRequest> requests_;
};

}  // namespace arxiv_digest::testing
