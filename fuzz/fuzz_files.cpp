// The Files API's answers (upload, retrieve, delete) through parse_file_object.

#include "arxiv_digest/files_codec.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = arxiv_digest::fuzz::as_text(data, size);
  auto file = arxiv_digest::parse_file_object(body);
  if (!file) {
    FUZZ_CHECK(!file.error().message.empty());
    return 0;
  }
  // What the upload sends back is sent again: the form must carry it whatever its bytes.
  const auto form = arxiv_digest::encode_multipart(
      {{"purpose", "", "", "batch"}, {"file", file->id, "application/jsonl", body}});
  FUZZ_CHECK(form.body.find(body) != std::string::npos);
  const auto at = form.content_type.find("boundary=");
  FUZZ_CHECK(at != std::string::npos);
  // A delimiter only between the parts and at the end, never inside one (RFC 2046 5.1.1).
  const std::string delimiter = "\r\n--" + form.content_type.substr(at + 9);
  std::size_t delimiters = 0;
  for (auto pos = form.body.find(delimiter); pos != std::string::npos;
       pos = form.body.find(delimiter, pos + 1)) {
    ++delimiters;
  }
  FUZZ_CHECK(delimiters == 2);
  return 0;
}
