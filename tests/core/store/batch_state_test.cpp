// state/batches.json: round trip, tolerance, and errors that name the file and the entry.

#include "arxiv_digest/batch_state.hpp"

#include <gmock/gmock.h>

#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

PendingBatch sample(const std::string& id) {
  return {id,           "file-batch-1",          {"2602.1v1", "2602.2v3"}, "00ff00ff00ff00ff",
          "qwen-long",  SummaryFormat::markdown, SummaryInput::abstract,   "2026-02-12T00:00:00Z",
          "2026-02-12", "/v1/chat/completions"};
}

TEST(BatchState, RoundTrip) {
  const std::vector<PendingBatch> batches{sample("batch_1"), sample("batch_2")};
  auto parsed = parse_batch_state(write_batch_state(batches), "state/batches.json");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(*parsed, batches);
  EXPECT_EQ(write_batch_state({}).back(), '\n');
}

TEST(BatchState, BlankFileIsEmpty) {
  auto parsed = parse_batch_state(" \n", "state/batches.json");
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->empty());
}

TEST(BatchState, UnknownAndMissingOptionalMembersAreTolerated) {
  auto parsed = parse_batch_state(
      R"({"batches":[{"id":"batch_9","custom_ids":["2602.3v1"],"future_member":true}]})", "s");
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ((*parsed)[0].id, "batch_9");
  EXPECT_EQ((*parsed)[0].custom_ids, std::vector<std::string>{"2602.3v1"});
  EXPECT_EQ((*parsed)[0].model, "");
}

TEST(BatchState, FormatAndInputModeAreWrittenAsConfigSpellsThem) {
  PendingBatch batch = sample("batch_1");
  batch.format = SummaryFormat::fields;
  const std::string written = write_batch_state({batch});
  EXPECT_THAT(written, ::testing::HasSubstr(R"("format": "fields")")) << written;
  EXPECT_THAT(written, ::testing::HasSubstr(R"("input_mode": "abstract")")) << written;
}

TEST(BatchState, ReadsFormatAndInputModeAndDefaultsMissingOnes) {
  auto parsed = parse_batch_state(R"({"batches":[
      {"id":"b1","custom_ids":["2602.3v1"],"format":"fields","input_mode":"pdf"},
      {"id":"b2","custom_ids":["2602.4v1"]}]})",
                                  "s");
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[0].format, SummaryFormat::fields);
  EXPECT_EQ((*parsed)[0].input_mode, SummaryInput::pdf);
  EXPECT_EQ((*parsed)[1].format, SummaryFormat::markdown);
  EXPECT_EQ((*parsed)[1].input_mode, SummaryInput::abstract);
}

TEST(BatchState, AnUnknownFormatOrInputModeNamesTheEntryAndTheAllowedValues) {
  const auto format = parse_batch_state(
      R"({"batches":[{"id":"b","custom_ids":[],"format":"xml"}]})", "state/batches.json");
  ASSERT_FALSE(format);
  EXPECT_EQ(format.error().code, ErrorCode::malformed_input);
  EXPECT_EQ(format.error().message,
            R"(state/batches.json: batches[0] (b): format "xml": expected "markdown" or )"
            R"("fields")");
  EXPECT_EQ(parse_batch_state(R"({"batches":[{"id":"b","custom_ids":[],"input_mode":"Pdf"}]})", "s")
                .error()
                .message,
            R"(s: batches[0] (b): input_mode "Pdf": expected "abstract" or "pdf")");
}

TEST(BatchState, ErrorsNameTheFileAndTheEntry) {
  EXPECT_EQ(parse_batch_state("{\"batches\": [", "state/batches.json").error().message,
            "state/batches.json: byte 14: not valid JSON");
  EXPECT_EQ(parse_batch_state("[]", "state/batches.json").error().message,
            "state/batches.json: expected {\"batches\": [...]}; fix or delete the file (pending "
            "batches listed in it would not be collected)");
  EXPECT_EQ(parse_batch_state(R"({"batches":[{"custom_ids":[]}]})", "s").error().message,
            "s: batches[0]: no batch id");
  EXPECT_EQ(parse_batch_state(R"({"batches":[{"id":"b","custom_ids":"x"}]})", "s").error().message,
            "s: batches[0] (b): custom_ids must be a list of paper ids");
  EXPECT_EQ(parse_batch_state(R"({"batches":[{"id":"b","custom_ids":[1]}]})", "s").error().message,
            "s: batches[0] (b): custom_ids holds a non-string 1");
}

}  // namespace
}  // namespace arxiv_digest
