#include "arxiv_digest/iso_week.hpp"

#include <gtest/gtest.h>

namespace arxiv_digest {
namespace {

TEST(IsoWeek, ParsesAndPrintsTheIsoForm) {
  const auto week = parse_iso_week("2026-W07");
  ASSERT_TRUE(week.has_value());
  EXPECT_EQ(week->year, 2026);
  EXPECT_EQ(week->week, 7);
  EXPECT_EQ(to_string(*week), "2026-W07");
  EXPECT_EQ(to_string(IsoWeek{2026, 53}), "2026-W53");
}

TEST(IsoWeek, RefusesWhatIsNotAWeek) {
  for (const char* text : {"", "2026-W7", "2026W07", "2026-w07", "2026-W00", "2026-W54", "2021-W53",
                           "20a6-W07", "2026-W07 ", "+026-W07", "2026-W-1"}) {
    EXPECT_FALSE(parse_iso_week(text).has_value()) << text;
  }
}

TEST(IsoWeek, KnowsWhichYearsHaveAWeek53) {
  // 53 weeks: years that start on a Thursday, and leap years that start on a Wednesday.
  EXPECT_EQ(iso_weeks_in_year(2015), 53);  // starts Thursday
  EXPECT_EQ(iso_weeks_in_year(2020), 53);  // leap, starts Wednesday
  EXPECT_EQ(iso_weeks_in_year(2026), 53);  // starts Thursday
  EXPECT_EQ(iso_weeks_in_year(2021), 52);
  EXPECT_EQ(iso_weeks_in_year(2024), 52);  // leap, starts Monday
  EXPECT_EQ(iso_weeks_in_year(2025), 52);
  EXPECT_TRUE(parse_iso_week("2020-W53").has_value());
  EXPECT_TRUE(parse_iso_week("2026-W53").has_value());
}

TEST(IsoWeek, DaysAtTheYearBoundaryBelongToTheWeekOfTheirThursday) {
  EXPECT_EQ(iso_week_of("2026-02-12"), (IsoWeek{2026, 7}));
  EXPECT_EQ(iso_week_of("2021-01-01"), (IsoWeek{2020, 53}));  // a Friday
  EXPECT_EQ(iso_week_of("2021-01-03"), (IsoWeek{2020, 53}));  // a Sunday
  EXPECT_EQ(iso_week_of("2021-01-04"), (IsoWeek{2021, 1}));   // a Monday
  EXPECT_EQ(iso_week_of("2024-12-30"), (IsoWeek{2025, 1}));   // a Monday in December
  EXPECT_EQ(iso_week_of("2026-12-31"), (IsoWeek{2026, 53}));
  EXPECT_EQ(iso_week_of("2027-01-03"), (IsoWeek{2026, 53}));
  EXPECT_EQ(iso_week_of("2026-01-01"), (IsoWeek{2026, 1}));  // a Thursday
  EXPECT_EQ(iso_week_of("2025-12-29"), (IsoWeek{2026, 1}));
  EXPECT_FALSE(iso_week_of("2026-02-30").has_value());
}

TEST(IsoWeek, ListsItsSevenDaysFromMonday) {
  const std::vector<std::string> w07 = {"2026-02-09", "2026-02-10", "2026-02-11", "2026-02-12",
                                        "2026-02-13", "2026-02-14", "2026-02-15"};
  EXPECT_EQ(iso_week_days({2026, 7}), w07);
  const auto w53 = iso_week_days({2020, 53});
  EXPECT_EQ(w53.front(), "2020-12-28");
  EXPECT_EQ(w53.back(), "2021-01-03");
  const auto w01 = iso_week_days({2025, 1});
  EXPECT_EQ(w01.front(), "2024-12-30");
  EXPECT_EQ(w01.back(), "2025-01-05");
  // Every day of a week is in that week, and the day after its Sunday is in the next.
  for (const IsoWeek week : {IsoWeek{2020, 53}, IsoWeek{2026, 53}, IsoWeek{2025, 1}}) {
    for (const auto& day : iso_week_days(week)) {
      EXPECT_EQ(iso_week_of(day), week) << day;
    }
  }
}

TEST(IsoWeek, NumbersWeekdaysFromMonday) {
  EXPECT_EQ(iso_weekday("2026-02-09"), 1);
  EXPECT_EQ(iso_weekday("2026-02-13"), 5);
  EXPECT_EQ(iso_weekday("2026-02-15"), 7);
  EXPECT_FALSE(iso_weekday("not a date").has_value());
}

}  // namespace
}  // namespace arxiv_digest
