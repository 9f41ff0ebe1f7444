// An OAI-PMH ListRecords page through parse_oai_page, then each record as the backfill files it.

#include "arxiv_digest/oai_pmh.hpp"
#include "core/util/date.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view xml = arxiv_digest::fuzz::as_text(data, size);
  auto page = arxiv_digest::parse_oai_page(xml, "fuzz.xml");
  if (!page) {
    FUZZ_CHECK(page.error().message.starts_with("fuzz.xml"));
    return 0;
  }
  const std::vector<std::string> categories{"cs.AI", "cs.LG"};
  for (const auto& record : page->records) {
    FUZZ_CHECK(!record.id.empty());
    for (const auto submitted : record.submitted) {
      const std::string day = arxiv_digest::announcement_day(submitted);
      FUZZ_CHECK(day.empty() || arxiv_digest::is_iso_date(day));
    }
    for (const auto& wanted : {std::vector<std::string>{}, categories}) {
      const auto dated = arxiv_digest::backfill_paper(record, wanted, "1000-01-01", "");
      if (dated) {
        FUZZ_CHECK(arxiv_digest::is_iso_date(dated->day));
        FUZZ_CHECK(dated->paper.published == dated->day);
      }
    }
  }
  return 0;
}
