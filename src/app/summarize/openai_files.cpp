#include "app/summarize/openai_files.hpp"

namespace arxiv_digest::app {
namespace {

std::string file_path(std::string_view id, std::string_view suffix = {}) {
  return "/files/" + std::string(id) + std::string(suffix);
}

Result<FileObject> file_object_of(Result<HttpResponse> response) {
  if (!response) {
    return response.error();
  }
  return parse_file_object(response->body);
}

// OpenAI has deprecated `status` and may omit it: a file without one is ready to use.
bool still_processing(const FileObject& file) {
  return file.status == "uploaded" || file.status == "processing";
}

}  // namespace

Result<FileObject> upload_file(ProviderClient& provider, std::string_view purpose,
                               std::string_view filename, std::string_view content_type,
                               std::string_view bytes, CallTally* tally) {
  MultipartForm form = encode_multipart({
      {"file", std::string(filename), std::string(content_type), bytes},
      {"purpose", "", "", purpose},
  });
  return file_object_of(
      provider.call("POST", "/files", std::move(form.body), form.content_type, tally));
}

Result<FileObject> get_file(ProviderClient& provider, std::string_view id, CallTally* tally) {
  return file_object_of(provider.call("GET", file_path(id), {}, {}, tally));
}

Result<std::string> file_content(ProviderClient& provider, std::string_view id, CallTally* tally) {
  auto response = provider.download(file_path(id, "/content"), tally);
  if (!response) {
    return response.error();
  }
  return std::move(response->body);
}

Result<void> delete_file(ProviderClient& provider, std::string_view id, CallTally* tally) {
  auto response = provider.call("DELETE", file_path(id), {}, {}, tally);
  if (!response) {
    return response.error();
  }
  return {};
}

Result<FileObject> wait_until_processed(ProviderClient& provider, Clock& clock, FileObject file,
                                        const ProcessingWait& wait, CallTally* tally) {
  const auto give_up = clock.now() + wait.deadline;
  while (still_processing(file)) {
    if (clock.now() + wait.interval > give_up) {
      return Error{ErrorCode::timeout, "file " + file.id + " still " + file.status + " after " +
                                           std::to_string(wait.deadline.count() / 1000) + " s"};
    }
    clock.sleep(wait.interval);
    auto latest = get_file(provider, file.id, tally);
    if (!latest) {
      return latest.error();
    }
    file = std::move(latest.value());
  }
  if (!file.status.empty() && file.status != "processed") {
    std::string message = "file " + file.id + " could not be processed (status " + file.status;
    message += file.status_details.empty() ? ")" : ": " + file.status_details + ")";
    return Error{ErrorCode::malformed_input, message};
  }
  return file;
}

}  // namespace arxiv_digest::app
