#include "app/batch/batch_client.hpp"

#include "app/summarize/openai_files.hpp"

namespace arxiv_digest::app {
namespace {

std::string batch_path(std::string_view id, std::string_view suffix = "") {
  return "/batches/" + std::string(id) + std::string(suffix);
}

Result<Batch> batch_of(Result<HttpResponse> response, std::string_view what) {
  if (!response) {
    return Error{response.error().code, std::string(what) + ": " + response.error().message};
  }
  return parse_batch(response->body, what);
}

}  // namespace

Result<BatchClient::Submitted> BatchClient::submit(const BatchInputFile& file,
                                                   const BatchCreateRequest& create,
                                                   std::string_view filename) {
  auto uploaded =
      upload_file(provider_, "batch", filename, "application/jsonl", file.jsonl, &tally_);
  if (!uploaded) {
    return Error{uploaded.error().code, "uploading the batch input " + std::string(filename) +
                                            ": " + uploaded.error().message};
  }
  BatchCreateRequest request = create;
  request.input_file_id = uploaded->id;
  auto batch = batch_of(
      provider_.call("POST", "/batches", write_batch_create(request), "application/json", &tally_),
      "creating a batch on " + uploaded->id);
  if (!batch) {
    return batch.error();
  }
  return Submitted{uploaded->id, std::move(batch.value())};
}

Result<Batch> BatchClient::get(std::string_view id) {
  return batch_of(provider_.call("GET", batch_path(id), {}, {}, &tally_),
                  "batch " + std::string(id));
}

Result<Batch> BatchClient::cancel(std::string_view id) {
  return batch_of(provider_.call("POST", batch_path(id, "/cancel"), {}, {}, &tally_),
                  "cancelling batch " + std::string(id));
}

Result<BatchPage> BatchClient::list(int limit) {
  auto response = provider_.call("GET", "/batches?limit=" + std::to_string(limit), {}, {}, &tally_);
  if (!response) {
    return Error{response.error().code, "listing batches: " + response.error().message};
  }
  return parse_batch_page(response->body, "GET /batches");
}

Result<std::string> BatchClient::download(std::string_view file_id) {
  auto content = file_content(provider_, file_id, &tally_);
  if (!content) {
    return Error{content.error().code,
                 "downloading " + std::string(file_id) + ": " + content.error().message};
  }
  return content;
}

Result<std::vector<BatchResultLine>> BatchClient::results(const Batch& batch) {
  std::vector<BatchResultLine> lines;
  for (const std::string& id : {batch.output_file_id, batch.error_file_id}) {
    if (id.empty()) {
      continue;
    }
    auto content = download(id);
    if (!content) {
      return content.error();
    }
    auto judged = parse_batch_results(*content, id);
    lines.insert(lines.end(), std::make_move_iterator(judged.begin()),
                 std::make_move_iterator(judged.end()));
  }
  return lines;
}

std::vector<std::string> BatchClient::delete_files(const Batch& batch,
                                                   std::string_view input_file_id) {
  std::vector<std::string> problems;
  for (const std::string_view id : {input_file_id, std::string_view(batch.output_file_id),
                                    std::string_view(batch.error_file_id)}) {
    if (id.empty()) {
      continue;
    }
    if (auto deleted = delete_file(provider_, id, &tally_); !deleted) {
      problems.push_back("deleting " + std::string(id) + ": " + deleted.error().message);
    }
  }
  return problems;
}

}  // namespace arxiv_digest::app
