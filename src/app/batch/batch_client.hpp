#pragma once
// The `/batches` endpoint of an OpenAI-compatible provider over ProviderClient (so its retry
// policy and key handling apply to every call), plus the two `/files` steps a batch needs:
// uploading its JSONL input and downloading its output and error files.
//
// Each call adds its HTTP requests (retries included) to `tally`; errors are the provider
// client's (key removed) with the batch or file id in the message.

#include <string>
#include <string_view>
#include <vector>

#include "app/http/provider_client.hpp"
#include "arxiv_digest/batch_codec.hpp"

namespace arxiv_digest::app {

class BatchClient {
 public:
  BatchClient(ProviderClient& provider, CallTally& tally) : provider_(provider), tally_(tally) {}

  // POST /files (purpose batch, the JSONL as `filename`), then POST /batches on it. On an
  // upload failure nothing was created; on a create failure the input file id is in the message.
  struct Submitted {
    std::string input_file_id;
    Batch batch;
  };
  Result<Submitted> submit(const BatchInputFile& file, const BatchCreateRequest& create,
                           std::string_view filename);

  Result<Batch> get(std::string_view id);
  Result<Batch> cancel(std::string_view id);
  // GET /batches?limit=...: one page (DashScope sends `"data": null` when it is empty).
  Result<BatchPage> list(int limit = 100);

  // The judged lines of a terminal batch's output and error files (either may be absent).
  Result<std::vector<BatchResultLine>> results(const Batch& batch);

  // DELETE /files/{id} for the input, output and error files; failures are returned as text.
  std::vector<std::string> delete_files(const Batch& batch, std::string_view input_file_id);

 private:
  Result<std::string> download(std::string_view file_id);

  ProviderClient& provider_;
  CallTally& tally_;
};

}  // namespace arxiv_digest::app
