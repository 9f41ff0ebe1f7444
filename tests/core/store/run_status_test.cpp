#include "arxiv_digest/run_status.hpp"

#include <gmock/gmock.h>

#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

TEST(RunStatus, LineSaysWhatRanAndWhy) {
  RunStatus status;
  status.digest_date = "2026-02-12";
  status.sources = {
      {"rss_cs.AI.xml", 0, 324, 689312, "2026-02-12", "", false, {{"item 3", "no id"}}},
      {"rss_cs.CL.xml", 0, 160, 334291, "2026-02-12", "", false, {}}};
  status.selection.unique_papers = 400;
  status.selection.candidates = 120;
  status.selection.selected = 30;
  status.summaries = "summaries skipped: DASHSCOPE_API_KEY is not set";
  EXPECT_EQ(status_line(status),
            "2026-02-12: 484 items from 2 sources, 400 papers, 120 matched, 30 shown, 1 malformed "
            "item skipped; summaries skipped: DASHSCOPE_API_KEY is not set");
  const std::string json = write_run_status(status);
  EXPECT_THAT(json, ::testing::HasSubstr("\"outcome\": \"ok\""));
  EXPECT_THAT(json, ::testing::HasSubstr("\"reason\": \"no id\""));
}

// `summarize` reads no feed: the line starts with the papers, not "0 items from 0 sources".
TEST(RunStatus, LineWithoutSourcesStartsWithThePapers) {
  RunStatus status;
  status.digest_date = "2026-02-12";
  status.selection.unique_papers = 47;
  status.selection.candidates = 47;
  status.selection.selected = 30;
  status.summaries = "summaries: 5 new, 0 cached";
  EXPECT_EQ(status_line(status),
            "2026-02-12: 47 papers, 47 matched, 30 shown; summaries: 5 new, 0 cached");
}

}  // namespace
}  // namespace arxiv_digest
