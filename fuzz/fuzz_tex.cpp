// TeX accent escapes in author names (G\"ul, Alt{\i}nta\c{s}) through decode_tex_accents.

#include <algorithm>

#include "arxiv_digest/feed.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = arxiv_digest::fuzz::as_text(data, size);
  const std::string decoded = arxiv_digest::decode_tex_accents(text);
  // Names are written into Markdown, JSON and mail: decoding never makes UTF-8 invalid.
  if (arxiv_digest::fuzz::is_valid_utf8(text)) {
    FUZZ_CHECK(arxiv_digest::fuzz::is_valid_utf8(decoded));
  }
  // ASCII without a backslash has nothing to decode.
  const bool ascii = std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii && text.find('\\') == std::string_view::npos) {
    FUZZ_CHECK(decoded == text);
  }
  return 0;
}
