// oai_sets, announcement_day and backfill_paper. The expected days were checked against Python's
// zoneinfo America/New_York with the same deadline rule.

#include <gmock/gmock.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "arxiv_digest/oai_pmh.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using ::arxiv_digest::testing::read_file;
using ::testing::ElementsAre;

// A UTC time from its parts: utc(2026, 2, 10, 18, 59, 59).
std::chrono::sys_seconds utc(int year, unsigned month, unsigned day, int hours, int minutes = 0,
                             int seconds = 0) {
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                         std::chrono::day{day}};
  return std::chrono::sys_days{date} + std::chrono::hours{hours} + std::chrono::minutes{minutes} +
         std::chrono::seconds{seconds};
}

// A record of a cs.LG paper cross-listed to stat.ML, one version per time.
OaiRecord record_of(std::vector<std::chrono::sys_seconds> submitted,
                    std::vector<std::string> categories = {"cs.LG", "stat.ML"}) {
  OaiRecord record;
  record.id = "2602.01234";
  record.datestamp = "2026-02-20";
  record.paper.id = record.id;
  record.paper.version = static_cast<int>(submitted.size());
  record.paper.title = "A Title";
  record.paper.primary_category = categories.empty() ? "" : categories.front();
  record.paper.categories = std::move(categories);
  record.submitted = std::move(submitted);
  return record;
}

// The announce type backfill_paper gives, or "(none)" when it drops the record.
std::string type_of(const std::optional<DatedPaper>& dated) {
  return dated ? dated->paper.announce_type : "(none)";
}

// --- oai_sets -------------------------------------------------------------------------------

TEST(OaiSets, MapsEachArchiveToItsSet) {
  EXPECT_THAT(oai_sets({"cs.LG", "math.NA", "stat.ML", "hep-th", "astro-ph.GA", "cond-mat.str-el",
                        "nlin.AO", "q-bio.NC", "eess.SP", "econ.EM", "q-fin.ST"}),
              ElementsAre("cs", "math", "stat", "physics:hep-th", "physics:astro-ph",
                          "physics:cond-mat", "physics:nlin", "q-bio", "eess", "econ", "q-fin"));
}

TEST(OaiSets, PutsEveryPhysicsArchiveUnderPhysics) {
  EXPECT_THAT(oai_sets({"physics.optics", "math-ph", "quant-ph", "gr-qc", "hep-ex", "hep-lat",
                        "hep-ph", "nucl-ex", "nucl-th"}),
              ElementsAre("physics:physics", "physics:math-ph", "physics:quant-ph", "physics:gr-qc",
                          "physics:hep-ex", "physics:hep-lat", "physics:hep-ph", "physics:nucl-ex",
                          "physics:nucl-th"));
}

TEST(OaiSets, DeduplicatesInFirstUseOrder) {
  EXPECT_THAT(oai_sets({"cs.LG", "hep-th", "cs.AI", "math.NA", "cs", "hep-th", "math.MP"}),
              ElementsAre("cs", "physics:hep-th", "math"));
}

TEST(OaiSets, TakesAnUnknownArchiveAsItsOwnSet) {
  EXPECT_THAT(oai_sets({"foo.XY", " ", ""}), ElementsAre("foo"));
  EXPECT_TRUE(oai_sets({}).empty());
}

// --- announcement_day -----------------------------------------------------------------------

TEST(OaiAnnouncementDay, ClosesSubmissionsAtTwoPmNewYorkTime) {
  // Tuesday 2026-02-10, EST (UTC-5).
  EXPECT_EQ(announcement_day(utc(2026, 2, 10, 18, 59, 59)), "2026-02-11");  // 13:59:59: Wednesday
  EXPECT_EQ(announcement_day(utc(2026, 2, 10, 19, 0, 0)), "2026-02-12");    // 14:00:00: Thursday
}

TEST(OaiAnnouncementDay, FilesFridayAndWeekendSubmissionsAfterTheWeekend) {
  EXPECT_EQ(announcement_day(utc(2026, 2, 13, 18, 59)), "2026-02-16");  // Fri 13:59: Monday
  EXPECT_EQ(announcement_day(utc(2026, 2, 13, 19, 0)), "2026-02-17");   // Fri 14:00: Tuesday
  // Before Monday's deadline, announced Monday evening: Tuesday's digest.
  EXPECT_EQ(announcement_day(utc(2026, 2, 14, 15, 0)), "2026-02-17");  // Sat 10:00
  EXPECT_EQ(announcement_day(utc(2026, 2, 16, 4, 0)), "2026-02-17");   // Sun 23:00 (Mon in UTC)
  EXPECT_EQ(announcement_day(utc(2026, 2, 16, 5, 0)), "2026-02-17");   // Mon 00:00
  // Thursday after the deadline makes Friday's, announced Sunday evening: Monday's digest.
  EXPECT_EQ(announcement_day(utc(2026, 2, 12, 20, 0)), "2026-02-16");  // Thu 15:00
}

TEST(OaiAnnouncementDay, UsesDaylightTimeInSummer) {
  // 18:30 UTC is 14:30 EDT (after the deadline), though it would be 13:30 EST.
  EXPECT_EQ(announcement_day(utc(2025, 7, 1, 18, 30)), "2025-07-03");
  EXPECT_EQ(announcement_day(utc(2026, 2, 10, 18, 30)), "2026-02-11");  // winter: 13:30 EST
}

TEST(OaiAnnouncementDay, SwitchesOnTheSecondSundayOfMarchAndTheFirstOfNovember) {
  // 2026: summer time from Sunday March 8 to Sunday November 1.
  EXPECT_EQ(announcement_day(utc(2026, 3, 6, 18, 30)), "2026-03-09");      // Fri 13:30 EST
  EXPECT_EQ(announcement_day(utc(2026, 3, 9, 17, 59, 59)), "2026-03-10");  // Mon 13:59:59 EDT
  EXPECT_EQ(announcement_day(utc(2026, 3, 9, 18, 0, 0)), "2026-03-11");    // Mon 14:00:00 EDT
  EXPECT_EQ(announcement_day(utc(2026, 10, 30, 18, 30)), "2026-11-03");    // Fri 14:30 EDT
  EXPECT_EQ(announcement_day(utc(2026, 11, 2, 18, 30)), "2026-11-03");     // Mon 13:30 EST
  EXPECT_EQ(announcement_day(utc(2007, 3, 12, 18, 30)), "2007-03-14");     // first year: EDT
  EXPECT_EQ(announcement_day(utc(2007, 11, 2, 18, 30)), "2007-11-06");     // Fri 14:30 EDT
  EXPECT_EQ(announcement_day(utc(2007, 11, 5, 18, 30)), "2007-11-06");     // Mon 13:30 EST
}

TEST(OaiAnnouncementDay, UsesTheRulesOfBefore2007) {
  // 1987-2006: first Sunday of April to last Sunday of October (2006: April 2 to October 29).
  EXPECT_EQ(announcement_day(utc(2006, 3, 13, 18, 30)), "2006-03-14");   // Mon 13:30 EST
  EXPECT_EQ(announcement_day(utc(2006, 4, 3, 18, 30)), "2006-04-05");    // Mon 14:30 EDT
  EXPECT_EQ(announcement_day(utc(2006, 10, 27, 18, 30)), "2006-10-31");  // Fri 14:30 EDT
  EXPECT_EQ(announcement_day(utc(2006, 10, 30, 18, 30)), "2006-10-31");  // Mon 13:30 EST
}

TEST(OaiAnnouncementDay, RollsOverTheYearEnd) {
  EXPECT_EQ(announcement_day(utc(2026, 12, 31, 19, 30)), "2027-01-04");  // Thu 14:30: Monday
  EXPECT_EQ(announcement_day(utc(2025, 12, 31, 20, 0)), "2026-01-02");   // Wed 15:00: Friday
}

TEST(OaiAnnouncementDay, DatesCapturedSubmissions) {
  EXPECT_EQ(announcement_day(utc(2007, 4, 3, 22, 4, 11)), "2007-04-05");  // 0704.0471v1, Tue 18:04
  EXPECT_EQ(announcement_day(utc(2013, 2, 8, 21, 0, 1)), "2013-02-12");   // 1302.2146v1, Fri 16:00
  // 1302.2146v2: Tuesday in UTC, still Monday evening in New York; the datestamp agrees.
  EXPECT_EQ(announcement_day(utc(2013, 4, 2, 1, 50, 8)), "2013-04-03");
}

TEST(OaiAnnouncementDay, DatesYearsPastTheNanosecondClock) {
  // system_clock's nanoseconds end in 2262; the day is computed without them.
  EXPECT_EQ(announcement_day(utc(2300, 1, 2, 12, 0)), "2300-01-03");    // Tue 07:00 EST
  EXPECT_EQ(announcement_day(utc(9999, 12, 24, 12, 0)), "9999-12-27");  // Fri 07:00: Monday
  EXPECT_EQ(announcement_day(utc(1600, 1, 3, 12, 0)), "1600-01-04");    // Mon 07:00 EST
}

TEST(OaiAnnouncementDay, IsEmptyOutsideTheSupportedDates) {
  EXPECT_EQ(announcement_day(utc(9999, 12, 31, 12, 0)), "");  // Fri: Monday is in 10000
  EXPECT_EQ(announcement_day(utc(999, 12, 31, 12, 0)), "");
  EXPECT_FALSE(backfill_paper(record_of({utc(9999, 12, 31, 12, 0)}), {}, "", "").has_value());
}

// --- backfill_paper -------------------------------------------------------------------------

TEST(OaiBackfillPaper, FilesANewPaperOnItsFirstVersionsDay) {
  const auto dated =
      backfill_paper(record_of({utc(2026, 2, 10, 17, 0)}), {"cs.LG"}, "2026-02-09", "2026-02-13");
  ASSERT_TRUE(dated.has_value());
  EXPECT_EQ(dated->day, "2026-02-11");
  EXPECT_EQ(dated->paper.announce_type, "new");
  EXPECT_EQ(dated->paper.published, "2026-02-11");
  EXPECT_EQ(dated->paper.id, "2602.01234");
  EXPECT_EQ(dated->paper.title, "A Title");
}

TEST(OaiBackfillPaper, CallsItCrossWhenThePrimaryCategoryIsNotConfigured) {
  const auto dated =
      backfill_paper(record_of({utc(2026, 2, 10, 17, 0)}), {"stat.ML"}, "2026-02-11", "");
  ASSERT_TRUE(dated.has_value());
  EXPECT_EQ(dated->paper.announce_type, "cross");
}

TEST(OaiBackfillPaper, MatchesArchiveLevelCategories) {
  const OaiRecord record = record_of({utc(2026, 2, 10, 17, 0)});
  EXPECT_EQ(type_of(backfill_paper(record, {"cs"}, "", "")), "new");
  EXPECT_EQ(type_of(backfill_paper(record, {"stat"}, "", "")), "cross");
  EXPECT_EQ(type_of(backfill_paper(record, {}, "", "")), "new");  // empty: any
  // A prefix that is not a whole archive or category matches nothing.
  EXPECT_FALSE(backfill_paper(record, {"cs.L"}, "", "").has_value());
  EXPECT_FALSE(backfill_paper(record, {"c", "math.NA"}, "", "").has_value());
  const OaiRecord hep = record_of({utc(2026, 2, 10, 17, 0)}, {"hep-th", "gr-qc"});
  EXPECT_EQ(type_of(backfill_paper(hep, {"hep-th"}, "", "")), "new");
  EXPECT_FALSE(backfill_paper(hep, {"hep"}, "", "").has_value());
}

TEST(OaiBackfillPaper, FilesAReplacementOnTheLatestVersionsDay) {
  const OaiRecord record =
      record_of({utc(2025, 6, 2, 12, 0), utc(2025, 9, 1, 12, 0), utc(2026, 2, 12, 20, 0)});
  const auto replaced = backfill_paper(record, {"cs.LG"}, "2026-02-16", "2026-02-16");
  ASSERT_TRUE(replaced.has_value());
  EXPECT_EQ(replaced->day, "2026-02-16");
  EXPECT_EQ(replaced->paper.announce_type, "replace");
  EXPECT_EQ(replaced->paper.published, "2026-02-16");
  EXPECT_EQ(replaced->paper.version, 3);
  EXPECT_EQ(type_of(backfill_paper(record, {"stat.ML"}, "2026-02-16", "")), "replace-cross");
  // v2's day is in range but only the latest version is visible.
  EXPECT_FALSE(backfill_paper(record, {"cs.LG"}, "2025-09-01", "2025-09-30").has_value());
  // v1's day in range wins: the paper was new then.
  EXPECT_EQ(type_of(backfill_paper(record, {"cs.LG"}, "2025-06-01", "")), "new");
}

TEST(OaiBackfillPaper, KeepsOnlyDaysInTheInclusiveRange) {
  const OaiRecord record = record_of({utc(2026, 2, 10, 17, 0)});  // 2026-02-11
  EXPECT_TRUE(backfill_paper(record, {}, "2026-02-11", "2026-02-11").has_value());
  EXPECT_FALSE(backfill_paper(record, {}, "2026-02-12", "").has_value());
  EXPECT_FALSE(backfill_paper(record, {}, "2026-02-01", "2026-02-10").has_value());
  EXPECT_TRUE(backfill_paper(record, {}, "2026-02-01", "").has_value());  // no end
}

TEST(OaiBackfillPaper, SkipsDeletedAndUndatedRecords) {
  OaiRecord deleted = record_of({utc(2026, 2, 10, 17, 0)});
  deleted.deleted = true;
  EXPECT_FALSE(backfill_paper(deleted, {}, "", "").has_value());
  EXPECT_FALSE(backfill_paper(record_of({}), {}, "", "").has_value());
}

TEST(OaiBackfillPaper, DatesACapturedRecord) {
  const auto path =
      SHARED_DATA_OR_SKIP(std::string("oai/mikesaelim-arXivOAIHarvester/GetRecordResponse.xml"));
  const auto page = parse_oai_page(read_file(path), "GetRecordResponse.xml");
  ASSERT_OK(page);
  ASSERT_EQ(page->records.size(), 1U);
  const OaiRecord& record = page->records[0];  // 1302.2146: hep-ph, cross-listed to hep-ex
  const auto v1 = backfill_paper(record, {"hep-ph"}, "2013-02-11", "2013-02-15");
  ASSERT_TRUE(v1.has_value());
  EXPECT_EQ(v1->day, "2013-02-12");
  EXPECT_EQ(v1->paper.announce_type, "new");
  const auto v2 = backfill_paper(record, {"hep-ex"}, "2013-04-01", "2013-04-05");
  ASSERT_TRUE(v2.has_value());
  EXPECT_EQ(v2->day, "2013-04-03");
  EXPECT_EQ(v2->paper.announce_type, "replace-cross");
  EXPECT_EQ(v2->paper.pdf_link, "https://arxiv.org/pdf/1302.2146v2");
  EXPECT_FALSE(backfill_paper(record, {"cs"}, "", "").has_value());
}

}  // namespace
}  // namespace arxiv_digest
