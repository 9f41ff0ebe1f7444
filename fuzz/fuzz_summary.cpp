// A model's answer as sanitize_summary takes it before anything stores it: the first line is the
// paper's abstract (the links it allows), the rest the answer.

#include <algorithm>

#include "arxiv_digest/summary_sanitizer.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = arxiv_digest::fuzz::as_text(data, size);
  const std::size_t newline = std::min(input.find('\n'), input.size());
  const std::string_view abstract = input.substr(0, newline);
  const std::string_view answer = input.substr(std::min(newline + 1, input.size()));
  constexpr std::size_t kLimit = 256;  // small, so the cut is reached often
  const std::string clean = arxiv_digest::sanitize_summary(answer, abstract, kLimit);
  // Bounded: every kept byte grows at most to "&lt;" (4), plus a closing fence.
  FUZZ_CHECK(clean.size() <= 4 * kLimit + 16);
  // No control characters but tab and newline, none of them a carriage return.
  FUZZ_CHECK(std::none_of(clean.begin(), clean.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t';
  }));
  // Cutting never splits a UTF-8 sequence of a valid answer.
  if (arxiv_digest::fuzz::is_valid_utf8(answer)) {
    FUZZ_CHECK(arxiv_digest::fuzz::is_valid_utf8(clean));
  }
  (void)arxiv_digest::sanitize_summary(clean, abstract, kLimit);
  return 0;
}
