#pragma once
// The `/files` endpoint of an OpenAI-compatible provider, over ProviderClient (so its retry
// policy and key handling apply): upload, look up, wait for processing, download, delete.
// PDF document mode uploads with purpose `file-extract`; the Batch API with purpose `batch`.

#include <chrono>
#include <string>
#include <string_view>

#include "app/http/provider_client.hpp"
#include "arxiv_digest/files_codec.hpp"

namespace arxiv_digest::app {

// POST /files as multipart/form-data: `file` (bytes named `filename`) and `purpose`.
Result<FileObject> upload_file(ProviderClient& provider, std::string_view purpose,
                               std::string_view filename, std::string_view content_type,
                               std::string_view bytes, CallTally* tally = nullptr);

// GET /files/{id}.
Result<FileObject> get_file(ProviderClient& provider, std::string_view id,
                            CallTally* tally = nullptr);

// GET /files/{id}/content: the file's bytes (a batch's output or error JSONL).
Result<std::string> file_content(ProviderClient& provider, std::string_view id,
                                 CallTally* tally = nullptr);

// DELETE /files/{id}.
Result<void> delete_file(ProviderClient& provider, std::string_view id, CallTally* tally = nullptr);

struct ProcessingWait {
  std::chrono::milliseconds interval{1000};
  std::chrono::milliseconds deadline{std::chrono::seconds(120)};  // from the first look
};

// `file` as it is once the provider has processed it: polls GET /files/{id} every `interval`
// (on `clock`) while the status is uploaded/processing. A status of error/failed, or still
// processing after `deadline`, is an Error naming the file and its last status.
Result<FileObject> wait_until_processed(ProviderClient& provider, Clock& clock, FileObject file,
                                        const ProcessingWait& wait, CallTally* tally = nullptr);

}  // namespace arxiv_digest::app
