// The files a run reads back from its own output folder, which a person may have edited: archive
// lines (data/YYYY-MM-DD.jsonl), papers files, digest.json, state/batches.json,
// state/backfill.json and the delivery ledger. Whatever one reads, writing it and reading that
// again must give the same bytes: a record that changes on every run would be rewritten forever.

#include "arxiv_digest/archive.hpp"
#include "arxiv_digest/backfill_state.hpp"
#include "arxiv_digest/batch_state.hpp"
#include "arxiv_digest/delivery_ledger.hpp"
#include "arxiv_digest/digest_json.hpp"
#include "arxiv_digest/papers_file.hpp"
#include "core/util/date.hpp"
#include "fuzz_check.hpp"

namespace {

// parse(write(value)) writes the same text as write(value).
template <typename Parse, typename Write, typename Value>
void check_stable(const Value& value, Parse parse, Write write) {
  const std::string written = write(value);
  auto reread = parse(written);
  FUZZ_CHECK(reread.has_value());
  FUZZ_CHECK(write(*reread) == written);
}

// What `parse` reads from `text`, if anything, is stable; false when it reads nothing.
template <typename Parse, typename Write>
bool check_reader(std::string_view text, Parse parse, Write write) {
  auto value = parse(text, "fuzz.json");
  if (value) {
    const auto reparse = [&](std::string_view written) { return parse(written, "written.json"); };
    check_stable(*value, reparse, write);
  }
  return value.has_value();
}

void fuzz_archive_day(std::string_view text) {
  const auto day = arxiv_digest::read_archive_day(text, "fuzz.jsonl");
  FUZZ_CHECK(day.lines.size() == day.records.size());
  for (const auto& record : day.records) {
    FUZZ_CHECK(record.paper.version >= 1);
    FUZZ_CHECK(!record.rank || *record.rank >= 1);
  }
  FUZZ_CHECK(check_reader(arxiv_digest::write_archive(day.records), arxiv_digest::parse_archive,
                          arxiv_digest::write_archive));
  arxiv_digest::ShownHistory shown;
  arxiv_digest::add_shown(day.records, shown);
  (void)arxiv_digest::ranked_records(day.records);
  const auto digest =
      arxiv_digest::make_digest_json(day.records, "2026-02-12", "2026-02-12T06:00:00Z");
  FUZZ_CHECK(check_reader(arxiv_digest::write_digest_json(digest), arxiv_digest::parse_digest_json,
                          arxiv_digest::write_digest_json));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = arxiv_digest::fuzz::as_text(data, size);
  fuzz_archive_day(text);
  (void)arxiv_digest::parse_papers_file(text, "papers.json");
  if (auto digest = arxiv_digest::parse_digest_json(text, "digest.json")) {
    FUZZ_CHECK(digest->date.empty() || arxiv_digest::is_iso_date(digest->date));
  }
  check_reader(text, arxiv_digest::parse_digest_json, arxiv_digest::write_digest_json);
  check_reader(text, arxiv_digest::parse_batch_state, arxiv_digest::write_batch_state);
  check_reader(text, arxiv_digest::parse_backfill_state, arxiv_digest::write_backfill_state);
  check_reader(text, arxiv_digest::parse_delivery_ledger, arxiv_digest::write_delivery_ledger);
  return 0;
}
