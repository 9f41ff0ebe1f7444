#include "support/fake_slack_server.hpp"

#include <chrono>
#include <optional>
#include <tuple>

namespace arxiv_digest::testing {
namespace {

using json = nlohmann::json;

constexpr std::size_t kSlackFakeMaxBlocks = 50;
constexpr std::size_t kSlackFakeTextUnits = 3000;
constexpr std::size_t kSlackFakeHeaderUnits = 150;
constexpr std::size_t kSlackFakeContextElements = 10;
constexpr std::size_t kSlackFakeMessageUnits = 40000;
// How long a slow request waits for release_slow() before answering anyway.
constexpr std::chrono::seconds kSlackFakeSlowLimit{30};

std::size_t slack_fake_utf16(std::string_view text) {
  std::size_t units = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) {
      units += byte >= 0xF0 ? 2 : 1;
    }
  }
  return units;
}

// A text object's problem for Block Kit, or "". `texts` collects mrkdwn ones for the markup
// checks, with whether they carry verbatim: true.
std::string slack_fake_text_object(const json& object, const std::string& where,
                                   std::vector<std::pair<std::string, bool>>& texts,
                                   std::size_t& units) {
  if (!object.is_object()) {
    return where + " is not a text object";
  }
  const std::string type = object.value("type", "");
  if (type != "mrkdwn" && type != "plain_text") {
    return where + ".type is \"" + type + "\"";
  }
  const auto text = object.find("text");
  if (text == object.end() || !text->is_string()) {
    return where + ".text is missing";
  }
  const std::string value = text->get<std::string>();
  const std::size_t length = slack_fake_utf16(value);
  if (length < 1 || length > kSlackFakeTextUnits) {
    return where + ".text is " + std::to_string(length) + " characters (1 to 3000)";
  }
  units += length;
  const auto verbatim = object.find("verbatim");
  if (verbatim != object.end() && (!verbatim->is_boolean() || type != "mrkdwn")) {
    return where + ".verbatim is not a boolean of a mrkdwn object";
  }
  if (type == "mrkdwn") {
    texts.emplace_back(value, verbatim != object.end() && verbatim->get<bool>());
  }
  return {};
}

// The first way `blocks` breaks Block Kit, or "".
std::string slack_fake_blocks(const json& blocks, std::vector<std::pair<std::string, bool>>& texts,
                              std::size_t& units) {
  if (!blocks.is_array() || blocks.empty() || blocks.size() > kSlackFakeMaxBlocks) {
    return "blocks is not an array of 1 to 50 (" +
           std::to_string(blocks.is_array() ? blocks.size() : 0) + ")";
  }
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const json& block = blocks[i];
    const std::string where = "blocks[" + std::to_string(i) + "]";
    if (!block.is_object()) {
      return where + " is not an object";
    }
    const std::string type = block.value("type", "");
    std::string problem;
    if (type == "section") {
      if (!block.contains("text")) {
        return where + " has no text";
      }
      problem = slack_fake_text_object(block["text"], where + ".text", texts, units);
    } else if (type == "context") {
      const auto elements = block.find("elements");
      if (elements == block.end() || !elements->is_array() || elements->empty() ||
          elements->size() > kSlackFakeContextElements) {
        return where + ".elements is not an array of 1 to 10";
      }
      for (std::size_t e = 0; e < elements->size() && problem.empty(); ++e) {
        problem = slack_fake_text_object(
            (*elements)[e], where + ".elements[" + std::to_string(e) + "]", texts, units);
      }
    } else if (type == "header") {
      const json& text = block.value("text", json());
      if (!text.is_object() || text.value("type", "") != "plain_text" ||
          slack_fake_utf16(text.value("text", "")) > kSlackFakeHeaderUnits) {
        return where + " is not a plain_text header of at most 150 characters";
      }
      units += slack_fake_utf16(text.value("text", ""));
    } else if (type != "divider") {
      return where + ".type is \"" + type + "\"";
    }
    if (!problem.empty()) {
      return problem;
    }
  }
  return {};
}

}  // namespace

SlackMrkdwnCheck check_slack_mrkdwn(std::string_view text) {
  SlackMrkdwnCheck out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const std::string at = " at " + std::to_string(i);
    if (c == '&') {
      const std::string_view rest = text.substr(i);
      if (!rest.starts_with("&amp;") && !rest.starts_with("&lt;") && !rest.starts_with("&gt;")) {
        out.problems.push_back("an & that starts no entity" + at);
      }
    } else if (c == '>') {
      out.problems.push_back("an unescaped >" + at);
    } else if (c == '<') {
      const std::size_t end = text.find('>', i);
      if (end == std::string_view::npos) {
        out.problems.push_back("an unclosed <" + at);
        break;
      }
      const std::string inside(text.substr(i + 1, end - i - 1));
      const std::size_t bar = inside.find('|');
      const bool web = inside.starts_with("https://") || inside.starts_with("http://");
      if (!web || bar == std::string::npos || inside.find('|', bar + 1) != std::string::npos ||
          inside.find('<') != std::string::npos) {
        out.problems.push_back("a control sequence <" + inside.substr(0, 60) + ">" + at);
      } else {
        out.links.push_back(inside.substr(0, bar));
        out.labels.push_back(inside.substr(bar + 1));
      }
      i = end;
    }
  }
  for (const std::string_view mention : {"@channel", "@here", "@everyone"}) {
    if (text.find(mention) != std::string_view::npos) {
      out.problems.push_back("\"" + std::string(mention) + "\" spelled out");
    }
  }
  return out;
}

FakeSlackServer::FakeSlackServer() { routes(); }

FakeSlackServer::~FakeSlackServer() { stop(); }

void FakeSlackServer::stop() {
  slow_gate_.open();
  server_.stop();
}

void FakeSlackServer::fail_request(int request_number, SlackFault fault) {
  const std::lock_guard lock(mutex_);
  faults_[request_number] = fault;
}

std::vector<SlackRequest> FakeSlackServer::requests() const {
  const std::lock_guard lock(mutex_);
  return requests_;
}

std::vector<SlackMessage> FakeSlackServer::messages() const {
  const std::lock_guard lock(mutex_);
  return messages_;
}

std::vector<std::string> FakeSlackServer::violations() const {
  const std::lock_guard lock(mutex_);
  return violations_;
}

int FakeSlackServer::request_count() const {
  const std::lock_guard lock(mutex_);
  return static_cast<int>(requests_.size());
}

void FakeSlackServer::routes() {
  auto& s = server_.server();
  s.Post(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    std::optional<SlackFault> fault;
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
    if (fault && fault->kind == SlackFault::Kind::dropped) {
      // Promises 100 bytes, sends one, then closes: the client sees a broken transfer.
      res.set_content_provider(100, "text/html",
                               [](std::size_t, std::size_t, httplib::DataSink& sink) {
                                 sink.write("o", 1);
                                 return false;
                               });
      return;
    }
    int status = 0;
    std::string body;
    if (fault && fault->kind == SlackFault::Kind::rate_limited) {
      status = 429;
      body = "rate_limited";
      res.set_header("Retry-After", std::to_string(fault->retry_after_s));
    } else if (fault && fault->kind == SlackFault::Kind::server_error) {
      status = 500;
      body = "rollup_error";
    } else {
      if (fault && fault->kind == SlackFault::Kind::slow) {
        slow_gate_.wait(kSlackFakeSlowLimit);
      }
      std::tie(status, body) = answer(static_cast<int>(index) + 1, req.path, req.body);
    }
    {
      const std::lock_guard lock(mutex_);
      requests_[index].status = status;
      requests_[index].answer = body;
    }
    res.status = status;
    res.set_content(body, "text/html");  // what Slack labels its plain answers
  });
  s.Get(R"(/.*)", [](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_content("no_service", "text/html");
  });
}

std::pair<int, std::string> FakeSlackServer::answer(int request_number, const std::string& path,
                                                    const std::string& body) {
  const std::string request = "request " + std::to_string(request_number) + ": ";
  std::vector<std::string> problems;
  const auto refuse = [&](int status, const std::string& code, const std::string& why) {
    const std::lock_guard lock(mutex_);
    violations_.push_back(request + code + " (" + why + ")");
    return std::pair<int, std::string>{status, code};
  };
  if (path != kPath) {
    return refuse(404, "no_service", "path " + path);
  }
  const json message = json::parse(body, nullptr, false);
  if (!message.is_object()) {
    return refuse(400, "invalid_payload", "the body is not a JSON object");
  }
  const auto text = message.find("text");
  const auto blocks = message.find("blocks");
  if (text == message.end() && blocks == message.end()) {
    return refuse(400, "no_text", "neither text nor blocks");
  }
  if (text != message.end() && !text->is_string()) {
    return refuse(400, "invalid_payload", "text is not a string");
  }
  std::vector<std::pair<std::string, bool>> texts;  // mrkdwn, with verbatim
  std::size_t units = 0;
  if (blocks != message.end()) {
    const std::string problem = slack_fake_blocks(*blocks, texts, units);
    if (!problem.empty()) {
      return refuse(400, "invalid_blocks", problem);
    }
  }

  SlackMessage accepted;
  accepted.body = message;
  if (text != message.end()) {
    accepted.text = text->get<std::string>();
    units += slack_fake_utf16(accepted.text);
    for (const std::string& problem : check_slack_mrkdwn(accepted.text).problems) {
      problems.push_back("text: " + problem);
    }
  }
  if (units > kSlackFakeMessageUnits) {
    problems.push_back("the message is " + std::to_string(units) +
                       " characters, which Slack truncates at 40000");
  }
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto& [mrkdwn, verbatim] = texts[i];
    const std::string where = "mrkdwn text " + std::to_string(i + 1) + ": ";
    if (!verbatim) {
      problems.push_back(where + "no verbatim: true, so Slack links and mentions on its own");
    }
    const SlackMrkdwnCheck check = check_slack_mrkdwn(mrkdwn);
    for (const std::string& problem : check.problems) {
      problems.push_back(where + problem);
    }
    accepted.texts.push_back(mrkdwn);
    accepted.links.insert(accepted.links.end(), check.links.begin(), check.links.end());
    accepted.labels.insert(accepted.labels.end(), check.labels.begin(), check.labels.end());
  }
  const std::lock_guard lock(mutex_);
  for (const std::string& problem : problems) {
    violations_.push_back(request + problem);
  }
  messages_.push_back(std::move(accepted));
  return {200, "ok"};
}

}  // namespace arxiv_digest::testing
