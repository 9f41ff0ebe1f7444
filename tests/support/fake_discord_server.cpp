#include "support/fake_discord_server.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <tuple>

namespace arxiv_digest::testing {
namespace {

using json = nlohmann::json;

constexpr std::size_t kDiscordFakeContentUnits = 2000;
constexpr std::size_t kDiscordFakeMaxEmbeds = 10;
constexpr std::size_t kDiscordFakeTitleUnits = 256;
constexpr std::size_t kDiscordFakeDescriptionUnits = 4096;
constexpr std::size_t kDiscordFakeFooterUnits = 2048;
constexpr std::size_t kDiscordFakeAuthorUnits = 256;
constexpr std::size_t kDiscordFakeMaxFields = 25;
constexpr std::size_t kDiscordFakeFieldNameUnits = 256;
constexpr std::size_t kDiscordFakeFieldValueUnits = 1024;
constexpr std::size_t kDiscordFakeEmbedsUnits = 6000;
constexpr long long kDiscordFakeMaxColor = 0xFFFFFF;
// How long a slow request waits for release_slow() before answering anyway.
constexpr std::chrono::seconds kDiscordFakeSlowLimit{30};

std::string discord_fake_error(int code, const std::string& message) {
  return json({{"message", message}, {"code", code}}).dump();
}

// Discord trims leading and trailing white space before it counts.
std::size_t discord_fake_units(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return 0;
  }
  text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
  std::size_t units = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) {
      units += byte >= 0xF0 ? 2 : 1;
    }
  }
  return units;
}

std::string discord_fake_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Discord's form errors, nested as it nests them: {"embeds": {"0": {"title": {"_errors": […]}}}}.
class DiscordFakeFormErrors {
 public:
  void add(const std::vector<std::string>& path, const std::string& code,
           const std::string& message) {
    json* node = &errors_;
    std::string where;
    for (const std::string& key : path) {
      node = &(*node)[key];
      where += (where.empty() ? "" : ".") + key;
    }
    (*node)["_errors"].push_back({{"code", code}, {"message", message}});
    problems_.push_back((where.empty() ? "" : where + ": ") + code + " " + message);
  }
  // A text field: a string of at most `max` units, required or not.
  void text(const json& parent, const std::vector<std::string>& path, std::size_t max,
            bool required, std::size_t& total) {
    const auto it = parent.find(path.back());
    if (it == parent.end() || it->is_null()) {
      if (required) {
        add(path, "BASE_TYPE_REQUIRED", "This field is required");
      }
      return;
    }
    if (!it->is_string()) {
      add(path, "BASE_TYPE_STRING", "Could not interpret the value as string.");
      return;
    }
    const std::size_t units = discord_fake_units(it->get<std::string>());
    if (units > max) {
      add(path, "BASE_TYPE_MAX_LENGTH", "Must be " + std::to_string(max) + " or fewer in length.");
    }
    total += units;
  }
  bool empty() const { return problems_.empty(); }
  const json& errors() const { return errors_; }
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  json errors_ = json::object();
  std::vector<std::string> problems_;
};

// An embed's url, as Discord checks it.
void discord_fake_url(const json& embed, const std::vector<std::string>& path,
                      DiscordFakeFormErrors& form) {
  const auto it = embed.find("url");
  if (it == embed.end() || it->is_null()) {
    return;
  }
  const std::string url = it->is_string() ? it->get<std::string>() : std::string();
  const std::size_t colon = url.find(':');
  const std::string scheme =
      colon == std::string::npos ? "" : discord_fake_lower(url.substr(0, colon));
  if (!scheme.empty() && scheme != "http" && scheme != "https") {
    form.add(
        path, "URL_TYPE_INVALID_SCHEME",
        "Scheme \"" + scheme + "\" is not supported. Scheme must be one of ('http', 'https').");
    return;
  }
  const bool blank = std::any_of(url.begin(), url.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F;
  });
  const bool slashes = colon != std::string::npos && url.compare(colon, 3, "://") == 0;
  if (scheme.empty() || !slashes || colon + 3 >= url.size() || url[colon + 3] == '/' || blank) {
    form.add(path, "URL_TYPE_INVALID_URL", "Not a well formed URL.");
  }
}

// Every limit of Execute Webhook's JSON body; the embed texts' total goes to `total`.
void discord_fake_form(const json& message, DiscordFakeFormErrors& form) {
  std::size_t ignored = 0;
  form.text(message, {"content"}, kDiscordFakeContentUnits, false, ignored);
  const auto embeds = message.find("embeds");
  if (embeds != message.end() && !embeds->is_null()) {
    if (!embeds->is_array()) {
      form.add({"embeds"}, "BASE_TYPE_ARRAY", "Must be an array.");
    } else {
      if (embeds->size() > kDiscordFakeMaxEmbeds) {
        form.add({"embeds"}, "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
      }
      std::size_t total = 0;
      for (std::size_t i = 0; i < embeds->size(); ++i) {
        const json& embed = (*embeds)[i];
        const std::string n = std::to_string(i);
        if (!embed.is_object()) {
          form.add({"embeds", n}, "MODEL_TYPE_CONVERT",
                   "Only dictionaries may be used in a "
                   "ModelType");
          continue;
        }
        form.text(embed, {"embeds", n, "title"}, kDiscordFakeTitleUnits, false, total);
        form.text(embed, {"embeds", n, "description"}, kDiscordFakeDescriptionUnits, false, total);
        discord_fake_url(embed, {"embeds", n, "url"}, form);
        if (const auto color = embed.find("color"); color != embed.end() && !color->is_null()) {
          if (!color->is_number_integer() || color->get<long long>() < 0 ||
              color->get<long long>() > kDiscordFakeMaxColor) {
            form.add({"embeds", n, "color"}, "NUMBER_TYPE_MAX",
                     "int value should be less than or equal to 16777215.");
          }
        }
        if (const auto footer = embed.find("footer"); footer != embed.end()) {
          form.text(*footer, {"embeds", n, "footer", "text"}, kDiscordFakeFooterUnits, true, total);
        }
        if (const auto author = embed.find("author"); author != embed.end()) {
          form.text(*author, {"embeds", n, "author", "name"}, kDiscordFakeAuthorUnits, true, total);
        }
        if (const auto fields = embed.find("fields"); fields != embed.end()) {
          if (!fields->is_array() || fields->size() > kDiscordFakeMaxFields) {
            form.add({"embeds", n, "fields"}, "BASE_TYPE_MAX_LENGTH",
                     "Must be 25 or fewer in length.");
          } else {
            for (std::size_t f = 0; f < fields->size(); ++f) {
              const std::string k = std::to_string(f);
              form.text((*fields)[f], {"embeds", n, "fields", k, "name"},
                        kDiscordFakeFieldNameUnits, true, total);
              form.text((*fields)[f], {"embeds", n, "fields", k, "value"},
                        kDiscordFakeFieldValueUnits, true, total);
            }
          }
        }
      }
      if (total > kDiscordFakeEmbedsUnits) {
        form.add({"embeds"}, "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000");
      }
    }
  }
  const auto mentions = message.find("allowed_mentions");
  if (mentions != message.end() && mentions->is_object()) {
    const json parse = mentions->value("parse", json::array());
    for (std::size_t i = 0; i < (parse.is_array() ? parse.size() : 0); ++i) {
      const std::string value = parse[i].is_string() ? parse[i].get<std::string>() : "";
      if (value != "roles" && value != "users" && value != "everyone") {
        form.add({"allowed_mentions", "parse", std::to_string(i)}, "BASE_TYPE_CHOICES",
                 "Value must be one of {'roles', 'users', 'everyone'}.");
      }
    }
  }
}

// Every text of a message a reader sees, with whether Discord reads it as Markdown.
std::vector<std::tuple<std::string, std::string, bool>> discord_fake_texts(const json& message) {
  std::vector<std::tuple<std::string, std::string, bool>> out;
  const auto add = [&out](const json& parent, const char* key, const std::string& where,
                          bool markdown) {
    if (parent.is_object() && parent.contains(key) && parent[key].is_string()) {
      out.emplace_back(where, parent[key].get<std::string>(), markdown);
    }
  };
  add(message, "content", "content", true);
  const json embeds = message.value("embeds", json::array());
  for (std::size_t i = 0; i < (embeds.is_array() ? embeds.size() : 0); ++i) {
    const json& embed = embeds[i];
    const std::string where = "embeds." + std::to_string(i) + ".";
    add(embed, "title", where + "title", false);
    add(embed, "description", where + "description", true);
    if (embed.is_object() && embed.contains("footer")) {
      add(embed["footer"], "text", where + "footer.text", false);
    }
    if (embed.is_object() && embed.contains("author")) {
      add(embed["author"], "name", where + "author.name", false);
    }
    const json fields = embed.is_object() ? embed.value("fields", json::array()) : json::array();
    for (std::size_t f = 0; f < (fields.is_array() ? fields.size() : 0); ++f) {
      const std::string field = where + "fields." + std::to_string(f) + ".";
      add(fields[f], "name", field + "name", false);
      add(fields[f], "value", field + "value", true);
    }
  }
  return out;
}

std::string discord_fake_seconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", seconds);
  return text;
}

}  // namespace

std::vector<std::string> check_discord_markdown(std::string_view text, const std::string& where) {
  // What Markdown sees: a backslash before ASCII punctuation makes it a plain character, here
  // replaced by \x01 so no pattern matches across it.
  std::string live;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() &&
        std::ispunct(static_cast<unsigned char>(text[i + 1]))) {
      live += '\x01';
      ++i;
    } else {
      live += text[i];
    }
  }
  std::vector<std::string> problems;
  for (const std::string_view pattern :
       {"<@", "<#", "<t:", "<:", "<a:", "](", "http://", "https://"}) {
    if (const std::size_t at = live.find(pattern); at != std::string::npos) {
      problems.push_back(where + ": unescaped \"" + std::string(pattern) + "\" at " +
                         std::to_string(at));
    }
  }
  return problems;
}

FakeDiscordServer::FakeDiscordServer(std::string webhook_id, std::string token)
    : webhook_id_(std::move(webhook_id)), token_(std::move(token)) {
  routes();
}

FakeDiscordServer::~FakeDiscordServer() { stop(); }

void FakeDiscordServer::stop() {
  slow_gate_.open();
  server_.stop();
}

void FakeDiscordServer::fail_request(int request_number, DiscordFault fault) {
  const std::lock_guard lock(mutex_);
  faults_[request_number] = fault;
}

std::vector<DiscordRequest> FakeDiscordServer::requests() const {
  const std::lock_guard lock(mutex_);
  return requests_;
}

std::vector<DiscordMessage> FakeDiscordServer::messages() const {
  const std::lock_guard lock(mutex_);
  return messages_;
}

std::vector<std::string> FakeDiscordServer::violations() const {
  const std::lock_guard lock(mutex_);
  return violations_;
}

int FakeDiscordServer::request_count() const {
  const std::lock_guard lock(mutex_);
  return static_cast<int>(requests_.size());
}

void FakeDiscordServer::routes() {
  auto& s = server_.server();
  s.Post(R"(/api(?:/v\d+)?/webhooks/([^/]+)/([^/]+))", [this](const httplib::Request& req,
                                                              httplib::Response& res) {
    const bool wait = discord_fake_lower(req.get_param_value("wait")) == "true";
    const std::string content_type = req.get_header_value("Content-Type");
    std::optional<DiscordFault> fault;
    std::size_t index = 0;
    {
      const std::lock_guard lock(mutex_);
      index = requests_.size();
      requests_.push_back({req.path, wait, content_type, req.body, 0, ""});
      const auto it = faults_.find(static_cast<int>(index) + 1);
      if (it != faults_.end()) {
        fault = it->second;
      }
    }
    if (fault && fault->kind == DiscordFault::Kind::dropped) {
      // Promises 1000 bytes, sends a few, then closes: the client sees a broken transfer.
      res.set_content_provider(1000, "application/json",
                               [](std::size_t, std::size_t, httplib::DataSink& sink) {
                                 sink.write("{\"id\":", 6);
                                 return false;
                               });
      return;
    }
    int status = 0;
    std::string body;
    if (fault && fault->kind == DiscordFault::Kind::rate_limited) {
      status = 429;
      body = json({{"message", "You are being rate limited."},
                   {"retry_after", fault->retry_after_s},
                   {"global", fault->global}})
                 .dump();
      const double seconds = std::max(0.0, fault->retry_after_s);
      res.set_header("Retry-After", std::to_string(static_cast<long long>(std::ceil(seconds))));
      res.set_header("X-RateLimit-Limit", "5");
      res.set_header("X-RateLimit-Remaining", "0");
      res.set_header("X-RateLimit-Reset-After", discord_fake_seconds(seconds));
      res.set_header("X-RateLimit-Bucket", "abcd1234");
      res.set_header("X-RateLimit-Scope", fault->global ? "global" : "user");
      if (fault->global) {
        res.set_header("X-RateLimit-Global", "true");
      }
    } else if (fault && fault->kind == DiscordFault::Kind::server_error) {
      status = 500;
      body = discord_fake_error(0, "500: Internal Server Error");
    } else {
      if (fault && fault->kind == DiscordFault::Kind::slow) {
        slow_gate_.wait(kDiscordFakeSlowLimit);
      }
      std::tie(status, body) = answer(static_cast<int>(index) + 1, req.matches[1], req.matches[2],
                                      wait, content_type, req.body);
    }
    {
      const std::lock_guard lock(mutex_);
      requests_[index].status = status;
      requests_[index].answer = body;
    }
    res.status = status;
    if (!body.empty()) {
      res.set_content(body, "application/json");
    }
  });
  // Discord answers any other path with its JSON 404.
  const auto not_found = [](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_content(discord_fake_error(0, "404: Not Found"), "application/json");
  };
  s.Post(R"(/.*)", not_found);
  s.Get(R"(/.*)", not_found);
}

std::pair<int, std::string> FakeDiscordServer::answer(int request_number, const std::string& id,
                                                      const std::string& token, bool wait,
                                                      const std::string& content_type,
                                                      const std::string& body) {
  const std::string request = "request " + std::to_string(request_number) + ": ";
  const auto refuse = [&](int status, const std::string& answer, const std::string& why) {
    const std::lock_guard lock(mutex_);
    violations_.push_back(request + "HTTP " + std::to_string(status) + " (" + why + ")");
    return std::pair<int, std::string>{status, answer};
  };
  if (id != webhook_id_) {
    return refuse(404, discord_fake_error(10015, "Unknown Webhook"), "webhook id " + id);
  }
  if (token != token_) {
    return refuse(401, discord_fake_error(50027, "Invalid Webhook Token"), "wrong token");
  }
  if (!discord_fake_lower(content_type).starts_with("application/json")) {
    DiscordFakeFormErrors form;
    form.add({}, "CONTENT_TYPE_INVALID",
             "Expected \"Content-Type\" header to be one of {'application/json'}.");
    return refuse(
        400,
        json({{"code", 50035}, {"errors", form.errors()}, {"message", "Invalid Form Body"}}).dump(),
        "Content-Type \"" + content_type + "\"");
  }
  const json message = json::parse(body, nullptr, false);
  if (!message.is_object()) {
    return refuse(400, discord_fake_error(50109, "The request body contains invalid JSON."),
                  "the body is not a JSON object");
  }
  DiscordFakeFormErrors form;
  discord_fake_form(message, form);
  if (!form.empty()) {
    std::string why;
    for (const std::string& problem : form.problems()) {
      why += (why.empty() ? "" : "; ") + problem;
    }
    return refuse(
        400,
        json({{"code", 50035}, {"errors", form.errors()}, {"message", "Invalid Form Body"}}).dump(),
        why);
  }
  const json embeds = message.value("embeds", json::array());
  std::string content;
  if (const auto it = message.find("content"); it != message.end() && it->is_string()) {
    content = it->get<std::string>();
  }
  if (discord_fake_units(content) == 0 && (!embeds.is_array() || embeds.empty())) {
    return refuse(400, discord_fake_error(50006, "Cannot send an empty message"),
                  "nothing to show");
  }

  std::vector<std::string> problems;
  if (!wait) {
    problems.push_back("no ?wait=true, so Discord would hide errors of unsaved messages");
  }
  const json mentions = message.value("allowed_mentions", json());
  const bool silent = mentions.is_object() && mentions.value("parse", json()) == json::array() &&
                      mentions.value("users", json::array()).empty() &&
                      mentions.value("roles", json::array()).empty();
  if (!silent) {
    problems.push_back("allowed_mentions is not {\"parse\": []}: " + mentions.dump());
  }
  for (const auto& [where, text, markdown] : discord_fake_texts(message)) {
    for (const std::string_view mention : {"@everyone", "@here"}) {
      if (text.find(mention) != std::string::npos) {
        problems.push_back(where + ": \"" + std::string(mention) + "\" spelled out");
      }
    }
    if (markdown) {
      for (const std::string& problem : check_discord_markdown(text, where)) {
        problems.push_back(problem);
      }
    }
  }

  const std::lock_guard lock(mutex_);
  for (const std::string& problem : problems) {
    violations_.push_back(request + problem);
  }
  const std::string message_id = std::to_string(next_id_++);
  DiscordMessage accepted;
  accepted.body = message;
  accepted.id = message_id;
  accepted.content = content;
  json shown = json::array();
  for (const json& embed : embeds) {
    accepted.embeds.push_back(embed);
    json rich = embed;
    rich["type"] = "rich";
    shown.push_back(std::move(rich));
  }
  messages_.push_back(std::move(accepted));
  if (!wait) {
    return {204, ""};
  }
  const json created = {
      {"id", message_id},
      {"type", 0},
      {"content", content},
      {"channel_id", "1338000000000000001"},
      {"author",
       {{"bot", true}, {"id", webhook_id_}, {"username", "arxiv-digest"}, {"avatar", nullptr}}},
      {"attachments", json::array()},
      {"embeds", shown},
      {"mentions", json::array()},
      {"mention_roles", json::array()},
      {"pinned", false},
      {"mention_everyone", false},
      {"tts", false},
      {"timestamp", "2026-02-12T06:00:00.000000+00:00"},
      {"edited_timestamp", nullptr},
      {"flags", 0},
      {"components", json::array()},
      {"webhook_id", webhook_id_}};
  return {200, created.dump()};
}

}  // namespace arxiv_digest::testing
