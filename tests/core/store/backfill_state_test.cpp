// state/backfill.json: round trip, and errors that say what is wrong and what to do.

#include "arxiv_digest/backfill_state.hpp"

#include <gmock/gmock.h>

namespace arxiv_digest {
namespace {

using ::testing::HasSubstr;

BackfillState sample() {
  BackfillState state;
  state.since = "2026-01-05";
  state.until = "2026-03-31";
  state.sets = {"cs", "physics:hep-th"};
  state.set_index = 1;
  state.from = "2026-02-20";
  state.token = "verb%3DListRecords%26skip%3D2500";
  state.last_datestamp = "2026-02-21";
  state.days = {"2026-01-05", "2026-01-06"};
  state.pages = 7;
  state.records = 17500;
  state.papers = 412;
  state.summarize = true;
  state.started_at = "2026-04-01T06:00:00Z";
  state.updated_at = "2026-04-01T06:05:00Z";
  return state;
}

TEST(BackfillState, RoundTrip) {
  const std::string text = write_backfill_state(sample());
  EXPECT_EQ(text.back(), '\n');
  auto parsed = parse_backfill_state(text, "state/backfill.json");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(*parsed, sample());
  EXPECT_FALSE(parsed->harvested());
}

TEST(BackfillState, AllSetsDoneIsHarvested) {
  BackfillState state = sample();
  state.set_index = 2;
  auto parsed = parse_backfill_state(write_backfill_state(state), "s");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_TRUE(parsed->harvested());
}

TEST(BackfillState, UnusableFilesNameTheFileAndTheWayOut) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"{not json", "byte"},
      {R"([1, 2])", "expected a JSON object"},
      {R"({"since": "2026-13-01", "sets": ["cs"]})", "since and until must be dates"},
      {R"({"since": "2026-01-05", "sets": []})", "no sets to harvest"},
      {R"({"since": "2026-01-05", "sets": ["cs"], "set_index": 4})", "set_index 4"},
      {R"({"since": "2026-01-05", "sets": ["cs"], "set_index": 0.5})",
       R"("set_index": expected an integer ≥ 0, got 0.5; fix or delete the file)"},
      {R"({"since": "2026-01-05", "sets": ["cs"], "pages": 1e300})",
       R"("pages": expected an integer ≥ 0, got 1e+300; fix or delete the file)"},
      {R"({"since": "2026-01-05", "sets": ["cs", 3]})", "sets holds a non-string 3"},
  };
  for (const auto& [text, expected] : cases) {
    auto parsed = parse_backfill_state(text, "state/backfill.json");
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::malformed_input);
    EXPECT_THAT(parsed.error().message, HasSubstr("state/backfill.json: ")) << text;
    EXPECT_THAT(parsed.error().message, HasSubstr(expected)) << text;
  }
}

}  // namespace
}  // namespace arxiv_digest
