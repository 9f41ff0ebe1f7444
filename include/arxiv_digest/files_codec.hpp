#pragma once
// The OpenAI-compatible `/files` codec: the multipart/form-data body of an upload out, file
// objects in. Used by PDF document mode (purpose `file-extract`) and the Batch API (purpose
// `batch`). Text in, text out: the app sends and receives the bytes.

#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

struct FilePart {
  std::string name;          // form field: "file", "purpose"
  std::string filename;      // "" for a plain field
  std::string content_type;  // "" for a plain field
  std::string_view data;
};

struct MultipartForm {
  std::string content_type;  // multipart/form-data; boundary=...
  std::string body;
};

// RFC 7578 form data. The boundary is chosen so that it occurs in no part's data.
MultipartForm encode_multipart(const std::vector<FilePart>& parts);

// What the tool reads of a file object (`{"id","object":"file","bytes","filename","purpose",
// "status",...}`) or of the answer of DELETE (`{"id","deleted":true}`); other members are
// ignored. `status` is uploaded | processing | processed | error (DashScope and OpenAI).
struct FileObject {
  std::string id;
  std::string status;
  std::string status_details;  // why processing failed, when the provider says
  bool deleted = false;
  bool operator==(const FileObject&) const = default;
};

// A 2xx body of POST /files, GET /files/{id} or DELETE /files/{id}. Errors (malformed_input)
// quote at most 200 bytes of a body that is not a JSON object with a string `id`.
Result<FileObject> parse_file_object(std::string_view body);

}  // namespace arxiv_digest
