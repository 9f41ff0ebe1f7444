#include "fakes/fake_mail_sender.hpp"

namespace arxiv_digest::testing {

Result<void> FakeMailSender::send(const MailRequest& request) {
  std::lock_guard lock(mutex_);
  requests_.push_back(request);
  if (script_.empty()) {
    return {};
  }
  Error error = std::move(script_.front());
  script_.pop_front();
  return error;
}

void FakeMailSender::push(Error error) {
  std::lock_guard lock(mutex_);
  script_.push_back(std::move(error));
}

std::vector<MailRequest> FakeMailSender::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

}  // namespace arxiv_digest::testing
