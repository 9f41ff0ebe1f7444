#include "support/fake_oai_server.hpp"

#include <pugixml.hpp>
#include <stdexcept>
#include <utility>

#include "core/util/text.hpp"

namespace arxiv_digest::testing {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// Marks where the token element goes in a re-serialized page: a processing instruction, which
// no OAI-PMH page holds.
constexpr std::string_view kFakeOaiSlot = "<?fake-oai-token?>";

constexpr std::string_view kFakeOaiEnvelope =
    "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/ "
    "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd\">\n";

// A maintenance page where XML was expected, as a proxy or a broken deployment answers.
constexpr std::string_view kFakeOaiHtmlPage =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>arXiv OAI-PMH is down for "
    "maintenance</title></head>\n<body>\n<h1>We are down for maintenance</h1>\n<p>Please try "
    "again later.</p>\n</body>\n</html>\n";

class FakeOaiStringWriter final : public pugi::xml_writer {
 public:
  explicit FakeOaiStringWriter(std::string& out) : out_(out) {}
  void write(const void* data, std::size_t size) override {
    out_.append(static_cast<const char*>(data), size);
  }

 private:
  std::string& out_;
};

std::string_view fake_oai_local_name(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node fake_oai_child(const pugi::xml_node& parent, std::string_view local) {
  for (const pugi::xml_node& child : parent.children()) {
    if (child.type() == pugi::node_element && fake_oai_local_name(child) == local) {
      return child;
    }
  }
  return {};
}

void fake_oai_append_2(std::string& out, unsigned value) {
  out += static_cast<char>('0' + value / 10);
  out += static_cast<char>('0' + value % 10);
}

std::string fake_oai_day(sys_days day) {
  const std::chrono::year_month_day date{day};
  std::string out = std::to_string(static_cast<int>(date.year()));
  out += '-';
  fake_oai_append_2(out, static_cast<unsigned>(date.month()));
  out += '-';
  fake_oai_append_2(out, static_cast<unsigned>(date.day()));
  return out;
}

std::string fake_oai_now() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const sys_days day = std::chrono::floor<days>(now);
  const std::chrono::hh_mm_ss time{now - day};
  std::string out = fake_oai_day(day) + "T";
  fake_oai_append_2(out, static_cast<unsigned>(time.hours().count()));
  out += ':';
  fake_oai_append_2(out, static_cast<unsigned>(time.minutes().count()));
  out += ':';
  fake_oai_append_2(out, static_cast<unsigned>(time.seconds().count()));
  return out + "Z";
}

// The new server's expirationDate: the next UTC midnight.
std::string fake_oai_next_midnight() {
  const sys_days today = std::chrono::floor<days>(std::chrono::system_clock::now());
  return fake_oai_day(today + days{1}) + "T00:00:00Z";
}

bool fake_oai_is_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return false;
  }
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (std::size_t i = starts[p]; i < starts[p] + lengths[p]; ++i) {
      if (text[i] < '0' || text[i] > '9') {
        return false;
      }
      parts[p] = parts[p] * 10 + (text[i] - '0');
    }
  }
  return std::chrono::year_month_day{std::chrono::year{parts[0]},
                                     std::chrono::month{static_cast<unsigned>(parts[1])},
                                     std::chrono::day{static_cast<unsigned>(parts[2])}}
      .ok();
}

struct FakeOaiPrepared {
  std::string head;
  std::string tail;
  std::string max_datestamp;
};

// Parses a page, drops its token, marks the slot and notes its newest datestamp.
FakeOaiPrepared fake_oai_prepare(const std::string& xml, std::size_t index) {
  const std::string which = "page " + std::to_string(index + 1);
  pugi::xml_document doc;
  // Whitespace-only text kept, so the page keeps its line breaks when written back.
  const unsigned options = pugi::parse_default | pugi::parse_declaration | pugi::parse_ws_pcdata;
  const pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size(), options);
  if (!parsed) {
    throw std::invalid_argument(which + " is not XML: " + parsed.description());
  }
  const pugi::xml_node root = doc.document_element();
  pugi::xml_node list = fake_oai_child(root, "ListRecords");
  if (fake_oai_local_name(root) != "OAI-PMH" || !list) {
    throw std::invalid_argument(which + " is not an OAI-PMH ListRecords page");
  }

  FakeOaiPrepared out;
  pugi::xml_node last_element;
  std::vector<pugi::xml_node> tokens;
  for (const pugi::xml_node& child : list.children()) {
    if (child.type() != pugi::node_element) {
      continue;
    }
    if (fake_oai_local_name(child) == "resumptionToken") {
      tokens.push_back(child);
      continue;
    }
    last_element = child;
    const std::string datestamp =
        fake_oai_child(fake_oai_child(child, "header"), "datestamp").text().get();
    if (datestamp > out.max_datestamp) {
      out.max_datestamp = datestamp;
    }
  }
  // The slot takes the old token's place, or follows the last record.
  pugi::xml_node slot;
  if (!tokens.empty()) {
    slot = list.insert_child_before(pugi::node_pi, tokens.front());
  } else if (last_element) {
    slot = list.insert_child_after(pugi::node_pi, last_element);
  } else {
    slot = list.append_child(pugi::node_pi);
  }
  slot.set_name("fake-oai-token");
  for (const pugi::xml_node& token : tokens) {
    list.remove_child(token);
  }

  std::string text;
  text.reserve(xml.size() + 256);
  FakeOaiStringWriter writer(text);
  doc.save(writer, "", pugi::format_raw, pugi::encoding_utf8);
  const std::size_t at = text.find(kFakeOaiSlot);
  out.tail = text.substr(at + kFakeOaiSlot.size());
  text.resize(at);
  out.head = std::move(text);
  return out;
}

}  // namespace

FakeOaiServer::FakeOaiServer(std::string path) : path_(std::move(path)) { routes(); }

FakeOaiServer::~FakeOaiServer() { stop(); }

std::string FakeOaiServer::unavailable_body(int seconds) {
  return "<html><body>\n<h1>Retry after " + std::to_string(seconds) +
         " seconds</h1>\n</body></html>\n";
}

void FakeOaiServer::set_stream(const std::string& set, std::vector<std::string> pages) {
  if (pages.empty()) {
    throw std::invalid_argument("a stream needs at least one page");
  }
  auto stream = std::make_shared<Stream>();
  stream->pages.reserve(pages.size());
  for (std::size_t i = 0; i < pages.size(); ++i) {
    FakeOaiPrepared prepared = fake_oai_prepare(pages[i], i);
    // The benchmark's 100 pages are 150 MB: the originals go as soon as they are prepared.
    std::string().swap(pages[i]);
    stream->pages.push_back(
        {std::move(prepared.head), std::move(prepared.tail), std::move(prepared.max_datestamp)});
  }
  const std::lock_guard lock(mutex_);
  stream->generation = ++generation_;
  served_[set].assign(stream->pages.size(), 0);
  streams_[set] = std::move(stream);
}

void FakeOaiServer::fail_request(int request_number, OaiFault fault) {
  const std::lock_guard lock(mutex_);
  faults_[request_number] = std::move(fault);
}

void FakeOaiServer::expire_tokens() {
  const std::lock_guard lock(mutex_);
  for (auto& [text, token] : tokens_) {
    token.expired = true;
  }
}

void FakeOaiServer::on_request(std::function<void(const OaiRequest&)> observer) {
  const std::lock_guard lock(observer_mutex_);
  observer_ = std::move(observer);
}

std::vector<OaiRequest> FakeOaiServer::requests() const {
  const std::lock_guard lock(mutex_);
  return requests_;
}

int FakeOaiServer::request_count() const {
  const std::lock_guard lock(mutex_);
  return static_cast<int>(requests_.size());
}

int FakeOaiServer::served(const std::string& set, int page) const {
  const std::lock_guard lock(mutex_);
  const auto it = served_.find(set);
  if (it == served_.end() || page < 1 || page > static_cast<int>(it->second.size())) {
    return 0;
  }
  return it->second[static_cast<std::size_t>(page) - 1];
}

std::vector<int> FakeOaiServer::served_counts(const std::string& set) const {
  const std::lock_guard lock(mutex_);
  const auto it = served_.find(set);
  return it == served_.end() ? std::vector<int>{} : it->second;
}

void FakeOaiServer::routes() {
  server_.server().Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    OaiRequest record;
    record.arrived = std::chrono::steady_clock::now();
    record.target = req.target;
    record.path = req.path;
    for (const auto& [name, value] : req.params) {
      record.params[name] = value;
    }
    std::optional<OaiFault> fault;
    std::size_t index = 0;
    {
      const std::lock_guard lock(mutex_);
      index = requests_.size();
      requests_.push_back(record);
      const auto it = faults_.find(static_cast<int>(index) + 1);
      if (it != faults_.end()) {
        fault = it->second;
      }
    }

    Answer reply;
    std::optional<OaiFault::Kind> applied;
    if (!fault) {
      reply = answer(req);
    } else if (fault->kind == OaiFault::Kind::unavailable) {
      reply.status = 503;
      reply.content_type = "text/html";
      reply.body = unavailable_body(fault->retry_after_s);
      res.set_header("Retry-After", std::to_string(fault->retry_after_s));
      applied = fault->kind;
    } else if (fault->kind == OaiFault::Kind::html_200) {
      reply.content_type = "text/html";
      reply.body = std::string(kFakeOaiHtmlPage);
      applied = fault->kind;
    } else if (fault->kind == OaiFault::Kind::oai_error) {
      reply = error_answer(req, fault->code, fault->message);
      applied = fault->kind;
    } else if (fault->kind == OaiFault::Kind::expired_token) {
      if (req.has_param("resumptionToken")) {
        {
          const std::lock_guard lock(mutex_);
          const auto it = tokens_.find(req.get_param_value("resumptionToken"));
          if (it != tokens_.end()) {
            it->second.expired = true;
          }
        }
        reply = error_answer(req, "badResumptionToken", std::string(kBadTokenMessage));
        applied = fault->kind;
      } else {
        reply = answer(req);
      }
    } else {  // truncated, dropped: the real answer, cut
      reply = answer(req);
      applied = fault->kind;
    }
    const bool dropped = applied == OaiFault::Kind::dropped;
    if (applied == OaiFault::Kind::truncated) {
      reply.body.resize(reply.body.size() / 2);
    }

    {
      const std::lock_guard lock(mutex_);
      OaiRequest& done = requests_[index];
      done.status = dropped ? 0 : reply.status;
      done.set = reply.set;
      done.page = reply.page;
      done.error = reply.error;
      done.token = reply.token;
      done.fault = applied;
      if (reply.whole_page && !applied) {
        auto& counts = served_[reply.set];
        if (reply.page >= 1 && reply.page <= static_cast<int>(counts.size())) {
          ++counts[static_cast<std::size_t>(reply.page) - 1];
        }
      }
      record = done;
    }

    res.status = reply.status;
    if (dropped) {
      // Promises the whole answer, sends its first half, then closes: a broken transfer.
      auto body = std::make_shared<const std::string>(std::move(reply.body));
      res.set_content_provider(body->size(), reply.content_type,
                               [body](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                 const std::size_t half = body->size() / 2;
                                 if (offset < half) {
                                   sink.write(body->data() + offset, half - offset);
                                 }
                                 return false;
                               });
    } else {
      // A fixed-length provider is sent as it is: httplib compresses set_content() bodies with
      // brotli at its best (slowest) quality, seconds per page, which would time the fake
      // instead of the client.
      auto body = std::make_shared<const std::string>(std::move(reply.body));
      res.set_content_provider(body->size(), reply.content_type,
                               [body](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                 return sink.write(body->data() + offset, body->size() - offset);
                               });
    }
    const std::lock_guard lock(observer_mutex_);
    if (observer_) {
      observer_(record);
    }
  });
}

FakeOaiServer::Answer FakeOaiServer::answer(const httplib::Request& req) {
  if (req.path != path_) {
    Answer missing;
    missing.status = 404;
    missing.content_type = "text/html";
    missing.body = "<html><body>\n<h1>Not Found</h1>\n</body></html>\n";
    return missing;
  }
  if (req.get_param_value_count("verb") != 1) {
    return error_answer(req, "badVerb", "Verb argument is missing or repeated.", false);
  }
  const std::string verb = req.get_param_value("verb");
  if (verb != "ListRecords") {
    return error_answer(req, "badVerb",
                        "Bad verb. Verb '" + verb +
                            "' not implemented (the fake has only "
                            "ListRecords).",
                        false);
  }
  for (const auto& [name, value] : req.params) {
    if (req.get_param_value_count(name) > 1) {
      return error_answer(req, "badArgument", "Argument '" + name + "' is repeated.", false);
    }
  }
  if (req.has_param("resumptionToken")) {
    if (req.params.size() != 2) {
      return error_answer(req, "badArgument",
                          "resumptionToken is an exclusive argument: only verb may go with it.",
                          false);
    }
    return resume(req, req.get_param_value("resumptionToken"));
  }
  return list_records(req);
}

FakeOaiServer::Answer FakeOaiServer::list_records(const httplib::Request& req) {
  for (const auto& [name, value] : req.params) {
    if (name != "verb" && name != "metadataPrefix" && name != "from" && name != "until" &&
        name != "set") {
      return error_answer(req, "badArgument",
                          "Verb 'ListRecords', illegal argument '" + name + "'.", false);
    }
  }
  if (!req.has_param("metadataPrefix")) {
    return error_answer(req, "badArgument",
                        "Verb 'ListRecords' requires the argument 'metadataPrefix'.", false);
  }
  const std::string from = req.get_param_value("from");
  const std::string until = req.get_param_value("until");
  for (const auto& [name, value] : {std::pair{"from", from}, std::pair{"until", until}}) {
    if (req.has_param(name) && !fake_oai_is_date(value)) {
      return error_answer(req, "badArgument",
                          std::string("The ") + name + " argument '" + value +
                              "' is not a date of the form YYYY-MM-DD.",
                          false);
    }
  }
  if (!from.empty() && !until.empty() && from > until) {
    return error_answer(req, "badArgument", "The from argument is later than until.", false);
  }
  const std::string prefix = req.get_param_value("metadataPrefix");
  if (prefix != "arXivRaw" && prefix != "arXiv") {
    return error_answer(req, "cannotDisseminateFormat",
                        "Format '" + prefix + "' is not available (arXivRaw, arXiv).");
  }

  const std::string set = req.get_param_value("set");
  std::string key = set;
  std::shared_ptr<const Stream> stream;
  {
    const std::lock_guard lock(mutex_);
    auto it = streams_.find(set);
    if (it == streams_.end()) {
      it = streams_.find("");
      key.clear();
    }
    if (it != streams_.end()) {
      stream = it->second;
    }
  }
  if (!stream) {
    return error_answer(req, "noRecordsMatch",
                        "Set argument doesn't match any sets. The setSpec was '" + set + "'");
  }
  for (std::size_t p = 0; p < stream->pages.size(); ++p) {
    if (!stream->pages[p].max_datestamp.empty() && stream->pages[p].max_datestamp >= from) {
      return page_answer(key, set, stream, p, true);
    }
  }
  return error_answer(req, "noRecordsMatch", "No records match the given parameters.");
}

FakeOaiServer::Answer FakeOaiServer::resume(const httplib::Request& req, const std::string& token) {
  std::shared_ptr<const Stream> stream;
  Token found;
  {
    const std::lock_guard lock(mutex_);
    const auto it = tokens_.find(token);
    if (it != tokens_.end() && !it->second.expired) {
      const auto current = streams_.find(it->second.set);
      if (current != streams_.end() && current->second->generation == it->second.generation &&
          it->second.page < current->second->pages.size()) {
        stream = current->second;
        found = it->second;
      }
    }
  }
  if (!stream) {
    return error_answer(req, "badResumptionToken", std::string(kBadTokenMessage));
  }
  return page_answer(found.set, found.requested, stream, found.page, false);
}

FakeOaiServer::Answer FakeOaiServer::page_answer(const std::string& stream_key,
                                                 const std::string& requested_set,
                                                 const std::shared_ptr<const Stream>& stream,
                                                 std::size_t page, bool first) {
  Answer out;
  out.set = stream_key;
  out.page = static_cast<int>(page) + 1;
  out.whole_page = true;
  std::string element;
  if (page + 1 < stream->pages.size()) {
    {
      const std::lock_guard lock(mutex_);
      // New at each issue, so a token expired once never names a later page again; | & = + %
      // all need URL-encoding.
      out.token = "fake|" + requested_set + "|" + std::to_string(page + 2) + "|" +
                  std::to_string(++token_serial_) + "|+&=%";
      tokens_[out.token] = {stream_key, requested_set, stream->generation, page + 1, false};
    }
    element = "<resumptionToken expirationDate='" + fake_oai_next_midnight() + "'>" +
              escape_html(out.token) + "</resumptionToken>";
  } else if (!first) {
    element = "<resumptionToken/>";
  }
  const Page& source = stream->pages[page];
  out.body.reserve(source.head.size() + element.size() + source.tail.size());
  out.body += source.head;
  out.body += element;
  out.body += source.tail;
  return out;
}

FakeOaiServer::Answer FakeOaiServer::error_answer(const httplib::Request& req,
                                                  const std::string& code,
                                                  const std::string& message,
                                                  bool with_arguments) const {
  Answer out;
  out.error = code;
  out.body = "<?xml version='1.0' encoding='UTF-8'?>\n";
  out.body += kFakeOaiEnvelope;
  out.body += "  <responseDate>" + fake_oai_now() + "</responseDate>\n  <request";
  // OAI-PMH 3.6: after badVerb or badArgument the request element carries no attributes.
  if (with_arguments) {
    for (const auto& [name, value] : req.params) {
      out.body += " " + name + "='" + escape_html(value) + "'";
    }
  }
  out.body += ">" + escape_html(server_.url(path_)) + "</request>\n  <error code='" +
              escape_html(code) + "'>" + escape_html(message) + "</error>\n</OAI-PMH>\n";
  return out;
}

}  // namespace arxiv_digest::testing
