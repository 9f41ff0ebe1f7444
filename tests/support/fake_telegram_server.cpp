#include "support/fake_telegram_server.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <set>
#include <tuple>
#include <utility>

namespace arxiv_digest::testing {
namespace {

using json = nlohmann::json;

constexpr std::size_t kTelegramFakeMaxUnits = 4096;
constexpr std::size_t kTelegramFakeMaxBytes = 32768;
// How long a slow request waits for release_slow() before answering anyway.
constexpr std::chrono::seconds kTelegramFakeSlowLimit{30};

std::string telegram_fake_error(int code, const std::string& description) {
  return json({{"ok", false}, {"error_code", code}, {"description", description}}).dump();
}

void telegram_fake_append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// `&name;` decoded onto `out`: the four named entities Telegram knows and numeric ones.
bool telegram_fake_entity(std::string_view name, std::string& out) {
  if (name == "lt") {
    out += '<';
  } else if (name == "gt") {
    out += '>';
  } else if (name == "amp") {
    out += '&';
  } else if (name == "quot") {
    out += '"';
  } else if (name.size() > 1 && name[0] == '#') {
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const std::string_view digits = name.substr(hex ? 2 : 1);
    std::uint32_t code_point = 0;
    const auto [end, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), code_point, hex ? 16 : 10);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() ||
        code_point == 0 || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    telegram_fake_append_utf8(out, code_point);
  } else {
    return false;
  }
  return true;
}

std::size_t telegram_fake_utf16(std::string_view text) {
  std::size_t units = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) {
      units += byte >= 0xF0 ? 2 : 1;
    }
  }
  return units;
}

const std::set<std::string, std::less<>> kTelegramFakeTags = {
    "a",      "b",   "strong",     "i",    "em",       "u",    "ins", "s",
    "strike", "del", "tg-spoiler", "span", "tg-emoji", "code", "pre", "blockquote"};

std::string telegram_fake_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Attributes of a start tag: name=value pairs, the value quoted with " or ', or bare.
bool telegram_fake_attributes(std::string_view text, std::map<std::string, std::string>& out,
                              std::string& error) {
  std::size_t i = 0;
  while (true) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
    }
    if (i >= text.size() || (text[i] == '/' && i + 1 == text.size())) {
      return true;
    }
    const std::size_t name_end = text.find_first_of("= \t\r\n", i);
    std::string name = telegram_fake_lower(text.substr(i, name_end - i));
    if (name.empty()) {
      error = "Empty attribute name";
      return false;
    }
    i = name_end == std::string_view::npos ? text.size() : name_end;
    std::string value;
    if (i < text.size() && text[i] == '=') {
      ++i;
      std::string_view raw;
      if (i < text.size() && (text[i] == '"' || text[i] == '\'')) {
        const std::size_t close = text.find(text[i], i + 1);
        if (close == std::string_view::npos) {
          error = "Unclosed attribute value";
          return false;
        }
        raw = text.substr(i + 1, close - i - 1);
        i = close + 1;
      } else {
        const std::size_t end = text.find_first_of(" \t\r\n", i);
        raw = text.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
        i = end == std::string_view::npos ? text.size() : end;
      }
      for (std::size_t k = 0; k < raw.size(); ++k) {
        if (raw[k] == '&') {
          const std::size_t semi = raw.find(';', k);
          if (semi == std::string_view::npos ||
              !telegram_fake_entity(raw.substr(k + 1, semi - k - 1), value)) {
            error = "Unsupported entity in an attribute value";
            return false;
          }
          k = semi;
        } else if (raw[k] == '<' || raw[k] == '>') {
          error = "Unescaped angle bracket in an attribute value";
          return false;
        } else {
          value += raw[k];
        }
      }
    }
    out[name] = value;
  }
}

}  // namespace

TelegramHtmlCheck check_telegram_html(std::string_view html) {
  TelegramHtmlCheck out;
  std::vector<std::string> open;
  const auto fail = [&](const std::string& why, std::size_t at) {
    out.error = why + " at byte offset " + std::to_string(at);
  };
  std::size_t i = 0;
  while (i < html.size() && out.error.empty()) {
    const char c = html[i];
    if (c == '&') {
      const std::size_t semi = html.find(';', i);
      if (semi == std::string_view::npos ||
          !telegram_fake_entity(html.substr(i + 1, semi - i - 1), out.visible)) {
        fail("Unsupported entity (a bare & must be &amp;)", i);
        break;
      }
      i = semi + 1;
      continue;
    }
    if (c == '>') {
      fail("Bare > (must be &gt;)", i);
      break;
    }
    if (c != '<') {
      out.visible += c;
      ++i;
      continue;
    }
    const std::size_t close = html.find('>', i);
    if (close == std::string_view::npos) {
      fail("Unclosed start tag", i);
      break;
    }
    const std::string_view inside = html.substr(i + 1, close - i - 1);
    if (inside.starts_with('/')) {
      const std::string name = telegram_fake_lower(inside.substr(1));
      if (open.empty()) {
        fail("Unexpected end tag", i);
      } else if (open.back() != name) {
        fail("Unmatched end tag, expected \"</" + open.back() + ">\", found \"</" + name + ">\"",
             i);
      } else {
        open.pop_back();
      }
      i = close + 1;
      continue;
    }
    const std::size_t name_end = std::min(inside.find_first_of(" \t\r\n/"), inside.size());
    const std::string name = telegram_fake_lower(inside.substr(0, name_end));
    if (!kTelegramFakeTags.contains(name)) {
      fail("Unsupported start tag \"" + name + "\"", i);
      break;
    }
    std::map<std::string, std::string> attributes;
    std::string error;
    if (!telegram_fake_attributes(inside.substr(name_end), attributes, error)) {
      fail(error + " in the tag \"" + name + "\"", i);
      break;
    }
    if (name == "span" && attributes["class"] != "tg-spoiler") {
      fail("Tag \"span\" must have class \"tg-spoiler\"", i);
      break;
    }
    if (name == "tg-emoji" && !attributes.contains("emoji-id")) {
      fail("Tag \"tg-emoji\" must have attribute \"emoji-id\"", i);
      break;
    }
    if (!open.empty() && (open.back() == "code" || (open.back() == "pre" && name != "code"))) {
      fail("Tag \"" + name + "\" inside \"" + open.back() + "\"", i);
      break;
    }
    if (name == "a") {
      if (std::find(open.begin(), open.end(), "a") != open.end()) {
        fail("A link inside a link", i);
        break;
      }
      out.hrefs.push_back(attributes["href"]);
    }
    open.push_back(name);
    i = close + 1;
  }
  if (out.error.empty() && !open.empty()) {
    out.error = "Can't find end tag corresponding to start tag \"" + open.back() + "\"";
  }
  out.utf16_units = telegram_fake_utf16(out.visible);
  return out;
}

FakeTelegramServer::FakeTelegramServer(std::string token) : token_(std::move(token)) { routes(); }

FakeTelegramServer::~FakeTelegramServer() { stop(); }

void FakeTelegramServer::stop() {
  slow_gate_.open();
  server_.stop();
}

void FakeTelegramServer::fail_request(int request_number, TelegramFault fault) {
  const std::lock_guard lock(mutex_);
  faults_[request_number] = fault;
}

std::vector<TelegramRequest> FakeTelegramServer::requests() const {
  const std::lock_guard lock(mutex_);
  return requests_;
}

std::vector<TelegramMessage> FakeTelegramServer::messages() const {
  const std::lock_guard lock(mutex_);
  return messages_;
}

int FakeTelegramServer::request_count() const {
  const std::lock_guard lock(mutex_);
  return static_cast<int>(requests_.size());
}

void FakeTelegramServer::routes() {
  auto& s = server_.server();
  s.Post(R"(/bot([^/]*)/sendMessage)", [this](const httplib::Request& req, httplib::Response& res) {
    std::optional<TelegramFault> fault;
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
    int status = 0;
    std::string body;
    if (fault && fault->kind == TelegramFault::Kind::dropped) {
      // Promises 1000 bytes, sends a few, then closes: the client sees a broken transfer.
      res.set_content_provider(1000, "application/json",
                               [](std::size_t, std::size_t, httplib::DataSink& sink) {
                                 sink.write("{\"ok\":tr", 8);
                                 return false;
                               });
      return;
    }
    if (fault && fault->kind == TelegramFault::Kind::rate_limited) {
      status = 429;
      body = json({{"ok", false},
                   {"error_code", 429},
                   {"description",
                    "Too Many Requests: retry after " + std::to_string(fault->retry_after_s)},
                   {"parameters", {{"retry_after", fault->retry_after_s}}}})
                 .dump();
    } else if (fault && fault->kind == TelegramFault::Kind::server_error) {
      status = 500;
      body = telegram_fake_error(500, "Internal Server Error");
    } else {
      if (fault && fault->kind == TelegramFault::Kind::slow) {
        slow_gate_.wait(kTelegramFakeSlowLimit);
      }
      std::tie(status, body) = answer(req.matches[1], req.body);
    }
    {
      const std::lock_guard lock(mutex_);
      requests_[index].status = status;
      requests_[index].answer = body;
    }
    res.status = status;
    res.set_content(body, "application/json");
  });
  // Telegram answers any other method or path with its JSON 404.
  const auto not_found = [](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_content(telegram_fake_error(404, "Not Found"), "application/json");
  };
  s.Post(R"(/.*)", not_found);
  s.Get(R"(/.*)", not_found);
}

std::pair<int, std::string> FakeTelegramServer::answer(const std::string& token,
                                                       const std::string& body) {
  if (token != token_) {
    return {401, telegram_fake_error(401, "Unauthorized")};
  }
  const json request = json::parse(body, nullptr, false);
  if (!request.is_object()) {
    return {400, telegram_fake_error(400, "Bad Request: can't parse JSON")};
  }
  const auto chat_id = request.find("chat_id");
  if (chat_id == request.end() || !(chat_id->is_number_integer() || chat_id->is_string()) ||
      (chat_id->is_string() && chat_id->get<std::string>().empty())) {
    return {400, telegram_fake_error(400, "Bad Request: chat_id is empty")};
  }
  const auto parse_mode = request.find("parse_mode");
  if (parse_mode == request.end() || !parse_mode->is_string() ||
      telegram_fake_lower(parse_mode->get<std::string>()) != "html") {
    return {400, telegram_fake_error(400, "Bad Request: unsupported parse_mode")};
  }
  const auto text = request.find("text");
  if (text == request.end() || !text->is_string()) {
    return {400, telegram_fake_error(400, "Bad Request: message text is empty")};
  }
  const std::string html = text->get<std::string>();
  if (html.size() > kTelegramFakeMaxBytes) {
    return {400, telegram_fake_error(400, "Bad Request: text is too long")};
  }
  const TelegramHtmlCheck check = check_telegram_html(html);
  if (!check.error.empty()) {
    return {400, telegram_fake_error(400, "Bad Request: can't parse entities: " + check.error)};
  }
  if (check.visible.find_first_not_of(" \t\r\n") == std::string::npos) {
    return {400, telegram_fake_error(400, "Bad Request: message text is empty")};
  }
  if (check.utf16_units > kTelegramFakeMaxUnits) {
    return {400, telegram_fake_error(400, "Bad Request: message is too long")};
  }
  const std::lock_guard lock(mutex_);
  const int message_id = next_message_id_++;
  messages_.push_back({*chat_id, html, check.visible, request});
  const json result = {
      {"ok", true},
      {"result",
       {{"message_id", message_id},
        {"date", 1770879600 + message_id},  // 2026-02-12, plus one second a message
        {"chat", {{"id", *chat_id}, {"type", chat_id->is_string() ? "channel" : "private"}}},
        {"text", check.visible}}}};
  return {200, result.dump()};
}

}  // namespace arxiv_digest::testing
