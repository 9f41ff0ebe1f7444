// The /chat/completions codec against every real provider payload in ../shared/data/openai/ and
// hand-written edge cases.

#include "arxiv_digest/chat_codec.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using nlohmann::json;
using testing::read_file;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    start = end == std::string::npos ? text.size() : end + 1;
  }
  return lines;
}

TEST(ChatCodec, WritesRequestWithOptionalMembers) {
  ChatRequest request{
      "qwen-long", {{"system", "be brief"}, {"user", "hi \"there\""}}, 0.3, {}, false};
  json doc = json::parse(write_chat_request(request));
  EXPECT_EQ(doc["model"], "qwen-long");
  EXPECT_EQ(doc["messages"].size(), 2u);
  EXPECT_EQ(doc["messages"][1]["content"], "hi \"there\"");
  EXPECT_DOUBLE_EQ(doc["temperature"].get<double>(), 0.3);
  EXPECT_FALSE(doc.contains("max_tokens"));
  EXPECT_FALSE(doc.contains("response_format"));

  request.max_tokens = 512;
  request.json_object = true;
  doc = json::parse(write_chat_request(request));
  EXPECT_EQ(doc["max_tokens"], 512);
  EXPECT_EQ(doc["response_format"], json({{"type", "json_object"}}));
}

TEST(ChatCodec, InvalidUtf8InPromptIsReplacedNotThrown) {
  ChatRequest request{"m", {{"user", std::string("bad \xC3 byte")}}, 0.0, {}, false};
  EXPECT_TRUE(json::accept(write_chat_request(request)));
}

TEST(ChatCodec, RecordedOpenAiCompletion) {
  const auto path = SHARED_DATA_OR_SKIP("openai/openai_chat_completion_ok.json");
  auto completion = parse_chat_response(200, read_file(path));
  ASSERT_TRUE(completion) << completion.error().message;
  EXPECT_EQ(completion->id, "chatcmpl-C47Kt2QYa3uJViWwsuFiXR3JdnZ9t");
  EXPECT_EQ(completion->model, "gpt-3.5-turbo-0125");
  EXPECT_EQ(completion->content.rfind("'Whom' is used as the object", 0), 0u);
  EXPECT_EQ(completion->finish_reason, "stop");
  EXPECT_EQ(completion->usage, (Usage{20, 105}));
}

TEST(ChatCodec, SecondRecordedCompletionAndDocExample) {
  const auto second = SHARED_DATA_OR_SKIP("openai/more/openai_chat_completion_ok_2.json");
  auto completion = parse_chat_completion(read_file(second));
  ASSERT_TRUE(completion) << completion.error().message;
  EXPECT_EQ(completion->usage, (Usage{20, 83}));
  EXPECT_EQ(completion->content.rfind("'Who' is used as a subject pronoun", 0), 0u);

  const auto doc = SHARED_DATA_OR_SKIP("openai/openai_doc_chat_completion.json");
  completion = parse_chat_completion(read_file(doc));
  ASSERT_TRUE(completion) << completion.error().message;
  EXPECT_EQ(completion->content, "Hello! How can I assist you today?");
  EXPECT_EQ(completion->usage, (Usage{19, 10}));
}

struct ErrorCase {
  const char* file;
  int status;
  ErrorCode code;
  const char* message;
};

TEST(ChatCodec, RecordedErrorBodiesInBothShapes) {
  const ErrorCase cases[] = {
      {"openai/openai_error_401_invalid_api_key.json", 401, ErrorCode::http_status,
       "HTTP 401: Incorrect API key provided: <not-a-r****key>. You can find your API key at "
       "https://platform.openai.com/account/api-keys. (invalid_api_key)"},
      {"openai/more/openai_error_401_invalid_api_key_completions.json", 401, ErrorCode::http_status,
       "HTTP 401: Incorrect API key provided: sk-wrong****-key. You can find your API key at "
       "https://platform.openai.com/account/api-keys. (invalid_api_key)"},
      {"openai/openai_error_404_model_not_found.json", 404, ErrorCode::http_status,
       "HTTP 404: The model `this-model-does-not-exist` does not exist or you do not have access "
       "to it. (model_not_found)"},
      {"openai/more/openai_error_404_embeddings_model_not_found.json", 404, ErrorCode::http_status,
       "HTTP 404: The model `non-existent-embedding-model` does not exist or you do not have "
       "access to it. (model_not_found)"},
      {"openai/openai_error_400_invalid_request_error_param_model.json", 400,
       ErrorCode::http_status,
       "HTTP 400: The requested model 'invalid-model' does not exist. (model_not_found)"},
      // BOM-prefixed; code is null, so the type names the kind.
      {"openai/dashscope_error_400_invalid_purpose.json", 400, ErrorCode::http_status,
       "HTTP 400: 'purpose' must be 'file-extract' (invalid_request_error)"},
      {"openai/dashscope_native_error_401_invalid_api_key.json", 401, ErrorCode::http_status,
       "HTTP 401: Invalid API-key provided. (InvalidApiKey)"},
      {"openai/dashscope_native_error_400_invalid_parameter.json", 400, ErrorCode::http_status,
       "HTTP 400: Role must be user or assistant and Content length must be greater than 0 "
       "(InvalidParameter)"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    const auto path = SHARED_DATA_OR_SKIP(c.file);
    const std::string body = read_file(path);
    auto result = parse_chat_response(c.status, body);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, c.code);
    EXPECT_EQ(result.error().message, c.message);
    EXPECT_TRUE(parse_provider_error(body).has_value());
  }
}

TEST(ChatCodec, ProviderErrorMembers) {
  const auto path =
      SHARED_DATA_OR_SKIP("openai/openai_error_400_invalid_request_error_param_model.json");
  const auto error = parse_provider_error(read_file(path));
  ASSERT_TRUE(error);
  EXPECT_EQ(error->type, "invalid_request_error");
  EXPECT_EQ(error->param, "model");
  EXPECT_EQ(error->code, "model_not_found");

  const auto native = SHARED_DATA_OR_SKIP("openai/dashscope_native_error_401_invalid_api_key.json");
  const auto dashscope = parse_provider_error(read_file(native));
  ASSERT_TRUE(dashscope);
  EXPECT_EQ(dashscope->code, "InvalidApiKey");
  EXPECT_EQ(dashscope->request_id, "a1c0561c-1dfe-98a6-a62f-983577b8bc5e");
}

TEST(ChatCodec, QuotaErrorsAreTypedInBothShapes) {
  auto openai = parse_chat_response(
      429, R"({"error":{"message":"You exceeded your current quota.","type":"insufficient_quota",)"
           R"("param":null,"code":"insufficient_quota"}})");
  ASSERT_FALSE(openai);
  EXPECT_EQ(openai.error().code, ErrorCode::quota);
  EXPECT_EQ(openai.error().message,
            "HTTP 429: You exceeded your current quota. (insufficient_quota)");

  auto dashscope = parse_chat_response(
      400, R"({"code":"Arrearage","message":"Access denied, please make sure your account is in )"
           R"(good standing.","request_id":"x"})");
  ASSERT_FALSE(dashscope);
  EXPECT_EQ(dashscope.error().code, ErrorCode::quota);

  auto rate = parse_chat_response(
      429,
      R"({"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}})");
  ASSERT_FALSE(rate);
  EXPECT_EQ(rate.error().code, ErrorCode::http_status);
}

TEST(ChatCodec, EveryBatchOutputLineParses) {
  const std::pair<const char*, std::vector<Usage>> files[] = {
      {"openai/openai_batch_output_ok.jsonl", {{20, 10}, {22, 10}}},
      {"openai/dashscope_batch_output.jsonl", {{26, 49}, {36, 136}}},
      {"openai/more/dashscope_doc_batch_output_qwen_plus.jsonl", {{26, 35}, {26, 7}}},
      {"openai/more/dashscope_doc_batch_output_test_model.jsonl", {{20, 6}, {20, 6}}},
      {"openai/more/openai_doc_batch_output_unordered.jsonl", {{22, 2}, {20, 9}}},
      {"openai/openai_doc_batch_request_output_line.jsonl", {{24, 15}}},
  };
  for (const auto& [file, usages] : files) {
    SCOPED_TRACE(file);
    const auto path = SHARED_DATA_OR_SKIP(file);
    std::vector<Usage> seen;
    for (const auto& line : lines_of(read_file(path))) {
      if (line.empty()) {
        continue;
      }
      const json record = json::parse(line);
      const json& response = record.at("response");
      auto completion =
          parse_chat_response(response.at("status_code").get<int>(), response.at("body").dump());
      ASSERT_TRUE(completion) << completion.error().message;
      EXPECT_FALSE(completion->content.empty());
      seen.push_back(completion->usage);
    }
    EXPECT_EQ(seen, usages);
  }
}

TEST(ChatCodec, BatchErrorLinesParseAsErrors) {
  const auto path = SHARED_DATA_OR_SKIP("openai/openai_doc_batch_error_expired.jsonl");
  int lines = 0;
  for (const auto& line : lines_of(read_file(path))) {
    if (line.empty()) {
      continue;
    }
    ++lines;
    const auto error = parse_provider_error(line);
    ASSERT_TRUE(error);
    EXPECT_EQ(error->code, "batch_expired");
    EXPECT_FALSE(parse_chat_completion(line));
  }
  EXPECT_EQ(lines, 2);
}

// Every other payload in the folder (batch and file objects, request bodies, invalid-JSON doc
// examples) is not a chat completion: the codec must say so with an Error, never crash or throw.
TEST(ChatCodec, EveryOtherPayloadIsRejectedWithoutCrashing) {
  const auto dir = SHARED_DATA_OR_SKIP("openai");
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || entry.path().parent_path().filename() == "licenses" ||
        name == "SOURCES.md") {
      continue;
    }
    const std::string body = read_file(entry.path().string());
    ++checked;
    EXPECT_NO_THROW({
      (void)parse_chat_response(200, body);
      (void)parse_chat_response(500, body);
      (void)parse_provider_error(body);
      (void)parse_summary_fields(body);
    }) << name;
    const bool is_completion = name.find("chat_completion") != std::string::npos &&
                               name.find(".json") == name.size() - 5 &&
                               name.find("cassette") == std::string::npos;
    if (name.find("batch_") != std::string::npos && name.ends_with(".json")) {
      EXPECT_FALSE(parse_chat_response(200, body)) << name << " is a batch object";
    }
    if (is_completion) {
      EXPECT_TRUE(parse_chat_response(200, body)) << name;
    }
  }
  EXPECT_GT(checked, 60u);
}

TEST(ChatCodec, NonJsonBodyQuotesAtMost200Bytes) {
  const std::string html = "<html><body>" + std::string(500, 'x') + "</body></html>";
  auto ok_status = parse_chat_response(200, html);
  ASSERT_FALSE(ok_status);
  EXPECT_EQ(ok_status.error().code, ErrorCode::malformed_input);
  EXPECT_EQ(ok_status.error().message, "response is not JSON: \"" + html.substr(0, 200) + "...\"");

  auto bad_gateway = parse_chat_response(502, "Bad Gateway\n");
  ASSERT_FALSE(bad_gateway);
  EXPECT_EQ(bad_gateway.error().code, ErrorCode::http_status);
  EXPECT_EQ(bad_gateway.error().message, "HTTP 502: \"Bad Gateway \"");

  auto empty = parse_chat_response(200, "");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().message, "response is not JSON: (empty body)");
}

TEST(ChatCodec, QuoteNeverCutsInsideUtf8) {
  const std::string text = std::string(199, 'a') + "é" + "tail";  // é = 2 bytes at 199..200
  EXPECT_EQ(quote_body(text), "\"" + std::string(199, 'a') + "...\"");
  EXPECT_EQ(quote_body("short"), "\"short\"");
}

TEST(ChatCodec, UnknownFieldsAreIgnoredAndNullContentIsEmpty) {
  auto completion = parse_chat_completion(
      R"({"id":"x","future":{"a":[1]},"choices":[{"message":{"role":"assistant","content":null,)"
      R"("tool_calls":[]},"finish_reason":"content_filter","extra":1}]})");
  ASSERT_TRUE(completion) << completion.error().message;
  EXPECT_EQ(completion->content, "");
  EXPECT_EQ(completion->finish_reason, "content_filter");
  EXPECT_EQ(completion->usage, Usage{});
}

// A count that is not a whole number of tokens up to kMaxTokenCount would be summed into the
// run's totals and its token budget (INT64_MAX + 1 overflowed; 1e300 was silently 0).
TEST(ChatCodec, UsageCountsMustBeWholeNumbersWithinTheBound) {
  const auto with_usage = [](const std::string& usage) {
    return parse_chat_completion(R"({"choices":[{"message":{"content":"x"}}],"usage":)" + usage +
                                 "}");
  };
  const std::vector<std::pair<std::string, std::string>> cases{
      {R"({"prompt_tokens":9223372036854775807,"input_tokens":1})",
       R"("prompt_tokens": expected an integer 0–1000000000000, got 9223372036854775807)"},
      {R"({"prompt_tokens":1e300})",
       R"("prompt_tokens": expected an integer 0–1000000000000, got 1e+300)"},
      {R"({"completion_tokens":-5})",
       R"("completion_tokens": expected an integer 0–1000000000000, got -5)"},
      {R"({"output_tokens":3.7})",
       R"("output_tokens": expected an integer 0–1000000000000, got 3.7)"},
      {R"({"input_tokens":"12"})",
       R"("input_tokens": expected an integer 0–1000000000000, got a string)"},
  };
  for (const auto& [usage, problem] : cases) {
    const auto completion = with_usage(usage);
    ASSERT_FALSE(completion) << usage;
    EXPECT_EQ(completion.error().code, ErrorCode::malformed_input);
    EXPECT_EQ(completion.error().message, "chat completion usage " + problem);
  }
  // Both spellings at the bound add up; 2e12 is no overflow.
  const auto most =
      with_usage(R"({"prompt_tokens":1000000000000,"input_tokens":1e12,"completion_tokens":null})");
  ASSERT_TRUE(most) << most.error().message;
  EXPECT_EQ(most->usage, (Usage{2'000'000'000'000, 0}));
}

// nlohmann's dump and the readers recurse once per level; a reply nested 100,000 deep is refused
// as a body that is not JSON we read, never parsed whole.
TEST(ChatCodec, AReplyNestedTooDeepIsMalformed) {
  const std::string body = R"({"choices":[{"message":{"content":"x"}}],"extra":)" +
                           testing::nested_json_arrays(100000) + "}";
  const auto completion = parse_chat_completion(body);
  ASSERT_FALSE(completion);
  EXPECT_EQ(completion.error().code, ErrorCode::malformed_input);
  EXPECT_EQ(completion.error().message, "response is not JSON: " + quote_body(body));
  EXPECT_FALSE(
      parse_provider_error(R"({"error":{"message":)" + testing::nested_json_arrays(100000) + "}}"));
  // 64 levels are still read: the reply object and 63 arrays in "extra".
  const auto at_limit =
      parse_chat_completion(R"({"choices":[{"message":{"content":"x"}}],"extra":)" +
                            testing::nested_json_arrays(63) + "}");
  ASSERT_TRUE(at_limit) << at_limit.error().message;
  EXPECT_EQ(at_limit->content, "x");
}

TEST(ChatCodec, MissingOrEmptyChoicesIsMalformed) {
  for (const char* body :
       {R"({"id":"x"})", R"({"choices":[]})", R"([1,2])", R"({"choices":[1]})"}) {
    auto result = parse_chat_completion(body);
    ASSERT_FALSE(result) << body;
    EXPECT_EQ(result.error().code, ErrorCode::malformed_input) << body;
  }
}

TEST(ChatCodec, ErrorEnvelopeInA200IsAnError) {
  auto result =
      parse_chat_response(200, R"({"error":{"message":"overloaded","code":"server_busy"}})");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "HTTP 200: overloaded (server_busy)");
}

// ---- provider_failure: any endpoint's answer (/files, /batches, /chat/completions) ----

TEST(ProviderFailure, A2xxWithoutAnErrorEnvelopeIsASuccess) {
  EXPECT_EQ(provider_failure(200, R"({"id":"file-1","object":"file"})"), std::nullopt);
  EXPECT_EQ(provider_failure(201, R"({"id":"batch_1"})"), std::nullopt);
  EXPECT_EQ(provider_failure(204, ""), std::nullopt);
  // Not JSON at all is not a failure here: a file's /content is JSONL or any bytes.
  EXPECT_EQ(provider_failure(200, "<html>ok</html>"), std::nullopt);
  EXPECT_EQ(provider_failure(200, "{\"custom_id\":\"a\"}\n{\"custom_id\":\"b\"}\n"), std::nullopt);
  // A DashScope-like object with a code but no message, or an empty code, is no error either.
  EXPECT_EQ(provider_failure(200, R"({"code":"x","id":"y"})"), std::nullopt);
  EXPECT_EQ(provider_failure(200, R"({"code":"","message":"ok"})"), std::nullopt);
  // An `error` member that is not an object (batch objects carry "errors": null).
  EXPECT_EQ(provider_failure(200, R"({"id":"b","error":null,"errors":null})"), std::nullopt);
}

TEST(ProviderFailure, A2xxWithAnErrorEnvelopeIsAFailure) {
  const auto openai =
      provider_failure(200, R"({"error":{"message":"overloaded","code":"server_busy"}})");
  ASSERT_TRUE(openai);
  EXPECT_EQ(openai->code, ErrorCode::http_status);
  EXPECT_EQ(openai->message, "HTTP 200: overloaded (server_busy)");

  const auto native =
      provider_failure(200, R"({"code":"InternalError","message":"try later","request_id":"r-1"})");
  ASSERT_TRUE(native);
  EXPECT_EQ(native->code, ErrorCode::http_status);
  EXPECT_EQ(native->message, "HTTP 200: try later (InternalError)");

  const auto no_message = provider_failure(200, R"({"error":{"type":"server_error"}})");
  ASSERT_TRUE(no_message);
  EXPECT_EQ(no_message->message, "HTTP 200: no message (server_error)");
}

TEST(ProviderFailure, NonJsonErrorStatusQuotesTheBody) {
  const std::string html =
      "<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>" +
      std::string(300, 'x') + "</body></html>";
  const auto failure = provider_failure(500, html);
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->code, ErrorCode::http_status);
  std::string shown = html.substr(0, 200);
  std::replace_if(
      shown.begin(), shown.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
  EXPECT_EQ(failure->message, "HTTP 500: \"" + shown + "...\"");

  const auto empty = provider_failure(503, "");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->message, "HTTP 503: (empty body)");

  // JSON that is not an error envelope is quoted the same way.
  const auto json_body = provider_failure(404, R"({"detail":"Not Found"})");
  ASSERT_TRUE(json_body);
  EXPECT_EQ(json_body->code, ErrorCode::http_status);
  EXPECT_EQ(json_body->message, R"(HTTP 404: "{"detail":"Not Found"}")");
}

TEST(ProviderFailure, QuotaIsTypedWhateverTheStatus) {
  const auto openai = provider_failure(
      429, R"({"error":{"message":"You exceeded your current quota.","type":"insufficient_quota",)"
           R"("param":null,"code":"insufficient_quota"}})");
  ASSERT_TRUE(openai);
  EXPECT_EQ(openai->code, ErrorCode::quota);
  EXPECT_EQ(openai->message, "HTTP 429: You exceeded your current quota. (insufficient_quota)");

  // `type` alone marks it too.
  const auto by_type =
      provider_failure(429, R"({"error":{"message":"no money","type":"insufficient_quota"}})");
  ASSERT_TRUE(by_type);
  EXPECT_EQ(by_type->code, ErrorCode::quota);

  const auto arrearage = provider_failure(
      400, R"({"code":"Arrearage","message":"Access denied, please make sure your account is in )"
           R"(good standing.","request_id":"x"})");
  ASSERT_TRUE(arrearage);
  EXPECT_EQ(arrearage->code, ErrorCode::quota);
  EXPECT_EQ(arrearage->message,
            "HTTP 400: Access denied, please make sure your account is in good standing. "
            "(Arrearage)");

  // A rate limit is not a quota error.
  const auto rate = provider_failure(
      429, R"({"error":{"message":"Rate limit reached","code":"rate_limit_exceeded"}})");
  ASSERT_TRUE(rate);
  EXPECT_EQ(rate->code, ErrorCode::http_status);
}

TEST(ProviderFailure, RecordedErrorBodiesOfBothShapes) {
  const auto invalid_purpose =
      SHARED_DATA_OR_SKIP("openai/dashscope_error_400_invalid_purpose.json");
  auto failure = provider_failure(400, read_file(invalid_purpose));  // BOM-prefixed, code null
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->code, ErrorCode::http_status);
  EXPECT_EQ(failure->message, "HTTP 400: 'purpose' must be 'file-extract' (invalid_request_error)");

  const auto native = SHARED_DATA_OR_SKIP("openai/dashscope_native_error_401_invalid_api_key.json");
  failure = provider_failure(401, read_file(native));
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->code, ErrorCode::http_status);
  EXPECT_EQ(failure->message, "HTTP 401: Invalid API-key provided. (InvalidApiKey)");

  const auto parameter =
      SHARED_DATA_OR_SKIP("openai/dashscope_native_error_400_invalid_parameter.json");
  failure = provider_failure(400, read_file(parameter));
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->message,
            "HTTP 400: Role must be user or assistant and Content length must be greater than 0 "
            "(InvalidParameter)");
}

// Every recorded 2xx body of /files, /batches and /chat/completions is a success, so the provider
// client hands it to its codec; none of them looks like an error envelope.
TEST(ProviderFailure, EveryRecordedSuccessBodyIsASuccess) {
  const char* files[] = {
      "openai/dashscope_file_extract_upload.json",
      "openai/dashscope_file_get.json",
      "openai/dashscope_file_delete.json",
      "openai/dashscope_file_list.json",
      "openai/dashscope_doc_batch_upload_file_object.json",
      "openai/openai_file_upload_status_uploaded.json",
      "openai/dashscope_batch_cancel_cancelling.json",
      "openai/dashscope_batch_cancelled.json",
      "openai/dashscope_batch_completed.json",
      "openai/dashscope_batch_create_validating.json",
      "openai/dashscope_batch_failed_url_not_found.json",
      "openai/dashscope_batch_in_progress.json",
      "openai/dashscope_batch_list_empty_data_null.json",
      "openai/dashscope_batch_list_has_more.json",
      "openai/dashscope_batch_list_with_failed.json",
      "openai/dashscope_batch_output.jsonl",
      "openai/more/dashscope_batch_list_by_input_file.json",
      "openai/more/dashscope_batch_list_by_name.json",
      "openai/more/dashscope_batch_list_failed_mismatched_test_url.json",
      "openai/more/dashscope_native_file_upload_partial_failure.json",
      "openai/openai_chat_completion_ok.json",
      "openai/openai_doc_chat_completion.json",
  };
  for (const char* file : files) {
    SCOPED_TRACE(file);
    const auto path = SHARED_DATA_OR_SKIP(file);
    const auto failure = provider_failure(200, read_file(path));
    EXPECT_FALSE(failure) << failure->message;
  }
}

TEST(SummaryFieldsCodec, ParsesPlainAndFencedJson) {
  const std::string object =
      R"({"tldr":"T.","motivation":"M.","method":"Me.","result":"R.","conclusion":"C.","x":1})";
  const SummaryFields expected{"T.", "M.", "Me.", "R.", "C."};
  auto plain = parse_summary_fields(object);
  ASSERT_TRUE(plain) << plain.error().message;
  EXPECT_EQ(*plain, expected);
  auto fenced = parse_summary_fields("```json\n" + object + "\n```\n");
  ASSERT_TRUE(fenced) << fenced.error().message;
  EXPECT_EQ(*fenced, expected);
  auto bare_fence = parse_summary_fields("```\n" + object + "\n```");
  ASSERT_TRUE(bare_fence);
}

TEST(SummaryFieldsCodec, SaysWhatIsWrong) {
  auto not_json = parse_summary_fields("Here is a summary: it is good.");
  ASSERT_FALSE(not_json);
  EXPECT_EQ(not_json.error().message,
            "the answer is not valid JSON: \"Here is a summary: it is good.\"");
  auto incomplete = parse_summary_fields(R"({"tldr":"T","motivation":3,"method":" "})");
  ASSERT_FALSE(incomplete);
  EXPECT_EQ(incomplete.error().message,
            "the answer's JSON is incomplete: \"motivation\" must be a string; \"method\" is "
            "empty; \"result\" is missing; \"conclusion\" is missing");
  auto array = parse_summary_fields("[]");
  ASSERT_FALSE(array);
  EXPECT_EQ(array.error().code, ErrorCode::malformed_input);
}

TEST(SummaryFieldsCodec, MarkdownRendering) {
  EXPECT_EQ(fields_markdown({"T", "M", "Me", "R", "C"}),
            "**TL;DR**: T\n\n**Motivation**: M\n\n**Method**: Me\n\n**Result**: R\n\n"
            "**Conclusion**: C");
}

}  // namespace
}  // namespace arxiv_digest
