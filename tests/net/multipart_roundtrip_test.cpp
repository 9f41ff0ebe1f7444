// encode_multipart read back by a real multipart/form-data parser: cpp-httplib's server on
// 127.0.0.1 receives the body and content type exactly as ProviderClient would send them.

#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <mutex>
#include <string>

#include "arxiv_digest/files_codec.hpp"
#include "support/loopback_server.hpp"

namespace arxiv_digest {
namespace {

using ::arxiv_digest::testing::LoopbackServer;

struct ReceivedPart {
  std::string filename;
  std::string content_type;
  std::string content;
  bool operator==(const ReceivedPart&) const = default;
};

class MultipartRoundTripTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.server().Post("/files", [this](const httplib::Request& req, httplib::Response& res) {
      const std::lock_guard lock(mutex_);
      multipart_ = req.is_multipart_form_data();
      for (const auto& [name, part] : req.files) {
        parts_.emplace(name, ReceivedPart{part.filename, part.content_type, part.content});
      }
      res.set_content(R"({"id":"file-1"})", "application/json");
    });
    server_.start();
  }

  // The parts the server parsed out of `form`.
  std::multimap<std::string, ReceivedPart> round_trip(const MultipartForm& form) {
    httplib::Client client("127.0.0.1", server_.port());
    const auto result = client.Post("/files", form.body, form.content_type.c_str());
    EXPECT_TRUE(result) << httplib::to_string(result.error());
    if (result) {
      EXPECT_EQ(result->status, 200);
    }
    const std::lock_guard lock(mutex_);
    EXPECT_TRUE(multipart_);
    return parts_;
  }

  LoopbackServer server_;
  std::mutex mutex_;
  bool multipart_ = false;
  std::multimap<std::string, ReceivedPart> parts_;
};

TEST_F(MultipartRoundTripTest, AnUploadParsesIntoItsFileAndPurpose) {
  const std::string pdf = std::string("%PDF-1.7\n\0\xFF\r\n--not-a-boundary\r\n", 31) + "%%EOF";
  const auto parts = round_trip(encode_multipart({
      {"file", "2602.10965v1.pdf", "application/pdf", pdf},
      {"purpose", "", "", "file-extract"},
  }));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts.find("file")->second, (ReceivedPart{"2602.10965v1.pdf", "application/pdf", pdf}));
  EXPECT_EQ(parts.find("purpose")->second, (ReceivedPart{"", "", "file-extract"}));
}

TEST_F(MultipartRoundTripTest, DataHoldingTheDefaultBoundaryIsNotCut) {
  const std::string jsonl =
      "{\"a\":1}\r\n--arxiv-digest-form-boundary\r\n--arxiv-digest-form-boundary--\r\n{\"b\":2}\n";
  const auto parts = round_trip(encode_multipart({
      {"file", "input.jsonl", "application/jsonl", jsonl},
      {"purpose", "", "", "batch"},
  }));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts.find("file")->second.content, jsonl);
  EXPECT_EQ(parts.find("purpose")->second.content, "batch");
}

TEST_F(MultipartRoundTripTest, EmptyDataAndSanitizedNames) {
  const auto parts = round_trip(encode_multipart({
      {"file", "my \"paper\"\r\n.pdf", "application/pdf", ""},
      {"purpose", "", "", "file-extract"},
  }));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts.find("file")->second, (ReceivedPart{"my _paper___.pdf", "application/pdf", ""}));
}

}  // namespace
}  // namespace arxiv_digest
