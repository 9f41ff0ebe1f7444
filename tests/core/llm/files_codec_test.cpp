// The /files codec: the multipart/form-data upload body byte for byte (RFC 7578) and file objects
// parsed from every real provider payload in ../shared/data/openai/, plus hand-written edge cases.

#include "arxiv_digest/files_codec.hpp"

#include <gmock/gmock.h>

#include <algorithm>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using testing::read_file;

constexpr std::string_view kDefaultBoundary = "arxiv-digest-form-boundary";

// The boundary named in a form's content type ("" when it names none).
std::string boundary_of(const MultipartForm& form) {
  constexpr std::string_view kPrefix = "multipart/form-data; boundary=";
  if (form.content_type.rfind(kPrefix, 0) != 0) {
    return "";
  }
  return form.content_type.substr(kPrefix.size());
}

// A minimal RFC 2046 reader: the bytes of each body part (headers + CRLF CRLF + data) between
// delimiter lines, and whether the close delimiter ends the body. Only CRLF-led delimiters count,
// as in a real parser.
struct SplitBody {
  std::vector<std::string> parts;
  bool closed = false;
};

SplitBody split_body(const std::string& body, const std::string& boundary) {
  SplitBody split;
  const std::string first = "--" + boundary + "\r\n";
  if (body.rfind(first, 0) != 0) {
    return split;
  }
  const std::string delimiter = "\r\n--" + boundary;
  std::size_t start = first.size();
  for (;;) {
    const auto at = body.find(delimiter, start);
    if (at == std::string::npos) {
      return split;
    }
    split.parts.push_back(body.substr(start, at - start));
    const std::size_t after = at + delimiter.size();
    if (body.compare(after, 4, "--\r\n") == 0) {
      split.closed = after + 4 == body.size();
      return split;
    }
    if (body.compare(after, 2, "\r\n") != 0) {
      return split;
    }
    start = after + 2;
  }
}

TEST(FilesCodec, FileAndFieldPartsAreLaidOutExactlyAsRfc7578) {
  const std::string pdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n";
  const MultipartForm form = encode_multipart({
      {"file", "2602.10965v1.pdf", "application/pdf", pdf},
      {"purpose", "", "", "file-extract"},
  });
  EXPECT_EQ(form.content_type, "multipart/form-data; boundary=arxiv-digest-form-boundary");
  EXPECT_EQ(form.body,
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

TEST(FilesCodec, AFileWithoutContentTypeHasNoContentTypeHeader) {
  const MultipartForm form = encode_multipart({{"file", "input.jsonl", "", "{}"}});
  EXPECT_EQ(form.body,
            "--arxiv-digest-form-boundary\r\n"
            "Content-Disposition: form-data; name=\"file\"; filename=\"input.jsonl\"\r\n"
            "\r\n"
            "{}\r\n"
            "--arxiv-digest-form-boundary--\r\n");
}

TEST(FilesCodec, BinaryDataIsCopiedByteForByte) {
  const std::string bytes("\0\r\n--\r\n\xFF\x00--", 11);
  const MultipartForm form =
      encode_multipart({{"file", "b.bin", "application/octet-stream", bytes}});
  const SplitBody split = split_body(form.body, boundary_of(form));
  ASSERT_TRUE(split.closed) << form.body;
  ASSERT_EQ(split.parts.size(), 1u);
  const std::string& part = split.parts[0];
  const auto data_at = part.find("\r\n\r\n");
  ASSERT_NE(data_at, std::string::npos);
  EXPECT_EQ(part.substr(data_at + 4), bytes);
}

TEST(FilesCodec, BoundaryNeverOccursInAnyPartsData) {
  // The default boundary, as a delimiter line, inside the file: a parser would cut the file there.
  const std::string evil = "line 1\r\n--arxiv-digest-form-boundary\r\nline 3";
  MultipartForm form = encode_multipart({{"file", "a.txt", "text/plain", evil}});
  EXPECT_EQ(boundary_of(form), "arxiv-digest-form-boundary-1");
  SplitBody split = split_body(form.body, boundary_of(form));
  ASSERT_TRUE(split.closed);
  ASSERT_EQ(split.parts.size(), 1u);
  EXPECT_TRUE(split.parts[0].ends_with("\r\n\r\n" + evil));

  // The first candidates taken by different parts: the boundary skips past all of them.
  const std::string first = "x arxiv-digest-form-boundary-1 y";
  const std::string second = "arxiv-digest-form-boundary-2arxiv-digest-form-boundary-3";
  form = encode_multipart({{"file", "a.txt", "text/plain", first}, {"purpose", "", "", second}});
  const std::string boundary = boundary_of(form);
  EXPECT_EQ(boundary, "arxiv-digest-form-boundary-4");
  EXPECT_THAT(first, ::testing::Not(::testing::HasSubstr(boundary)));
  EXPECT_THAT(second, ::testing::Not(::testing::HasSubstr(boundary)));
  split = split_body(form.body, boundary);
  ASSERT_TRUE(split.closed);
  ASSERT_EQ(split.parts.size(), 2u);
  EXPECT_TRUE(split.parts[0].ends_with("\r\n\r\n" + first));
  EXPECT_TRUE(split.parts[1].ends_with("\r\n\r\n" + second));
  // The boundary occurs in the body only on its delimiter lines: 2 parts + the close.
  std::size_t count = 0;
  for (auto at = form.body.find(boundary); at != std::string::npos;
       at = form.body.find(boundary, at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 3u);
}

TEST(FilesCodec, TheDefaultBoundaryIsKeptWhenNoDataContainsIt) {
  // "-1" in the data does not matter while the default itself is absent.
  const MultipartForm form = encode_multipart({{"purpose", "", "", "arxiv-digest-form-bound"}});
  EXPECT_EQ(boundary_of(form), kDefaultBoundary);
}

TEST(FilesCodec, QuotesAndLineBreaksInNamesAreReplaced) {
  const MultipartForm form = encode_multipart({
      {"fi\"le\r\nX-Injected: 1", "my \"paper\"\r\n.pdf", "application/pdf", "x"},
  });
  EXPECT_EQ(form.body,
            "--arxiv-digest-form-boundary\r\n"
            "Content-Disposition: form-data; name=\"fi_le__X-Injected: 1\"; "
            "filename=\"my _paper___.pdf\"\r\n"
            "Content-Type: application/pdf\r\n"
            "\r\n"
            "x\r\n"
            "--arxiv-digest-form-boundary--\r\n");
  EXPECT_THAT(form.body, ::testing::Not(::testing::HasSubstr("\r\nX-Injected")));
}

TEST(FilesCodec, NonAsciiFileNamesAreKeptAsUtf8) {
  const MultipartForm form = encode_multipart({{"file", "résumé.pdf", "application/pdf", "x"}});
  EXPECT_THAT(form.body, ::testing::HasSubstr("filename=\"résumé.pdf\"\r\n"));
}

TEST(FilesCodec, EmptyDataIsAnEmptyPart) {
  const MultipartForm form = encode_multipart({
      {"file", "empty.txt", "text/plain", ""},
      {"purpose", "", "", ""},
  });
  EXPECT_EQ(form.body,
            "--arxiv-digest-form-boundary\r\n"
            "Content-Disposition: form-data; name=\"file\"; filename=\"empty.txt\"\r\n"
            "Content-Type: text/plain\r\n"
            "\r\n"
            "\r\n"
            "--arxiv-digest-form-boundary\r\n"
            "Content-Disposition: form-data; name=\"purpose\"\r\n"
            "\r\n"
            "\r\n"
            "--arxiv-digest-form-boundary--\r\n");
  const SplitBody split = split_body(form.body, boundary_of(form));
  EXPECT_TRUE(split.closed);
  EXPECT_EQ(split.parts.size(), 2u);
}

TEST(FilesCodec, NoPartsIsJustTheCloseDelimiter) {
  const MultipartForm form = encode_multipart({});
  EXPECT_EQ(form.content_type, "multipart/form-data; boundary=arxiv-digest-form-boundary");
  EXPECT_EQ(form.body, "--arxiv-digest-form-boundary--\r\n");
}

// ---- parse_file_object over the recorded payloads ----

TEST(FilesCodec, DashScopeFileExtractUpload) {
  const auto path = SHARED_DATA_OR_SKIP("openai/dashscope_file_extract_upload.json");
  auto file = parse_file_object(read_file(path));
  ASSERT_TRUE(file) << file.error().message;
  FileObject expected;
  expected.id = "file-fe-5d5eb068893f4b5e8551ada4";
  expected.status = "processed";
  EXPECT_EQ(*file, expected);
}

TEST(FilesCodec, DashScopeFileGet) {
  const auto path = SHARED_DATA_OR_SKIP("openai/dashscope_file_get.json");
  auto file = parse_file_object(read_file(path));
  ASSERT_TRUE(file) << file.error().message;
  FileObject expected;
  expected.id = "file-fe-d5c0ea9110bd47afb0505f43";
  expected.status = "processed";
  EXPECT_EQ(*file, expected);
}

TEST(FilesCodec, DashScopeFileDeleteSaysDeleted) {
  const auto path = SHARED_DATA_OR_SKIP("openai/dashscope_file_delete.json");
  auto file = parse_file_object(read_file(path));
  ASSERT_TRUE(file) << file.error().message;
  FileObject expected;
  expected.id = "file-fe-d5c0ea9110bd47afb0505f43";
  expected.deleted = true;
  EXPECT_EQ(*file, expected);
}

TEST(FilesCodec, OpenAiUploadWithNullStatusDetails) {
  const auto path = SHARED_DATA_OR_SKIP("openai/openai_file_upload_status_uploaded.json");
  auto file = parse_file_object(read_file(path));
  ASSERT_TRUE(file) << file.error().message;
  FileObject expected;
  expected.id = "file-l48KgWVF75Tz2HLqLrcUdBPi";
  expected.status = "uploaded";
  expected.status_details = "";  // null
  EXPECT_EQ(*file, expected);
}

TEST(FilesCodec, DashScopeBatchUploadFromTheDocs) {
  const auto path = SHARED_DATA_OR_SKIP("openai/dashscope_doc_batch_upload_file_object.json");
  auto file = parse_file_object(read_file(path));
  ASSERT_TRUE(file) << file.error().message;
  FileObject expected;
  expected.id = "file-batch-xxx";
  expected.status = "processed";
  EXPECT_EQ(*file, expected);
}

TEST(FilesCodec, OpenAiDocExampleWithTrailingCommaIsNotJson) {
  const auto path = SHARED_DATA_OR_SKIP("openai/openai_doc_file_object.json.txt");
  const std::string body = read_file(path);
  auto file = parse_file_object(body);
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().code, ErrorCode::malformed_input);
  // The whole body (178 bytes) is quoted, line breaks shown as spaces.
  std::string shown = body;
  std::replace(shown.begin(), shown.end(), '\n', ' ');
  EXPECT_EQ(file.error().message, "not a file object: \"" + shown + "\"");
  EXPECT_THAT(file.error().message, ::testing::HasSubstr(R"("purpose": "fine-tune", })"));
}

TEST(FilesCodec, StatusDetailsAndUnknownMembers) {
  auto file = parse_file_object(
      R"({"id":"file-1","object":"file","status":"error","status_details":"not a PDF",)"
      R"("expires_at":1,"future":{"x":[1]},"bytes":"12","created_at":1.5,"deleted":"yes"})");
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_EQ(file->status, "error");
  EXPECT_EQ(file->status_details, "not a PDF");
  EXPECT_FALSE(file->deleted);  // not a boolean
}

TEST(FilesCodec, ALeadingBomIsSkipped) {
  auto file = parse_file_object("\xEF\xBB\xBF{\"id\":\"file-2\",\"deleted\":true}");
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_EQ(file->id, "file-2");
  EXPECT_TRUE(file->deleted);
}

TEST(FilesCodec, NotAFileObjectIsMalformedAndQuoted) {
  const std::pair<const char*, const char*> cases[] = {
      {R"(["file-1"])", R"(not a file object: "["file-1"]")"},
      {R"("file-1")", R"(not a file object: ""file-1"")"},
      {R"({"object":"file","bytes":7})", R"(not a file object: "{"object":"file","bytes":7}")"},
      {R"({"id":42,"object":"file"})", R"(not a file object: "{"id":42,"object":"file"}")"},
      {R"({"id":null})", R"(not a file object: "{"id":null}")"},
      {"", "not a file object: (empty body)"},
      {"<html>502 Bad Gateway</html>", "not a file object: \"<html>502 Bad Gateway</html>\""},
  };
  for (const auto& [body, message] : cases) {
    SCOPED_TRACE(body);
    auto file = parse_file_object(body);
    ASSERT_FALSE(file);
    EXPECT_EQ(file.error().code, ErrorCode::malformed_input);
    EXPECT_EQ(file.error().message, message);
  }
}

TEST(FilesCodec, AnErrorEnvelopeIsNotAFileObject) {
  const auto path = SHARED_DATA_OR_SKIP("openai/dashscope_error_400_invalid_purpose.json");
  auto file = parse_file_object(read_file(path));
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().code, ErrorCode::malformed_input);
}

TEST(FilesCodec, QuotesAtMost200BytesOfALongBody) {
  const std::string body = "[" + std::string(500, '1') + "]";
  auto file = parse_file_object(body);
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().message, "not a file object: \"" + body.substr(0, 200) + "...\"");
}

}  // namespace
}  // namespace arxiv_digest
