#pragma once
// A cpp-httplib fake of an OpenAI-compatible provider's Batch API on 127.0.0.1,
// shaped on the real payloads in ../shared/data/openai/: `/v1/files` (multipart upload with
// purpose batch, get, content, delete), `/v1/batches` (create, get, cancel, list with
// `"data": null` when empty) and `/v1/chat/completions` (for the sync fallback).
//
// Validation at create time checks every input line the way the Batch API documents it: JSON,
// unique custom_id, method POST, url equal to the batch's endpoint (/v1/chat/completions), one
// model per file, a line ≤ max_line_bytes, ≤ max_lines lines and ≤ max_file_bytes. A file that
// breaks them makes a batch that ends `failed` with `errors.data[]` naming each line, as
// DashScope's recorded validation failures do.
//
// Each GET /batches/{id} moves the batch one step along `progression` (validating →
// in_progress → finalizing → completed by default); on its terminal status the output and error
// files are made: output lines shuffled, faults as scripted. Every request is recorded; the
// Authorization header must be `Bearer <api_key>` or the answer is a 401.

#include <httplib.h>

#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/loopback_server.hpp"

namespace arxiv_digest::testing {

struct FakeBatchScript {
  // Statuses reported by successive GETs of one batch; the last must be terminal.
  std::vector<std::string> progression{"validating", "in_progress", "finalizing", "completed"};
  // The first `poll_faults` GETs of /batches/{id} (over all batches) answer 429 with
  // retry-after-ms, then 503, alternately, before the real answer.
  int poll_faults = 0;
  // custom_ids answered with a 400 error body in the error file.
  std::set<std::string> error_ids;
  // custom_ids whose line in the error file is a `batch_expired` error (response null).
  std::set<std::string> expired_ids;
  // custom_ids the provider rejects at validation (errors.data with their line numbers), on top
  // of the Batch API rules.
  std::set<std::string> reject_ids;
  // custom_ids answered with finish_reason "length".
  std::set<std::string> length_ids;
  // Only the first `answered` lines (input order) get an output line; the rest are missing
  // (cancelled) unless listed above. -1 = all.
  long long answered = -1;
  bool truncate_output = false;  // the output file is cut in the middle of its last line
  bool shuffle = true;
  unsigned seed = 7;
  // Limits checked at validation (tests shrink them).
  std::size_t max_lines = 50000;
  std::size_t max_file_bytes = 200u * 1024u * 1024u;
  std::size_t max_line_bytes = 6u * 1024u * 1024u;
};

struct RecordedCall {
  std::string method;
  std::string path;
  std::string body;
  std::string authorization;
};

class FakeBatchServer {
 public:
  explicit FakeBatchServer(std::string api_key);
  FakeBatchServer(const FakeBatchServer&) = delete;
  FakeBatchServer& operator=(const FakeBatchServer&) = delete;

  void start() { server_.start(); }
  void stop() { server_.stop(); }
  std::string base_url() const { return server_.url("/v1"); }

  // Thread-safe; applies to batches created and polled after the call.
  void set_script(FakeBatchScript script);

  std::vector<RecordedCall> calls() const;
  // Calls whose method matches and whose path starts with `prefix` ("/v1/batches").
  std::size_t count(const std::string& method, const std::string& prefix) const;
  // Every file uploaded with purpose batch, in upload order.
  std::vector<std::string> uploaded_batch_files() const;
  // The batch objects as last reported.
  std::vector<nlohmann::json> batches() const;

  // The content every summary gets: "Summary of <custom_id>."
  static std::string summary_for(const std::string& custom_id);

 private:
  struct StoredFile {
    nlohmann::json object;
    std::string content;
  };
  struct StoredBatch {
    nlohmann::json object;
    std::vector<std::string> custom_ids;
    nlohmann::json validation_errors;  // non-empty: the batch fails on its first poll
    std::size_t step = 0;
    bool cancel_requested = false;
  };

  void routes();
  bool authorized(const httplib::Request& req, httplib::Response& res);
  void record(const httplib::Request& req);
  void upload(const httplib::Request& req, httplib::Response& res);
  void create_batch(const httplib::Request& req, httplib::Response& res);
  void get_batch(const std::string& id, httplib::Response& res);
  void cancel_batch(const std::string& id, httplib::Response& res);
  void list_batches(httplib::Response& res);
  void chat(const httplib::Request& req, httplib::Response& res);
  // Both locked by the caller:
  nlohmann::json validate(const std::string& content, const std::string& endpoint,
                          std::vector<std::string>& custom_ids) const;
  void finish(StoredBatch& batch, const std::string& status);
  std::string add_file(const std::string& purpose, const std::string& filename,
                       std::string content);

  LoopbackServer server_;
  std::string api_key_;
  mutable std::mutex mutex_;
  FakeBatchScript script_;
  std::vector<RecordedCall> calls_;
  std::map<std::string, StoredFile> files_;
  std::vector<std::string> batch_order_;
  std::map<std::string, StoredBatch> batches_;
  std::vector<std::string> uploads_;
  int polls_ = 0;
  int next_id_ = 1;
  long long clock_ = 1776423924;  // created_at of the recorded DashScope batch
};

}  // namespace arxiv_digest::testing
