#include "support/fake_feishu_server.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <set>
#include <tuple>
#include <utility>

namespace arxiv_digest::testing {
namespace {

using json = nlohmann::json;

// How long a slow request waits for release_slow() before answering anyway.
constexpr std::chrono::seconds kFeishuFakeSlowLimit{30};
constexpr std::int64_t kFeishuFakeSignWindow = 3600;  // "within one hour"

std::string feishu_fake_code(int code, const std::string& msg) {
  return json({{"code", code}, {"data", json::object()}, {"msg", msg}}).dump();
}

const std::set<std::string, std::less<>> kFeishuFakeLocales = {"zh_cn", "en_us", "ja_jp"};
const std::set<std::string, std::less<>> kFeishuFakeTags = {"text",  "a",       "at", "img",
                                                            "media", "emotion", "hr", "code_block"};

bool feishu_fake_string(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string();
}

// What is wrong with a post's content.post, "" when nothing; fills the message's text and links.
std::string feishu_fake_post(const json& post, FeishuMessage& message) {
  if (!post.is_object() || post.empty()) {
    return "content.post needs a locale";
  }
  bool first = true;
  for (const auto& [locale, body] : post.items()) {
    if (!kFeishuFakeLocales.contains(locale)) {
      return "unknown locale " + locale;
    }
    if (!body.is_object() || !body.contains("content") || !body["content"].is_array()) {
      return "content.post." + locale + ".content must be an array";
    }
    if (body.contains("title") && !body["title"].is_string()) {
      return "content.post." + locale + ".title must be a string";
    }
    for (const json& paragraph : body["content"]) {
      if (!paragraph.is_array()) {
        return "a paragraph must be an array of elements";
      }
      for (const json& element : paragraph) {
        if (!element.is_object() || !feishu_fake_string(element, "tag") ||
            !kFeishuFakeTags.contains(element["tag"].get<std::string>())) {
          return "an element needs a known tag";
        }
        const std::string tag = element["tag"].get<std::string>();
        if ((tag == "text" || tag == "a") && !feishu_fake_string(element, "text")) {
          return tag + " needs text";
        }
        if (tag == "a" && !feishu_fake_string(element, "href")) {
          return "a needs href";
        }
        if (tag == "at" && !feishu_fake_string(element, "user_id")) {
          return "at needs user_id";
        }
        if (first) {
          if (tag == "text" || tag == "a") {
            message.text += element["text"].get<std::string>();
          }
          if (tag == "a") {
            message.hrefs.push_back(element["href"].get<std::string>());
          }
        }
      }
      if (first) {
        message.text += '\n';
      }
    }
    if (first) {
      message.title = body.value("title", "");
    }
    first = false;
  }
  return "";
}

}  // namespace

std::string FakeFeishuServer::expected_sign(const std::string& timestamp,
                                            const std::string& secret) {
  const std::string key = timestamp + "\n" + secret;
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  EVP_MAC_CTX* context = mac ? EVP_MAC_CTX_new(mac) : nullptr;
  char digest_name[] = "SHA256";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
      OSSL_PARAM_construct_end()};
  unsigned char out[EVP_MAX_MD_SIZE];
  std::size_t out_size = 0;
  const bool ok = context &&
                  EVP_MAC_init(context, reinterpret_cast<const unsigned char*>(key.data()),
                               key.size(), params) == 1 &&
                  EVP_MAC_final(context, out, &out_size, sizeof out) == 1;
  EVP_MAC_CTX_free(context);
  EVP_MAC_free(mac);
  if (!ok) {
    return "";
  }
  std::string encoded(4 * ((out_size + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()), out,
                                      static_cast<int>(out_size));
  encoded.resize(static_cast<std::size_t>(std::max(written, 0)));
  return encoded;
}

FakeFeishuServer::FakeFeishuServer(std::string token, std::optional<std::string> secret)
    : token_(std::move(token)), secret_(std::move(secret)) {
  routes();
}

FakeFeishuServer::~FakeFeishuServer() { stop(); }

void FakeFeishuServer::stop() {
  slow_gate_.open();
  server_.stop();
}

void FakeFeishuServer::set_now(std::int64_t unix_seconds) {
  const std::lock_guard lock(mutex_);
  now_ = unix_seconds;
}

void FakeFeishuServer::set_max_body(std::size_t bytes) {
  const std::lock_guard lock(mutex_);
  max_body_ = bytes;
}

void FakeFeishuServer::fail_request(int request_number, FeishuFault fault) {
  const std::lock_guard lock(mutex_);
  faults_[request_number] = fault;
}

std::vector<FeishuRequest> FakeFeishuServer::requests() const {
  const std::lock_guard lock(mutex_);
  return requests_;
}

std::vector<FeishuMessage> FakeFeishuServer::messages() const {
  const std::lock_guard lock(mutex_);
  return messages_;
}

int FakeFeishuServer::request_count() const {
  const std::lock_guard lock(mutex_);
  return static_cast<int>(requests_.size());
}

void FakeFeishuServer::routes() {
  auto& s = server_.server();
  s.Post(R"(/open-apis/bot/v2/hook/([^/]*))",
         [this](const httplib::Request& req, httplib::Response& res) {
           std::optional<FeishuFault> fault;
           std::size_t index = 0;
           {
             const std::lock_guard lock(mutex_);
             index = requests_.size();
             requests_.push_back({req.path, req.body, 0, ""});
             const auto it = faults_.find(static_cast<int>(index) + 1);
             if (it != faults_.end()) {
               fault = it->second;
             }
           }
           if (fault == FeishuFault::dropped) {
             // Promises 1000 bytes, sends a few, then closes: the client sees a broken transfer.
             res.set_content_provider(1000, "application/json",
                                      [](std::size_t, std::size_t, httplib::DataSink& sink) {
                                        sink.write("{\"code\":", 8);
                                        return false;
                                      });
             return;
           }
           int status = 200;
           std::string body;
           if (fault == FeishuFault::throttled) {
             body = feishu_fake_code(11232, "frequency limited");
           } else if (fault == FeishuFault::server_error) {
             status = 500;
             body = json({{"code", 500}, {"msg", "Internal Server Error"}}).dump();
           } else {
             if (fault == FeishuFault::slow) {
               slow_gate_.wait(kFeishuFakeSlowLimit);
             }
             std::tie(status, body) = answer(req.matches[1], req.body);
           }
           {
             const std::lock_guard lock(mutex_);
             requests_[index].status = status;
             requests_[index].answer = body;
           }
           res.status = status;
           res.set_content(body, "application/json; charset=utf-8");
         });
}

std::pair<int, std::string> FakeFeishuServer::answer(const std::string& token,
                                                     const std::string& body) {
  std::size_t max_body = 0;
  std::int64_t now = 0;
  {
    const std::lock_guard lock(mutex_);
    max_body = max_body_;
    now = now_ ? *now_
               : std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
  }
  if (token != token_) {
    return {200, feishu_fake_code(19001, "param invalid: incoming webhook access token invalid")};
  }
  if (body.size() > max_body) {
    return {200, feishu_fake_code(19036, "The message exceeds the size limit of 20KB")};
  }
  const json request = json::parse(body, nullptr, false);
  if (!request.is_object()) {
    return {200, feishu_fake_code(9499, "Bad Request")};
  }
  if (secret_) {
    const bool has_fields =
        feishu_fake_string(request, "timestamp") && feishu_fake_string(request, "sign");
    bool ok = has_fields;
    if (ok) {
      const std::string timestamp = request["timestamp"].get<std::string>();
      std::int64_t seconds = 0;
      try {
        std::size_t used = 0;
        seconds = std::stoll(timestamp, &used);
        ok = used == timestamp.size();
      } catch (const std::exception&) {
        ok = false;
      }
      ok = ok && seconds >= now - kFeishuFakeSignWindow && seconds <= now + kFeishuFakeSignWindow &&
           request["sign"].get<std::string>() == expected_sign(timestamp, *secret_);
    }
    if (!ok) {
      return {200, feishu_fake_code(19021,
                                    "sign match fail or timestamp is not within one hour from "
                                    "current time")};
    }
  }
  if (!feishu_fake_string(request, "msg_type")) {
    return {200, json({{"code", 19002}, {"msg", "params error, msg_type need"}}).dump()};
  }
  if (request["msg_type"] != "post") {
    return {200, feishu_fake_code(19002, "params error, the fake knows msg_type post only")};
  }
  FeishuMessage message;
  const auto content = request.find("content");
  const std::string problem =
      content != request.end() && content->is_object() && content->contains("post")
          ? feishu_fake_post((*content)["post"], message)
          : std::string("content.post needed");
  if (!problem.empty()) {
    return {200, feishu_fake_code(19002, "params error, " + problem)};
  }
  message.body = request;
  message.bytes = body.size();
  {
    const std::lock_guard lock(mutex_);
    messages_.push_back(std::move(message));
  }
  return {200, json({{"StatusCode", 0},
                     {"StatusMessage", "success"},
                     {"code", 0},
                     {"data", json::object()},
                     {"msg", "success"}})
                   .dump()};
}

}  // namespace arxiv_digest::testing
