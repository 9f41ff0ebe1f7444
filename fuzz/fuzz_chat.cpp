// A provider's answer to /chat/completions as the summarizers read it: the completion or the
// error envelope, the `fields` summary inside it, and the quote an error message carries.

#include "arxiv_digest/chat_codec.hpp"
#include "core/util/text.hpp"
#include "fuzz_check.hpp"

namespace {

void check_completion(const arxiv_digest::ChatCompletion& completion) {
  // Counts are sanitized where they enter, so the sums a run adds stay exact.
  FUZZ_CHECK(completion.usage.prompt_tokens >= 0);
  FUZZ_CHECK(completion.usage.completion_tokens >= 0);
  // Each is the sum of two members (prompt_tokens and input_tokens), each within the limit.
  FUZZ_CHECK(completion.usage.prompt_tokens <= 2 * arxiv_digest::kMaxTokenCount);
  FUZZ_CHECK(completion.usage.completion_tokens <= 2 * arxiv_digest::kMaxTokenCount);
  auto fields = arxiv_digest::parse_summary_fields(completion.content);
  if (fields) {
    FUZZ_CHECK(!fields->tldr.empty());
    (void)arxiv_digest::fields_markdown(*fields);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = arxiv_digest::fuzz::as_text(data, size);
  for (const int status : {200, 400, 429, 500}) {
    auto completion = arxiv_digest::parse_chat_response(status, body);
    if (completion) {
      FUZZ_CHECK(status == 200);
      check_completion(*completion);
    }
    (void)arxiv_digest::provider_failure(status, body);
  }
  if (auto error = arxiv_digest::parse_provider_error(body)) {
    (void)arxiv_digest::is_quota_error(*error);
  }
  // The content of a reply is the model's text: the fields format is read from it directly too.
  if (auto fields = arxiv_digest::parse_summary_fields(body)) {
    (void)arxiv_digest::fields_markdown(*fields);
  }
  const std::string quote = arxiv_digest::quote_body(body, 40);
  FUZZ_CHECK(quote.size() <= 40 + std::string_view("\"...\"").size());
  for (const char c : quote) {
    FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);
  }
  return 0;
}
