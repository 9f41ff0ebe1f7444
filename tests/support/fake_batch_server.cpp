#include "support/fake_batch_server.hpp"

#include <algorithm>
#include <random>

#include "support/test_support.hpp"

namespace arxiv_digest::testing {
namespace {

using json = nlohmann::json;

bool terminal(const std::string& status) {
  return status == "completed" || status == "failed" || status == "expired" ||
         status == "cancelled";
}

void send_json(httplib::Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& message,
                const std::string& type, const std::string& code) {
  send_json(res,
            {{"error",
              {{"message", message},
               {"type", type},
               {"param", nullptr},
               {"code", code.empty() ? json(nullptr) : json(code)}}}},
            status);
}

json completion(const std::string& content, const std::string& model, const std::string& finish,
                long long prompt_tokens, long long completion_tokens) {
  return {{"id", "chatcmpl-fake"},
          {"object", "chat.completion"},
          {"created", 1776432582},
          {"model", model},
          {"choices",
           {{{"index", 0},
             {"message", {{"role", "assistant"}, {"content", content}}},
             {"finish_reason", finish}}}},
          {"usage",
           {{"prompt_tokens", prompt_tokens},
            {"completion_tokens", completion_tokens},
            {"total_tokens", prompt_tokens + completion_tokens}}}};
}

json batch_error(const std::string& code, const std::string& message, const std::string& param,
                 std::size_t line) {
  return {{"code", code}, {"message", message}, {"param", param}, {"line", line}};
}

}  // namespace

FakeBatchServer::FakeBatchServer(std::string api_key) : api_key_(std::move(api_key)) { routes(); }

std::string FakeBatchServer::summary_for(const std::string& custom_id) {
  return "Summary of " + custom_id + ".";
}

void FakeBatchServer::set_script(FakeBatchScript script) {
  const std::lock_guard lock(mutex_);
  script_ = std::move(script);
}

std::vector<RecordedCall> FakeBatchServer::calls() const {
  const std::lock_guard lock(mutex_);
  return calls_;
}

std::size_t FakeBatchServer::count(const std::string& method, const std::string& prefix) const {
  const std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(std::count_if(calls_.begin(), calls_.end(), [&](const auto& c) {
    return c.method == method && c.path.rfind(prefix, 0) == 0;
  }));
}

std::vector<std::string> FakeBatchServer::uploaded_batch_files() const {
  const std::lock_guard lock(mutex_);
  return uploads_;
}

std::vector<json> FakeBatchServer::batches() const {
  const std::lock_guard lock(mutex_);
  std::vector<json> out;
  for (const auto& id : batch_order_) {
    out.push_back(batches_.at(id).object);
  }
  return out;
}

void FakeBatchServer::routes() {
  auto& s = server_.server();
  s.Post("/v1/files", [this](const httplib::Request& req, httplib::Response& res) {
    record(req);
    if (authorized(req, res)) {
      upload(req, res);
    }
  });
  s.Get(R"(/v1/files/([^/]+)/content)",
        [this](const httplib::Request& req, httplib::Response& res) {
          record(req);
          if (!authorized(req, res)) {
            return;
          }
          const std::lock_guard lock(mutex_);
          const auto it = files_.find(req.matches[1]);
          if (it == files_.end()) {
            return send_error(res, 404, "No such File object", "invalid_request_error", "");
          }
          res.set_content(it->second.content, "application/octet-stream");
        });
  s.Get(R"(/v1/files/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
    record(req);
    if (!authorized(req, res)) {
      return;
    }
    const std::lock_guard lock(mutex_);
    const auto it = files_.find(req.matches[1]);
    if (it == files_.end()) {
      return send_error(res, 404, "No such File object", "invalid_request_error", "");
    }
    send_json(res, it->second.object);
  });
  s.Delete(R"(/v1/files/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
    record(req);
    if (!authorized(req, res)) {
      return;
    }
    const std::lock_guard lock(mutex_);
    const std::string id = req.matches[1];
    files_.erase(id);
    send_json(res, {{"id", id}, {"object", "file"}, {"deleted", true}});
  });
  s.Post("/v1/batches", [this](const httplib::Request& req, httplib::Response& res) {
    record(req);
    if (authorized(req, res)) {
      create_batch(req, res);
    }
  });
  s.Get("/v1/batches", [this](const httplib::Request& req, httplib::Response& res) {
    record(req);
    if (authorized(req, res)) {
      list_batches(res);
    }
  });
  s.Get(R"(/v1/batches/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
    record(req);
    if (authorized(req, res)) {
      get_batch(req.matches[1], res);
    }
  });
  s.Post(R"(/v1/batches/([^/]+)/cancel)",
         [this](const httplib::Request& req, httplib::Response& res) {
           record(req);
           if (authorized(req, res)) {
             cancel_batch(req.matches[1], res);
           }
         });
  s.Post("/v1/chat/completions", [this](const httplib::Request& req, httplib::Response& res) {
    record(req);
    if (authorized(req, res)) {
      chat(req, res);
    }
  });
}

void FakeBatchServer::record(const httplib::Request& req) {
  const std::lock_guard lock(mutex_);
  calls_.push_back({req.method, req.path, req.body, req.get_header_value("Authorization")});
}

bool FakeBatchServer::authorized(const httplib::Request& req, httplib::Response& res) {
  if (req.get_header_value("Authorization") == "Bearer " + api_key_) {
    return true;
  }
  send_error(res, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
  return false;
}

std::string FakeBatchServer::add_file(const std::string& purpose, const std::string& filename,
                                      std::string content) {
  const std::string id =
      (purpose == "batch" ? "file-batch-" : "file-batch_output-") + std::to_string(next_id_++);
  // The shape of DashScope's documented upload answer.
  json object = {{"id", id},
                 {"bytes", content.size()},
                 {"created_at", clock_++},
                 {"filename", filename},
                 {"object", "file"},
                 {"purpose", purpose},
                 {"status", "processed"},
                 {"status_details", nullptr}};
  files_[id] = {std::move(object), std::move(content)};
  return id;
}

void FakeBatchServer::upload(const httplib::Request& req, httplib::Response& res) {
  if (!req.has_file("file") || !req.has_file("purpose")) {
    return send_error(res, 400, "'file' and 'purpose' are required", "invalid_request_error", "");
  }
  const auto file = req.get_file_value("file");
  const std::string purpose = req.get_file_value("purpose").content;
  if (purpose != "batch") {  // DashScope's recorded invalid_purpose answer, for another purpose
    return send_error(res, 400, "'purpose' must be 'batch'", "invalid_request_error", "");
  }
  const std::lock_guard lock(mutex_);
  uploads_.push_back(file.content);
  const std::string id = add_file(purpose, file.filename, file.content);
  send_json(res, files_[id].object);
}

json FakeBatchServer::validate(const std::string& content, const std::string& endpoint,
                               std::vector<std::string>& custom_ids) const {
  json errors = json::array();
  if (content.size() > script_.max_file_bytes) {
    errors.push_back(batch_error("file_too_large", "The input file is too large.", "file", 0));
  }
  std::set<std::string> seen;
  std::string model;
  std::size_t number = 0;
  for (std::size_t start = 0; start < content.size();) {
    const auto end = std::min(content.find('\n', start), content.size());
    const std::string line = content.substr(start, end - start);
    start = end + 1;
    ++number;
    if (number > script_.max_lines) {
      errors.push_back(batch_error("too_many_lines", "Too many lines.", "file", number));
      break;
    }
    if (line.size() > script_.max_line_bytes) {
      errors.push_back(batch_error("line_too_large", "The line is too large.", "body", number));
    }
    const json doc = json::parse(line, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
      errors.push_back(batch_error("invalid_json_line", "Not valid JSON.", "", number));
      continue;
    }
    const std::string id = doc.value("custom_id", "");
    custom_ids.push_back(id);
    if (id.empty() || !seen.insert(id).second) {
      errors.push_back(batch_error("duplicate_custom_id", "custom_id '" + id + "' is not unique.",
                                   "custom_id", number));
    }
    if (doc.value("method", "") != "POST") {
      errors.push_back(batch_error("invalid_method", "Only POST is supported.", "method", number));
    }
    if (doc.value("url", "") != endpoint) {
      errors.push_back(batch_error(
          "url_not_found",
          "The provided url '" + doc.value("url", "") + "' is not supported by the Batch API.",
          "url", number));
    }
    const json body = doc.value("body", json::object());
    const std::string line_model = body.is_object() ? body.value("model", "") : "";
    if (model.empty()) {
      model = line_model;
    }
    if (line_model.empty() || line_model != model || !body.contains("messages")) {
      errors.push_back(batch_error("mismatched_model", "Every line needs the same model.",
                                   "body.model", number));
    }
    if (script_.reject_ids.count(id) > 0) {
      errors.push_back(batch_error("invalid_request", "The request is invalid.", "body", number));
    }
  }
  return errors;
}

void FakeBatchServer::create_batch(const httplib::Request& req, httplib::Response& res) {
  const json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.contains("input_file_id") || !body.contains("endpoint")) {
    return send_error(res, 400, "input_file_id and endpoint are required", "invalid_request_error",
                      "");
  }
  const std::lock_guard lock(mutex_);
  const auto file = files_.find(body.value("input_file_id", ""));
  if (file == files_.end()) {
    return send_error(res, 404, "No such File object", "invalid_request_error", "");
  }
  if (body["endpoint"] != "/v1/chat/completions") {
    return send_error(res, 400, "Invalid endpoint", "invalid_request_error", "");
  }
  StoredBatch batch;
  batch.validation_errors = validate(file->second.content, body["endpoint"], batch.custom_ids);
  const std::string id = "batch_fake-" + std::to_string(next_id_++);
  batch.object = {{"id", id},
                  {"object", "batch"},
                  {"endpoint", body["endpoint"]},
                  {"errors", nullptr},
                  {"input_file_id", body["input_file_id"]},
                  {"completion_window", body.value("completion_window", "24h")},
                  {"status", script_.progression.front()},
                  {"output_file_id", nullptr},
                  {"error_file_id", nullptr},
                  {"created_at", clock_++},
                  {"expires_at", nullptr},
                  {"request_counts", {{"total", 0}, {"completed", 0}, {"failed", 0}}},
                  {"metadata", body.value("metadata", json::object())}};
  batch_order_.push_back(id);
  send_json(res, batch.object);
  batches_[id] = std::move(batch);
}

void FakeBatchServer::get_batch(const std::string& id, httplib::Response& res) {
  const std::lock_guard lock(mutex_);
  if (polls_ < script_.poll_faults) {
    ++polls_;
    if (polls_ % 2 == 1) {
      res.set_header("retry-after-ms", "10");
      return send_error(res, 429, "Rate limit reached for requests", "requests",
                        "rate_limit_exceeded");
    }
    res.status = 503;
    res.set_content("upstream connect error", "text/plain");
    return;
  }
  const auto it = batches_.find(id);
  if (it == batches_.end()) {
    return send_error(res, 404, "No batch found with id '" + id + "'.", "invalid_request_error",
                      "");
  }
  StoredBatch& batch = it->second;
  const std::string status = batch.object["status"];
  if (!terminal(status)) {
    if (!batch.validation_errors.empty()) {
      batch.object["errors"] = {{"object", "list"}, {"data", batch.validation_errors}};
      batch.object["status"] = "failed";
      batch.object["failed_at"] = clock_++;
    } else if (batch.cancel_requested) {
      finish(batch, "cancelled");
    } else {
      batch.step = std::min(batch.step + 1, script_.progression.size() - 1);
      const std::string next = script_.progression[batch.step];
      batch.object["status"] = next;
      if (terminal(next)) {
        finish(batch, next);
      }
    }
  }
  send_json(res, batch.object);
}

void FakeBatchServer::cancel_batch(const std::string& id, httplib::Response& res) {
  const std::lock_guard lock(mutex_);
  const auto it = batches_.find(id);
  if (it == batches_.end()) {
    return send_error(res, 404, "No batch found with id '" + id + "'.", "invalid_request_error",
                      "");
  }
  StoredBatch& batch = it->second;
  if (!terminal(batch.object["status"])) {
    batch.cancel_requested = true;
    batch.object["status"] = "cancelling";
    batch.object["cancelling_at"] = clock_++;
  }
  send_json(res, batch.object);
}

void FakeBatchServer::list_batches(httplib::Response& res) {
  const std::lock_guard lock(mutex_);
  json page = {{"object", "list"}, {"has_more", false}};
  if (batch_order_.empty()) {  // DashScope's empty page
    page["data"] = nullptr;
    page["first_id"] = nullptr;
    page["last_id"] = nullptr;
  } else {
    page["data"] = json::array();
    for (const auto& id : batch_order_) {
      page["data"].push_back(batches_[id].object);
    }
    page["first_id"] = batch_order_.front();
    page["last_id"] = batch_order_.back();
  }
  send_json(res, page);
}

void FakeBatchServer::finish(StoredBatch& batch, const std::string& status) {
  const std::string model = "qwen-long";
  std::vector<std::string> output;
  std::string errors;
  long long completed = 0;
  long long failed = 0;
  for (std::size_t i = 0; i < batch.custom_ids.size(); ++i) {
    const std::string& id = batch.custom_ids[i];
    const std::string line_id = "batch_req_" + std::to_string(next_id_++);
    const bool unanswered = script_.answered >= 0 && static_cast<long long>(i) >= script_.answered;
    if (script_.expired_ids.count(id) > 0 || (unanswered && status == "expired")) {
      errors += json{{"id", line_id},
                     {"custom_id", id},
                     {"response", nullptr},
                     {"error",
                      {{"code", "batch_expired"},
                       {"message",
                        "This request could not be executed before the completion window "
                        "expired."}}}}
                    .dump() +
                "\n";
      ++failed;
    } else if (script_.error_ids.count(id) > 0) {
      const json body = {{"error",
                          {{"message", "Input data may contain inappropriate content."},
                           {"type", "data_inspection_failed"},
                           {"param", nullptr},
                           {"code", "data_inspection_failed"}}}};
      errors += json{{"id", line_id},
                     {"custom_id", id},
                     {"response", {{"status_code", 400}, {"request_id", line_id}, {"body", body}}},
                     {"error", nullptr}}
                    .dump() +
                "\n";
      ++failed;
    } else if (!unanswered) {
      const std::string finish = script_.length_ids.count(id) > 0 ? "length" : "stop";
      output.push_back(json{
          {"id", line_id},
          {"custom_id", id},
          {"response",
           {{"status_code", 200},
            {"request_id", line_id},
            {"body", completion(summary_for(id), model, finish, 100, 30)}}},
          {"error",
           nullptr}}.dump());
      ++completed;
    }
  }
  if (script_.shuffle) {
    std::mt19937 random(script_.seed);
    std::shuffle(output.begin(), output.end(), random);
  }
  std::string content;
  for (const auto& line : output) {
    content += line + "\n";
  }
  if (script_.truncate_output && !output.empty()) {
    content.resize(content.size() - output.back().size() / 2);
  }
  batch.object["status"] = status;
  batch.object[status + "_at"] = clock_++;
  batch.object["request_counts"] = {
      {"total", batch.custom_ids.size()}, {"completed", completed}, {"failed", failed}};
  if (!output.empty()) {
    batch.object["output_file_id"] = add_file("batch_output", "output.jsonl", content);
  }
  if (!errors.empty()) {
    batch.object["error_file_id"] = add_file("batch_output", "errors.jsonl", errors);
  }
}

void FakeBatchServer::chat(const httplib::Request& req, httplib::Response& res) {
  const json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded()) {
    return send_error(res, 400, "We could not parse the JSON body.", "invalid_request_error", "");
  }
  send_json(res, completion("Sync summary of " + prompt_title(body.dump()) + ".",
                            body.value("model", "qwen-long"), "stop", 120, 40));
}

}  // namespace arxiv_digest::testing
