#include "arxiv_digest/files_codec.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "arxiv_digest/chat_codec.hpp"
#include "core/util/json_support.hpp"

namespace arxiv_digest {
namespace {

using json = nlohmann::json;

bool occurs_in_any(const std::vector<FilePart>& parts, std::string_view boundary) {
  return std::any_of(parts.begin(), parts.end(), [&](const FilePart& part) {
    return part.data.find(boundary) != std::string_view::npos;
  });
}

// Form field names and file names go inside quotes; a quote or line break would end the header.
std::string header_value(std::string_view text) {
  std::string out;
  for (const char c : text) {
    out += (c == '"' || c == '\r' || c == '\n') ? '_' : c;
  }
  return out;
}

}  // namespace

MultipartForm encode_multipart(const std::vector<FilePart>& parts) {
  std::string boundary = "arxiv-digest-form-boundary";
  for (int n = 1; occurs_in_any(parts, boundary); ++n) {
    boundary = "arxiv-digest-form-boundary-" + std::to_string(n);
  }
  MultipartForm form;
  form.content_type = "multipart/form-data; boundary=" + boundary;
  for (const FilePart& part : parts) {
    form.body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" +
                 header_value(part.name) + "\"";
    if (!part.filename.empty()) {
      form.body += "; filename=\"" + header_value(part.filename) + "\"";
    }
    form.body += "\r\n";
    if (!part.content_type.empty()) {
      form.body += "Content-Type: " + part.content_type + "\r\n";
    }
    form.body += "\r\n";
    form.body += part.data;
    form.body += "\r\n";
  }
  form.body += "--" + boundary + "--\r\n";
  return form;
}

Result<FileObject> parse_file_object(std::string_view body) {
  const json doc = parse_json_or_discarded(body);
  if (!doc.is_object() || !doc.contains("id") || !doc["id"].is_string()) {
    return Error{ErrorCode::malformed_input, "not a file object: " + quote_body(body)};
  }
  const auto deleted = doc.find("deleted");
  return FileObject{
      .id = doc["id"].get<std::string>(),
      .status = member_text(doc, "status"),
      .status_details = member_text(doc, "status_details"),
      .deleted = deleted != doc.end() && deleted->is_boolean() && deleted->get<bool>(),
  };
}

}  // namespace arxiv_digest
