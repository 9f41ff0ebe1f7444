// The Batch API codec against the real provider payloads in ../shared/data/openai/ (DashScope
// and OpenAI batch objects, list pages, output and error lines) and hand-written edge cases.

#include "arxiv_digest/batch_codec.hpp"

#include <gmock/gmock.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using nlohmann::json;
using testing::read_file;

BatchRequest request(const std::string& id, const std::string& model = "qwen-long",
                     const std::string& prompt = "Summarize this.") {
  return {id, ChatRequest{model, {{"system", "be brief"}, {"user", prompt}}, 0.3, {}, false}};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < text.size();) {
    const auto end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    start = end == std::string::npos ? text.size() : end + 1;
  }
  return lines;
}

TEST(BatchCodec, LineHasTheShapeOfTheProvidersOwnInputFiles) {
  const auto path = SHARED_DATA_OR_SKIP("openai/openai_doc_batch_request_input_line.jsonl");
  const json doc_line = json::parse(lines_of(read_file(path))[0]);
  const json ours = json::parse(write_batch_line(request("2602.10965v1")));
  for (const auto& [key, value] : doc_line.items()) {
    EXPECT_TRUE(ours.contains(key)) << key;
  }
  EXPECT_EQ(ours["custom_id"], "2602.10965v1");
  EXPECT_EQ(ours["method"], doc_line["method"]);
  EXPECT_EQ(ours["url"], doc_line["url"]);  // "/v1/chat/completions", as both providers expect
  EXPECT_EQ(ours["body"], json::parse(write_chat_request(request("x").request)));
  EXPECT_THAT(write_batch_line(request("a")), ::testing::Not(::testing::HasSubstr("\n")));
}

TEST(BatchCodec, EndpointIsTheOneDashScopeAcceptsNotTheMisspeltOne) {
  const auto path = SHARED_DATA_OR_SKIP("openai/dashscope_batch_failed_url_not_found.json");
  auto failed = parse_batch(read_file(path));
  ASSERT_TRUE(failed) << failed.error().message;
  ASSERT_EQ(failed->errors.size(), 1u);
  EXPECT_THAT(failed->errors[0].message, ::testing::HasSubstr("'/v1/chat/completion'"));
  EXPECT_EQ(kBatchChatEndpoint, "/v1/chat/completions");
}

TEST(BatchCodec, PlanGroupsByModelAndKeepsOrder) {
  const auto plan = plan_batch_inputs(
      {request("a1v1", "m1"), request("b1v1", "m2"), request("a2v1", "m1"), request("b2v2", "m2")});
  EXPECT_TRUE(plan.rejected.empty());
  ASSERT_EQ(plan.files.size(), 2u);
  EXPECT_EQ(plan.files[0].model, "m1");
  EXPECT_EQ(plan.files[0].custom_ids, (std::vector<std::string>{"a1v1", "a2v1"}));
  EXPECT_EQ(plan.files[1].custom_ids, (std::vector<std::string>{"b1v1", "b2v2"}));
  const auto lines = lines_of(plan.files[1].jsonl);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(json::parse(lines[1])["custom_id"], "b2v2");
  EXPECT_EQ(plan.files[1].jsonl.back(), '\n');
}

TEST(BatchCodec, PlanSplitsAtTheLineLimit) {
  std::vector<BatchRequest> requests;
  for (int i = 0; i < 7; ++i) {
    requests.push_back(request("p" + std::to_string(i)));
  }
  BatchLimits limits;
  limits.max_lines = 3;
  const auto plan = plan_batch_inputs(requests, limits);
  ASSERT_EQ(plan.files.size(), 3u);
  EXPECT_EQ(plan.files[0].custom_ids.size(), 3u);
  EXPECT_EQ(plan.files[1].custom_ids.size(), 3u);
  EXPECT_EQ(plan.files[2].custom_ids, (std::vector<std::string>{"p6"}));
}

TEST(BatchCodec, PlanSplitsAtTheByteLimitAndNeverExceedsIt) {
  std::vector<BatchRequest> requests;
  for (int i = 0; i < 10; ++i) {
    requests.push_back(request("p" + std::to_string(i), "m", std::string(100, 'x')));
  }
  const std::size_t line = write_batch_line(requests[0]).size() + 1;
  BatchLimits limits;
  limits.max_file_bytes = line * 4 + line / 2;
  const auto plan = plan_batch_inputs(requests, limits);
  ASSERT_EQ(plan.files.size(), 3u);
  for (const auto& file : plan.files) {
    EXPECT_LE(file.jsonl.size(), limits.max_file_bytes);
  }
  EXPECT_EQ(plan.files[2].custom_ids.size(), 2u);
}

TEST(BatchCodec, OversizedLineAndRepeatedIdFailAloneTheRestAreSent) {
  BatchLimits limits;
  limits.max_line_bytes = 400;
  const auto plan =
      plan_batch_inputs({request("ok1"), request("big", "qwen-long", std::string(1000, 'y')),
                         request("ok1"), request("ok2")},
                        limits);
  ASSERT_EQ(plan.files.size(), 1u);
  EXPECT_EQ(plan.files[0].custom_ids, (std::vector<std::string>{"ok1", "ok2"}));
  ASSERT_EQ(plan.rejected.size(), 2u);
  EXPECT_EQ(plan.rejected[0].custom_id, "ok1");
  EXPECT_EQ(plan.rejected[0].reason, "custom_id ok1 is already in this batch");
  EXPECT_EQ(plan.rejected[1].custom_id, "big");
  EXPECT_THAT(plan.rejected[1].reason,
              ::testing::HasSubstr("over the provider's limit of 400 bytes"));
}

TEST(BatchCodec, DefaultLimitsAreTheProvidersOnes) {
  const BatchLimits limits;
  EXPECT_EQ(limits.max_lines, 50000u);
  EXPECT_EQ(limits.max_file_bytes, 200u * 1024 * 1024);
  EXPECT_EQ(limits.max_line_bytes, 6u * 1024 * 1024);
}

TEST(BatchCodec, CreateBodyMatchesTheRecordedRequest) {
  const auto path =
      SHARED_DATA_OR_SKIP("openai/dashscope_batch_create_validating.request_body.json");
  const json recorded = json::parse(read_file(path));
  BatchCreateRequest create;
  create.input_file_id = recorded["input_file_id"];
  create.endpoint = recorded["endpoint"];
  create.completion_window = recorded["completion_window"];
  create.metadata = recorded["metadata"].get<std::map<std::string, std::string>>();
  EXPECT_EQ(json::parse(write_batch_create(create)), recorded);
  EXPECT_FALSE(json::parse(write_batch_create({"file-1", "/v1/chat/completions", "24h", {}}))
                   .contains("metadata"));
}

TEST(BatchCodec, RecordedBatchObjectsInEveryStatus) {
  struct Case {
    const char* file;
    BatchStatus status;
    BatchRequestCounts counts;
    const char* output;
    const char* error;
  };
  const Case cases[] = {
      {"dashscope_batch_create_validating.json", BatchStatus::validating, {0, 0, 0}, "", ""},
      {"dashscope_batch_in_progress.json", BatchStatus::in_progress, {2, 0, 0}, "", ""},
      {"dashscope_batch_completed.json",
       BatchStatus::completed,
       {2, 2, 0},
       "file-batch_output-c5f57bf1fbc749cdae9676ba",
       ""},
      {"dashscope_batch_cancel_cancelling.json", BatchStatus::cancelling, {2, 0, 0}, "", ""},
      {"dashscope_batch_cancelled.json",
       BatchStatus::cancelled,
       {2, 0, 2},
       "",
       "file-batch_output-e034f08204314479a8ac4f18"},
  };
  for (const auto& c : cases) {
    const auto path = SHARED_DATA_OR_SKIP(std::string("openai/") + c.file);
    auto batch = parse_batch(read_file(path), c.file);
    ASSERT_TRUE(batch) << batch.error().message;
    EXPECT_EQ(batch->status, c.status) << c.file;
    EXPECT_EQ(batch->output_file_id, c.output) << c.file;
    EXPECT_EQ(batch->error_file_id, c.error) << c.file;
    EXPECT_EQ(batch->completion_window, "24h") << c.file;
    if (c.status != BatchStatus::in_progress && c.status != BatchStatus::cancelling) {
      EXPECT_EQ(batch->request_counts, c.counts) << c.file;
    }
    EXPECT_TRUE(batch->errors.empty()) << c.file;
  }
}

TEST(BatchCodec, ValidationFailureKeepsEveryErrorWithItsLine) {
  const auto path =
      SHARED_DATA_OR_SKIP("openai/more/dashscope_batch_list_failed_mismatched_test_url.json");
  auto page = parse_batch_page(read_file(path));
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_TRUE(page->has_more);
  ASSERT_EQ(page->data.size(), 1u);
  const Batch& batch = page->data[0];
  EXPECT_EQ(batch.status, BatchStatus::failed);
  ASSERT_EQ(batch.errors.size(), 2u);
  EXPECT_EQ(batch.errors[1].code, "mismatched_test_url");
  EXPECT_EQ(batch.errors[1].param, "url");
  EXPECT_EQ(batch.errors[1].line, 2);
  EXPECT_EQ(batch.metadata.at("ds_name"), "测试任务");
}

TEST(BatchCodec, ListPageWithDataNullIsEmpty) {
  const auto path = SHARED_DATA_OR_SKIP("openai/dashscope_batch_list_empty_data_null.json");
  auto page = parse_batch_page(read_file(path));
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_TRUE(page->data.empty());
  EXPECT_FALSE(page->has_more);
  EXPECT_EQ(page->last_id, "");
}

TEST(BatchCodec, RecordedListPages) {
  for (const char* file :
       {"dashscope_batch_list_has_more.json", "dashscope_batch_list_with_failed.json"}) {
    const auto path = SHARED_DATA_OR_SKIP(std::string("openai/") + file);
    auto page = parse_batch_page(read_file(path), file);
    ASSERT_TRUE(page) << page.error().message;
    EXPECT_FALSE(page->data.empty()) << file;
    for (const auto& batch : page->data) {
      EXPECT_NE(batch.status, BatchStatus::unknown) << file << " " << batch.id;
    }
  }
}

TEST(BatchCodec, OpenAiDocBatchWithTrailingCommaIsReportedNotThrown) {
  const auto path = SHARED_DATA_OR_SKIP("openai/openai_doc_batch_completed.json.txt");
  auto batch = parse_batch(read_file(path), "openai_doc_batch_completed.json.txt");
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().code, ErrorCode::malformed_input);
  EXPECT_EQ(batch.error().message.rfind("openai_doc_batch_completed.json.txt: byte ", 0), 0u);
}

TEST(BatchCodec, MalformedBatchObjects) {
  EXPECT_EQ(parse_batch("{\"object\":\"batch\"}", "b").error().message,
            "b: not a batch object (no id or status)");
  EXPECT_FALSE(parse_batch("[]", "b"));
  EXPECT_EQ(parse_batch_page("{\"data\":{}}", "p").error().message,
            "p: data is neither a list nor null");
  EXPECT_EQ(parse_batch_page("{\"object\":\"list\"}", "p").error().message,
            "p: not a list page (no data member)");
  auto unknown = parse_batch(R"({"id":"b1","status":"paused_for_review"})");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, BatchStatus::unknown);
  EXPECT_EQ(unknown->status_text, "paused_for_review");
  EXPECT_FALSE(is_terminal(unknown->status));
}

// A provider's numbers are read only when they fit: 1e300 and -1 were silently 0 before.
TEST(BatchCodec, BatchObjectNumbersOutOfRangeAreErrorsNamingTheField) {
  EXPECT_EQ(
      parse_batch(R"({"id":"b1","status":"completed","created_at":1e300})", "b").error().message,
      R"(b: "created_at": expected an integer ≥ 0, got 1e+300)");
  EXPECT_EQ(parse_batch(R"({"id":"b1","status":"completed","request_counts":{"total":-1}})", "b")
                .error()
                .message,
            R"(b: "total": expected an integer ≥ 0, got -1)");
  EXPECT_EQ(parse_batch_page(R"({"data":[{"id":"b1","status":"failed","errors":{"data":)"
                             R"([{"code":"x","line":2.5}]}}]})",
                             "p")
                .error()
                .message,
            R"(p: "line": expected an integer ≥ 1, got 2.5)");
  const auto fine =
      parse_batch(R"({"id":"b1","status":"completed","created_at":1761480070,"request_counts":)"
                  R"({"total":3,"completed":2,"failed":null}})",
                  "b");
  ASSERT_TRUE(fine) << fine.error().message;
  EXPECT_EQ(fine->created_at, 1761480070);
  EXPECT_EQ(fine->request_counts, (BatchRequestCounts{3, 2, 0}));
}

TEST(BatchCodec, TerminalStatuses) {
  EXPECT_TRUE(is_terminal(BatchStatus::completed));
  EXPECT_TRUE(is_terminal(BatchStatus::failed));
  EXPECT_TRUE(is_terminal(BatchStatus::expired));
  EXPECT_TRUE(is_terminal(BatchStatus::cancelled));
  EXPECT_FALSE(is_terminal(BatchStatus::cancelling));
  EXPECT_FALSE(is_terminal(BatchStatus::finalizing));
  EXPECT_FALSE(is_terminal(BatchStatus::validating));
  EXPECT_EQ(parse_batch_status("in_progress"), BatchStatus::in_progress);
}

TEST(BatchCodec, RecordedDashScopeOutputFile) {
  const auto path = SHARED_DATA_OR_SKIP("openai/dashscope_batch_output.jsonl");
  const auto lines = parse_batch_results(read_file(path), "output");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].custom_id, "1");
  EXPECT_EQ(lines[0].status_code, 200);
  ASSERT_TRUE(lines[0].completion);
  EXPECT_EQ(lines[0].problem, "");
  EXPECT_EQ(lines[0].completion->model, "qwen-flash");
  EXPECT_EQ(lines[0].completion->usage, (Usage{26, 49}));
  EXPECT_EQ(lines[1].completion->usage, (Usage{36, 136}));
  EXPECT_EQ(lines[1].line, 2u);
}

TEST(BatchCodec, RecordedOpenAiOutputKeepsLengthFinishes) {
  const auto path = SHARED_DATA_OR_SKIP("openai/openai_batch_output_ok.jsonl");
  const auto lines = parse_batch_results(read_file(path), "output");
  ASSERT_EQ(lines.size(), 2u);
  ASSERT_TRUE(lines[1].completion);
  EXPECT_EQ(lines[1].custom_id, "request-2");
  EXPECT_EQ(lines[1].completion->finish_reason, "length");
  EXPECT_EQ(lines[1].completion->content, "Hello! What can I do for you today?");
  EXPECT_EQ(lines[1].completion->usage, (Usage{22, 10}));
}

TEST(BatchCodec, DocOutputsWithoutRoleAndOutOfOrder) {
  for (const char* file : {"more/dashscope_doc_batch_output_qwen_plus.jsonl",
                           "more/dashscope_doc_batch_output_test_model.jsonl",
                           "more/openai_doc_batch_output_unordered.jsonl",
                           "openai_doc_batch_request_output_line.jsonl"}) {
    const auto path = SHARED_DATA_OR_SKIP(std::string("openai/") + file);
    for (const auto& line : parse_batch_results(read_file(path), file)) {
      EXPECT_TRUE(line.completion) << file << ": " << line.problem;
      EXPECT_FALSE(line.custom_id.empty()) << file;
    }
  }
  const auto path = SHARED_DATA_OR_SKIP("openai/more/openai_doc_batch_output_unordered.jsonl");
  const auto lines = parse_batch_results(read_file(path), "out");
  EXPECT_EQ(lines[0].custom_id, "request-2");
  EXPECT_EQ(lines[1].custom_id, "request-1");
}

TEST(BatchCodec, ExpiredLinesFromTheErrorFile) {
  const auto path = SHARED_DATA_OR_SKIP("openai/openai_doc_batch_error_expired.jsonl");
  const auto lines = parse_batch_results(read_file(path), "errors");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].custom_id, "request-3");
  EXPECT_FALSE(lines[0].completion);
  EXPECT_EQ(lines[0].error_code, "batch_expired");
  EXPECT_EQ(lines[0].problem,
            "batch_expired: This request could not be executed before the completion window "
            "expired.");
  EXPECT_EQ(lines[1].custom_id, "request-7");
}

TEST(BatchCodec, ErrorStatusLineUsesTheBodysErrorEnvelope) {
  const std::string line =
      R"({"id":"batch_req_1","custom_id":"2602.1v1","response":{"status_code":400,)"
      R"("request_id":"r","body":{"error":{"message":"Invalid 'messages'","type":)"
      R"("invalid_request_error","param":"messages","code":"invalid_value"}}},"error":null})";
  const auto lines = parse_batch_results(line + "\n", "errors");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].status_code, 400);
  EXPECT_FALSE(lines[0].completion);
  EXPECT_EQ(lines[0].error_code, "invalid_value");
  EXPECT_EQ(lines[0].problem, "HTTP 400: Invalid 'messages' (invalid_value)");
}

TEST(BatchCodec, TruncatedLastLineFailsAloneWithItsCustomId) {
  const auto path = SHARED_DATA_OR_SKIP("openai/openai_batch_output_ok.jsonl");
  const std::string whole = read_file(path);
  const std::string cut = whole.substr(0, whole.find('\n') + 1 + 120);
  const auto lines = parse_batch_results(cut, "output.jsonl");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[0].completion);
  EXPECT_FALSE(lines[1].completion);
  EXPECT_EQ(lines[1].custom_id, "request-2");
  EXPECT_EQ(lines[1].problem.rfind("output.jsonl: line 2: not a complete JSON line", 0), 0u)
      << lines[1].problem;

  const auto anonymous = parse_batch_results("{\"id\": \"batch_req_", "output.jsonl");
  ASSERT_EQ(anonymous.size(), 1u);
  EXPECT_EQ(anonymous[0].custom_id, "");
}

// A status code that does not fit an int was truncated (4294967496 read as 200, a success); a
// usage count past the bound would be summed into the run's totals. Each fails its line alone.
TEST(BatchCodec, OutputLineNumbersOutOfRangeFailTheLineAlone) {
  const std::string good =
      R"({"custom_id":"a","response":{"status_code":200,"body":{"choices":[{"message":)"
      R"({"content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":7}}},"error":null})";
  const std::string big_status = R"({"custom_id":"b","response":{"status_code":4294967496,)"
                                 R"("body":{"choices":[{"message":{"content":"hi"}}]}}})";
  const std::string big_usage =
      R"({"custom_id":"c","response":{"status_code":200,"body":{"choices":[{"message":)"
      R"({"content":"hi"}}],"usage":{"prompt_tokens":9223372036854775807,"input_tokens":1}}}})";
  const auto lines = parse_batch_results(good + "\n" + big_status + "\n" + big_usage, "o");
  ASSERT_EQ(lines.size(), 3u);
  ASSERT_TRUE(lines[0].completion);
  EXPECT_EQ(lines[0].completion->usage, (Usage{7, 0}));
  EXPECT_FALSE(lines[1].completion);
  EXPECT_EQ(lines[1].custom_id, "b");
  EXPECT_EQ(lines[1].problem,
            R"(o: line 2: response "status_code": expected an integer 0–999, got 4294967496)");
  EXPECT_FALSE(lines[2].completion);
  EXPECT_EQ(lines[2].custom_id, "c");
  EXPECT_EQ(lines[2].problem,
            R"(chat completion usage "prompt_tokens": expected an integer 0–1000000000000, )"
            R"(got 9223372036854775807)");
}

// A body nested 100,000 deep overflowed the stack when it was dumped for the chat codec; the
// line is now refused as it is parsed, and the lines after it are read.
TEST(BatchCodec, AnOutputLineNestedTooDeepFailsAlone) {
  const std::string deep =
      R"({"custom_id":"a","response":{"status_code":200,"body":{"choices":[{"message":)"
      R"({"content":"hi"}}],"extra":)" +
      testing::nested_json_arrays(100000) + "}}}";
  const std::string good =
      R"({"custom_id":"b","response":{"status_code":200,"body":{"choices":[{"message":)"
      R"({"content":"hi"}}]}}})";
  const auto lines = parse_batch_results(deep + "\n" + good, "o");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_FALSE(lines[0].completion);
  EXPECT_EQ(lines[0].custom_id, "a");
  EXPECT_EQ(lines[0].problem.rfind("o: line 1: not a complete JSON line (", 0), 0u)
      << lines[0].problem;
  ASSERT_TRUE(lines[1].completion);
  EXPECT_EQ(lines[1].completion->content, "hi");
}

TEST(BatchCodec, BlankLinesBomAndCrlfAreTolerated) {
  const std::string line =
      R"({"custom_id":"a","response":{"status_code":200,"body":{"choices":[{"message":)"
      R"({"content":"hi"},"finish_reason":"stop"}]}},"error":null})";
  const auto lines = parse_batch_results("\xEF\xBB\xBF" + line + "\r\n\n  \n" + line, "o");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[0].completion);
  EXPECT_EQ(lines[1].line, 4u);
}

}  // namespace
}  // namespace arxiv_digest
