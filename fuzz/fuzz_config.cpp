// config.json through parse_config, the parse and validation `validate` and every command run,
// and the effective config write_config prints, which must read back to the same Config.

#include "arxiv_digest/config.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json = arxiv_digest::fuzz::as_text(data, size);
  auto config = arxiv_digest::parse_config(json, "fuzz.json");
  if (!config) {
    FUZZ_CHECK(config.error().code == arxiv_digest::ErrorCode::invalid_config);
    FUZZ_CHECK(!config.error().message.empty());
    return 0;
  }
  const std::string written = arxiv_digest::write_config(*config);
  auto reread = arxiv_digest::parse_config(written, "written.json");
  FUZZ_CHECK(reread.has_value());
  arxiv_digest::Config expected = *config;
  expected.notes.clear();  // legacy keys are not written
  FUZZ_CHECK(reread->notes.empty());
  FUZZ_CHECK(*reread == expected);
  return 0;
}
