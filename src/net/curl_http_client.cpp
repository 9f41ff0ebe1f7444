#include "net/curl_http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <utility>

#include "core/util/signal_name.hpp"
#include "core/util/text.hpp"
#include "net/curl_handles.hpp"

namespace arxiv_digest::net {
namespace {

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool is_header_name(std::string_view name) {
  constexpr std::string_view kPunctuation = "!#$%&'*+-.^_`|~";
  return !name.empty() && std::all_of(name.begin(), name.end(), [&](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           kPunctuation.find(c) != std::string_view::npos;
  });
}

bool has_control_characters(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

bool is_method_token(std::string_view method) {
  return !method.empty() && std::all_of(method.begin(), method.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
  });
}

// For messages: control characters shown as escapes, so a bad value cannot split a log line.
std::string printable(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out += '?';
    } else {
      out += c;
    }
  }
  return out;
}

bool has_header(const std::map<std::string, std::string>& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& header) { return to_lower(header.first) == name; });
}

ErrorCode classify(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return ErrorCode::timeout;
    case CURLE_URL_MALFORMAT:
      return ErrorCode::invalid_config;
    case CURLE_ABORTED_BY_CALLBACK:  // on_progress: the StopRequest was set
      return ErrorCode::interrupted;
    default:
      // Refused, reset, DNS, TLS, partial body, too many redirects, bad encoding: all are
      // problems of the connection or the server that a later attempt may not have.
      return ErrorCode::network;
  }
}

// Every error names the method and the URL without secrets.
Error request_error(const HttpRequest& request, ErrorCode code, std::string_view reason) {
  const std::string method = is_method_token(request.method) ? request.method : "request";
  return Error{code,
               method + " " + printable(redact_url(request.url)) + ": " + std::string(reason)};
}

// One request on one easy handle. Not movable: curl keeps pointers to it between setup() and
// finish().
class Transfer {
 public:
  Transfer(const HttpRequest& request, const CurlHttpClientOptions& options)
      : request_(request), options_(options) {}
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  std::optional<Error> setup();
  CURL* handle() const { return easy_.get(); }
  void mark_started() { started_ = std::chrono::steady_clock::now(); }
  Result<HttpResponse> finish(CURLcode code);
  Error error(ErrorCode code, std::string_view reason) const {
    return request_error(request_, code, reason);
  }

 private:
  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self);
  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
  static int on_progress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
  void add_header_line(std::string_view line);

  const HttpRequest& request_;
  const CurlHttpClientOptions& options_;
  EasyHandle easy_;
  StringList request_headers_;
  std::string body_;
  std::map<std::string, std::string> headers_;
  std::string last_header_;
  bool out_of_memory_ = false;
  std::array<char, CURL_ERROR_SIZE> error_buffer_{};
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

std::optional<Error> Transfer::setup() {
  if (!is_method_token(request_.method)) {
    return error(ErrorCode::invalid_config,
                 "invalid HTTP method \"" + printable(request_.method) + "\"");
  }
  easy_ = EasyHandle(curl_easy_init());
  if (!easy_) {
    return error(ErrorCode::network, "cannot create a curl handle");
  }
  const auto append = [&](const std::string& line) {
    curl_slist* grown = curl_slist_append(request_headers_.get(), line.c_str());
    if (grown == nullptr) {
      return false;  // the list is unchanged and still owned
    }
    (void)request_headers_.release();  // `grown` is the same list, possibly a new head
    request_headers_.reset(grown);
    return true;
  };
  for (const auto& [name, value] : request_.headers) {
    if (!is_header_name(name) || has_control_characters(value)) {
      return error(ErrorCode::invalid_config, "invalid request header \"" + printable(name) +
                                                  "\" (names are tokens, values one line)");
    }
    // "Name;" is curl's spelling for a header sent with an empty value.
    if (!append(value.empty() ? name + ";" : name + ": " + value)) {
      return error(ErrorCode::network, "out of memory building request headers");
    }
  }
  // Without this curl sends "Expect: 100-continue" for large bodies and may stall for a second
  // waiting on servers that never answer it.
  if (!has_header(request_.headers, "expect") && !append("Expect:")) {
    return error(ErrorCode::network, "out of memory building request headers");
  }

  CURL* h = easy_.get();
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer_.data());
  curl_easy_setopt(h, CURLOPT_URL, request_.url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM-based DNS timeouts
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, options_.max_redirects > 0 ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, static_cast<long>(options_.max_redirects));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(std::max<std::int64_t>(request_.timeout.count(), 0)));
  if (!options_.user_agent.empty()) {
    curl_easy_setopt(h, CURLOPT_USERAGENT, options_.user_agent.c_str());
  }
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, request_headers_.get());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &Transfer::on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, this);
  if (options_.stop != nullptr) {
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &Transfer::on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, this);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  }

  // The body is not copied: request_ outlives the transfer.
  const auto set_body = [&] {
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request_.body.size()));
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request_.body.data());
  };
  if (request_.method == "GET") {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  } else if (request_.method == "HEAD") {
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  } else if (request_.method == "POST") {
    set_body();
  } else {
    if (!request_.body.empty()) {
      set_body();
    }
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request_.method.c_str());
  }
  return std::nullopt;
}

// Callbacks run inside libcurl's C frames, where an exception must not unwind: running out of
// memory aborts the transfer instead (curl then reports a write error).
std::size_t Transfer::on_body(char* data, std::size_t size, std::size_t count, void* self) {
  auto* transfer = static_cast<Transfer*>(self);
  try {
    transfer->body_.append(data, size * count);
  } catch (const std::bad_alloc&) {
    transfer->out_of_memory_ = true;
    return 0;
  }
  return size * count;
}

// Nonzero aborts the transfer with CURLE_ABORTED_BY_CALLBACK.
int Transfer::on_progress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<Transfer*>(self)->options_.stop->signal() != 0 ? 1 : 0;
}

std::size_t Transfer::on_header(char* data, std::size_t size, std::size_t count, void* self) {
  auto* transfer = static_cast<Transfer*>(self);
  try {
    transfer->add_header_line(std::string_view(data, size * count));
  } catch (const std::bad_alloc&) {
    transfer->out_of_memory_ = true;
    return 0;
  }
  return size * count;
}

void Transfer::add_header_line(std::string_view line) {
  if (line.rfind("HTTP/", 0) == 0) {
    // A new status line: a redirect hop, a 100 Continue or a proxy CONNECT answer came first.
    // Only the final response's headers are reported.
    headers_.clear();
    last_header_.clear();
    return;
  }
  if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
    if (!last_header_.empty() && !trim(line).empty()) {  // obsolete line folding
      headers_[last_header_] += " " + std::string(trim(line));
    }
    return;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) {
    return;  // the blank line ending the headers
  }
  last_header_ = to_lower(trim(line.substr(0, colon)));
  headers_[last_header_] = std::string(trim(line.substr(colon + 1)));
}

Result<HttpResponse> Transfer::finish(CURLcode code) {
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started_);
  if (out_of_memory_) {
    return error(ErrorCode::network, "out of memory storing the response");
  }
  if (code != CURLE_OK) {
    std::string reason = curl_easy_strerror(code);
    std::string detail(error_buffer_.data());
    // curl's detail rarely quotes the URL, but when it does it must not leak a secret.
    for (auto at = detail.find(request_.url); !request_.url.empty() && at != std::string::npos;
         at = detail.find(request_.url, at)) {
      const std::string redacted = redact_url(request_.url);
      detail.replace(at, request_.url.size(), redacted);
      at += redacted.size();
    }
    if (!detail.empty() && detail != reason) {
      reason += " (" + detail + ")";
    }
    if (code == CURLE_ABORTED_BY_CALLBACK) {
      reason = "interrupted by " + signal_name(options_.stop->signal());
    }
    return error(classify(code), reason);
  }
  long status = 0;
  curl_easy_getinfo(easy_.get(), CURLINFO_RESPONSE_CODE, &status);
  HttpResponse response;
  response.status = static_cast<int>(status);
  response.headers = std::move(headers_);
  response.body = std::move(body_);
  response.elapsed = elapsed;
  return response;
}

bool is_sensitive_parameter(std::string_view name) {
  static constexpr std::array<std::string_view, 11> kSuffixes = {
      "key", "token", "secret",     "password",    "passwd", "signature",
      "sig", "auth",  "credential", "credentials", "session"};
  const std::string lower = to_lower(name);
  return std::any_of(kSuffixes.begin(), kSuffixes.end(), [&](std::string_view suffix) {
    return lower.size() >= suffix.size() &&
           std::string_view(lower).substr(lower.size() - suffix.size()) == suffix;
  });
}

}  // namespace

std::string redact_url(std::string_view url) {
  url = url.substr(0, url.find('#'));
  std::string out;
  const auto scheme_end = url.find("://");
  const std::size_t authority = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  const std::size_t authority_end = std::min(url.find_first_of("/?", authority), url.size());
  const auto at = url.substr(authority, authority_end - authority).rfind('@');
  out.append(url.substr(0, authority));
  const std::size_t host = at == std::string_view::npos ? authority : authority + at + 1;
  const std::size_t query = std::min(url.find('?', authority_end), url.size());
  out.append(url.substr(host, query - host));
  if (query == url.size()) {
    return out;
  }
  out += '?';
  const std::string_view params = url.substr(query + 1);
  for (std::size_t start = 0;;) {
    const auto amp = params.find('&', start);
    const std::string_view param = params.substr(start, amp - start);
    const auto eq = param.find('=');
    if (eq != std::string_view::npos && is_sensitive_parameter(param.substr(0, eq))) {
      out.append(param.substr(0, eq + 1)).append("REDACTED");
    } else {
      out.append(param);
    }
    if (amp == std::string_view::npos) {
      return out;
    }
    out += '&';
    start = amp + 1;
  }
}

CurlHttpClient::CurlHttpClient(CurlHttpClientOptions options) : options_(std::move(options)) {
  init_error_ = curl_init_error();
}

Result<HttpResponse> CurlHttpClient::send(const HttpRequest& request) {
  if (!init_error_.empty()) {
    return request_error(request, ErrorCode::network, "cannot start libcurl: " + init_error_);
  }
  if (options_.stop != nullptr && options_.stop->signal() != 0) {
    return request_error(request, ErrorCode::interrupted,
                         "not sent: interrupted by " + signal_name(options_.stop->signal()));
  }
  Transfer transfer(request, options_);
  if (auto failed = transfer.setup()) {
    return *std::move(failed);
  }
  transfer.mark_started();
  return transfer.finish(curl_easy_perform(transfer.handle()));
}

}  // namespace arxiv_digest::net
