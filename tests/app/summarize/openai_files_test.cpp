// The /files endpoint over ProviderClient, FakeHttpClient and FakeClock: the upload's multipart
// body, the paths of get/content/delete, and waiting for processing on the fake clock.

#include "app/summarize/openai_files.hpp"

#include <gmock/gmock.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include "fakes/fake_clock.hpp"
#include "fakes/fake_http_client.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::FakeClock;
using testing::FakeHttpClient;
using testing::make_response;
using testing::read_file;

constexpr const char* kBase = "https://dashscope.aliyuncs.com/compatible-mode/v1";

std::string file_json(const std::string& id, const std::string& status,
                      const std::string& details = "") {
  std::string json = R"({"id":")" + id +
                     R"(","object":"file","bytes":1314,"filename":"paper.pdf",)"
                     R"("purpose":"file-extract","status":")" +
                     status + R"(","created_at":1761480070)";
  if (!details.empty()) {
    json += R"(,"status_details":")" + details + R"(")";
  }
  return json + "}";
}

FileObject file_with_status(const std::string& id, const std::string& status) {
  FileObject file;
  file.id = id;
  file.status = status;
  return file;
}

class OpenAiFilesTest : public ::testing::Test {
 protected:
  FakeClock clock_;
  FakeHttpClient http_;
  ProviderOptions options_;
  std::unique_ptr<ProviderClient> provider_;
  std::shared_ptr<spdlog::logger> previous_;

  void SetUp() override {
    options_.base_url = kBase;
    options_.api_key = "sk-files-test";
    options_.api_key_env = "DASHSCOPE_API_KEY";
    options_.jitter_seed = 3;
    provider_ = std::make_unique<ProviderClient>(http_, clock_, options_);
    previous_ = spdlog::default_logger();
    spdlog::set_default_logger(
        std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>()));
  }
  void TearDown() override { spdlog::set_default_logger(previous_); }
};

// ---- upload ----

TEST_F(OpenAiFilesTest, UploadSendsAMultipartBodyAndReturnsTheFileObject) {
  const auto recorded = SHARED_DATA_OR_SKIP("openai/dashscope_file_extract_upload.json");
  http_.push(200, read_file(recorded));
  const std::string pdf = "%PDF-1.7\n\x01\x02 binary \r\n bytes";
  CallTally tally;
  auto file =
      upload_file(*provider_, "file-extract", "2602.10965v1.pdf", "application/pdf", pdf, &tally);
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_EQ(file->id, "file-fe-5d5eb068893f4b5e8551ada4");
  EXPECT_EQ(file->status, "processed");
  EXPECT_EQ(tally.requests, 1u);

  const auto requests = http_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].url, std::string(kBase) + "/files");
  EXPECT_EQ(requests[0].headers.at("Authorization"), "Bearer sk-files-test");
  EXPECT_EQ(requests[0].headers.at("Content-Type"),
            "multipart/form-data; boundary=arxiv-digest-form-boundary");
  EXPECT_EQ(requests[0].body,
            "--arxiv-digest-form-boundary\r\n"
            "Content-Disposition: form-data; name=\"file\"; filename=\"2602.10965v1.pdf\"\r\n"
            "Content-Type: application/pdf\r\n"
            "\r\n" +
                pdf +
                "\r\n"
                "--arxiv-digest-form-boundary\r\n"
                "Content-Disposition: form-data; name=\"purpose\"\r\n"
                "\r\n"
                "file-extract\r\n"
                "--arxiv-digest-form-boundary--\r\n");
}

TEST_F(OpenAiFilesTest, UploadHeaderNamesTheBoundaryTheBodyUses) {
  http_.push(200, file_json("file-batch-1", "processed"));
  const std::string jsonl = "{\"body\":\"--arxiv-digest-form-boundary\"}\n";
  auto file = upload_file(*provider_, "batch", "input.jsonl", "application/jsonl", jsonl);
  ASSERT_TRUE(file) << file.error().message;
  const HttpRequest request = http_.requests().at(0);
  EXPECT_EQ(request.headers.at("Content-Type"),
            "multipart/form-data; boundary=arxiv-digest-form-boundary-1");
  EXPECT_EQ(request.body.rfind("--arxiv-digest-form-boundary-1\r\n", 0), 0u);
  EXPECT_TRUE(request.body.ends_with("\r\n--arxiv-digest-form-boundary-1--\r\n"));
  EXPECT_THAT(request.body, ::testing::HasSubstr("name=\"purpose\"\r\n\r\nbatch\r\n"));
  EXPECT_THAT(request.body,
              ::testing::HasSubstr("Content-Type: application/jsonl\r\n\r\n" + jsonl + "\r\n"));
}

TEST_F(OpenAiFilesTest, UploadErrorsAreReturned) {
  const auto invalid_purpose =
      SHARED_DATA_OR_SKIP("openai/dashscope_error_400_invalid_purpose.json");
  http_.push(400, read_file(invalid_purpose));
  auto rejected = upload_file(*provider_, "batch", "a.pdf", "application/pdf", "x");
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.error().code, ErrorCode::http_status);
  EXPECT_EQ(rejected.error().message,
            "HTTP 400: 'purpose' must be 'file-extract' (invalid_request_error)");

  http_.push(200, R"({"object":"file"})");
  auto malformed = upload_file(*provider_, "file-extract", "a.pdf", "application/pdf", "x");
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.error().code, ErrorCode::malformed_input);
  EXPECT_EQ(malformed.error().message, R"(not a file object: "{"object":"file"}")");
}

// ---- get, content, delete ----

TEST_F(OpenAiFilesTest, GetReadsTheFileObject) {
  const auto recorded = SHARED_DATA_OR_SKIP("openai/dashscope_file_get.json");
  http_.push(200, read_file(recorded));
  CallTally tally;
  auto file = get_file(*provider_, "file-fe-d5c0ea9110bd47afb0505f43", &tally);
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_EQ(file->id, "file-fe-d5c0ea9110bd47afb0505f43");
  EXPECT_EQ(file->status, "processed");
  EXPECT_EQ(tally.requests, 1u);
  const HttpRequest request = http_.requests().at(0);
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.url, std::string(kBase) + "/files/file-fe-d5c0ea9110bd47afb0505f43");
  EXPECT_EQ(request.body, "");
  EXPECT_EQ(request.headers.count("Content-Type"), 0u);
}

TEST_F(OpenAiFilesTest, ContentReturnsTheBytesAsIs) {
  const std::string jsonl = "{\"id\":\"batch_req_1\"}\n{\"id\":\"batch_req_2\"}\n";
  http_.push(200, jsonl);
  auto content = file_content(*provider_, "file-out-1");
  ASSERT_TRUE(content) << content.error().message;
  EXPECT_EQ(*content, jsonl);
  const HttpRequest request = http_.requests().at(0);
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.url, std::string(kBase) + "/files/file-out-1/content");
  EXPECT_EQ(request.headers.count("Content-Type"), 0u);

  http_.push(404, R"({"error":{"message":"No such file","code":"not_found"}})");
  auto missing = file_content(*provider_, "file-gone");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::http_status);
  EXPECT_EQ(missing.error().message, "HTTP 404: No such file (not_found)");
}

TEST_F(OpenAiFilesTest, DeleteSendsDelete) {
  const auto recorded = SHARED_DATA_OR_SKIP("openai/dashscope_file_delete.json");
  http_.push(200, read_file(recorded));
  CallTally tally;
  EXPECT_TRUE(delete_file(*provider_, "file-fe-d5c0ea9110bd47afb0505f43", &tally));
  EXPECT_EQ(tally.requests, 1u);
  const HttpRequest request = http_.requests().at(0);
  EXPECT_EQ(request.method, "DELETE");
  EXPECT_EQ(request.url, std::string(kBase) + "/files/file-fe-d5c0ea9110bd47afb0505f43");
  EXPECT_EQ(request.headers.count("Content-Type"), 0u);

  http_.push(404, R"({"error":{"message":"No such file","code":"not_found"}})");
  auto missing = delete_file(*provider_, "file-gone");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "HTTP 404: No such file (not_found)");
}

// ---- wait_until_processed ----

TEST_F(OpenAiFilesTest, AProcessedFileIsReturnedWithoutPolling) {
  FileObject file = file_with_status("file-1", "processed");
  auto done = wait_until_processed(*provider_, clock_, file, ProcessingWait{});
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(*done, file);
  EXPECT_EQ(http_.request_count(), 0u);
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(OpenAiFilesTest, PollsAtTheIntervalUntilProcessed) {
  http_.push(200, file_json("file-1", "processing"));
  http_.push(200, file_json("file-1", "processed"));
  http_.attach_clock(clock_);
  const auto start = clock_.now();
  CallTally tally;
  auto done = wait_until_processed(*provider_, clock_, file_with_status("file-1", "uploaded"),
                                   ProcessingWait{milliseconds(2500), seconds(60)}, &tally);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->status, "processed");  // the latest object, not the one passed in
  EXPECT_EQ(clock_.sleeps(), (std::vector<milliseconds>{milliseconds(2500), milliseconds(2500)}));
  EXPECT_EQ(http_.request_times(), (std::vector<FakeClock::TimePoint>{start + milliseconds(2500),
                                                                      start + milliseconds(5000)}));
  EXPECT_EQ(tally.requests, 2u);
  for (const auto& request : http_.requests()) {
    EXPECT_EQ(request.method, "GET");
    EXPECT_EQ(request.url, std::string(kBase) + "/files/file-1");
  }
}

TEST_F(OpenAiFilesTest, StillProcessingAtTheDeadlineIsATimeout) {
  http_.set_handler([](const HttpRequest&) -> Result<HttpResponse> {
    return make_response(200, file_json("file-slow", "processing"));
  });
  auto done = wait_until_processed(*provider_, clock_, file_with_status("file-slow", "uploaded"),
                                   ProcessingWait{seconds(1), seconds(5)});
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().code, ErrorCode::timeout);
  EXPECT_EQ(done.error().message, "file file-slow still processing after 5 s");
  // Polls at 1..5 s; a sixth would come after the deadline.
  EXPECT_EQ(http_.request_count(), 5u);
  EXPECT_EQ(clock_.total_slept(), seconds(5));
}

// OpenAI has deprecated `status` and omits it in its documented file object.
TEST_F(OpenAiFilesTest, AnObjectWithoutStatusIsReadyAtOnce) {
  auto done = wait_until_processed(*provider_, clock_, file_with_status("file-2", ""),
                                   ProcessingWait{seconds(2), seconds(4)});
  ASSERT_TRUE(done);
  EXPECT_EQ(done->id, "file-2");
  EXPECT_EQ(http_.request_count(), 0u);
}

TEST_F(OpenAiFilesTest, TimeSpentRetryingCountsTowardsTheDeadline) {
  http_.push(503, "", {{"retry-after", "30"}});
  http_.push(200, file_json("file-3", "processing"));
  auto done = wait_until_processed(*provider_, clock_, file_with_status("file-3", "uploaded"),
                                   ProcessingWait{seconds(1), seconds(10)});
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().code, ErrorCode::timeout);
  EXPECT_EQ(clock_.sleeps(), (std::vector<milliseconds>{seconds(1), seconds(30)}));
  EXPECT_EQ(http_.request_count(), 2u);
}

TEST_F(OpenAiFilesTest, AnErrorStatusQuotesTheDetails) {
  http_.push(200, file_json("file-4", "error", "File is not a valid PDF"));
  auto done = wait_until_processed(*provider_, clock_, file_with_status("file-4", "processing"),
                                   ProcessingWait{});
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().code, ErrorCode::malformed_input);
  EXPECT_EQ(done.error().message,
            "file file-4 could not be processed (status error: File is not a valid PDF)");

  // Without details, and with a status that is neither processed nor in progress.
  auto failed = wait_until_processed(*provider_, clock_, file_with_status("file-5", "failed"),
                                     ProcessingWait{});
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message, "file file-5 could not be processed (status failed)");
  EXPECT_EQ(http_.request_count(), 1u);
}

TEST_F(OpenAiFilesTest, AFailingGetIsReturned) {
  http_.push(404, R"({"error":{"message":"No such file","code":"not_found"}})");
  auto done = wait_until_processed(*provider_, clock_, file_with_status("file-6", "uploaded"),
                                   ProcessingWait{});
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().code, ErrorCode::http_status);
  EXPECT_EQ(done.error().message, "HTTP 404: No such file (not_found)");

  http_.push(200, "not json");
  auto garbled = wait_until_processed(*provider_, clock_, file_with_status("file-6", "uploaded"),
                                      ProcessingWait{});
  ASSERT_FALSE(garbled);
  EXPECT_EQ(garbled.error().code, ErrorCode::malformed_input);
  EXPECT_EQ(http_.request_count(), 2u);
}

}  // namespace
}  // namespace arxiv_digest::app
