#include "net/curl_mail_sender.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "net/curl_handles.hpp"

namespace arxiv_digest::net {
namespace {

// The message as curl reads it, in pieces, during the upload.
struct Upload {
  std::string_view rest;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->rest.size());
  upload->rest.copy(buffer, n);
  upload->rest.remove_prefix(n);
  return n;
}

// scheme://host[:port] of the server, for messages.
std::string server_of(std::string_view url) {
  const std::size_t scheme = url.find("://");
  const std::size_t end =
      url.find_first_of("/?#", scheme == std::string_view::npos ? 0 : scheme + 3);
  return std::string(url.substr(0, end));
}

ErrorCode classify(CURLcode code, long reply) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return ErrorCode::timeout;
    case CURLE_LOGIN_DENIED:
      return ErrorCode::unauthorized;
    case CURLE_USE_SSL_FAILED:
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return ErrorCode::invalid_config;
    default:
      // A 5xx reply is a permanent refusal (RFC 5321 4.2.1); a 4xx one, or none, may pass.
      return reply >= 500 && reply <= 599 ? ErrorCode::http_status : ErrorCode::network;
  }
}

}  // namespace

Result<void> CurlMailSender::send(const MailRequest& request) {
  const std::string server = server_of(request.url);
  if (!curl_init_error().empty()) {
    return Error{ErrorCode::network,
                 "SMTP " + server + ": cannot start libcurl: " + curl_init_error()};
  }
  EasyHandle easy(curl_easy_init());
  if (!easy) {
    return Error{ErrorCode::network, "SMTP " + server + ": cannot create a curl handle"};
  }
  CURL* h = easy.get();
  std::array<char, CURL_ERROR_SIZE> error_buffer{};
  StringList recipients;
  for (const std::string& to : request.to) {
    curl_slist* more = curl_slist_append(recipients.get(), to.c_str());
    if (more == nullptr) {
      return Error{ErrorCode::network, "SMTP " + server + ": out of memory"};
    }
    recipients.release();
    recipients.reset(more);
  }
  Upload upload{request.message};
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer.data());
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_USE_SSL,
                   static_cast<long>(request.require_tls ? CURLUSESSL_ALL : CURLUSESSL_NONE));
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!request.ca_file.empty()) {
    curl_easy_setopt(h, CURLOPT_CAINFO, request.ca_file.c_str());
  }
  if (!request.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, request.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, request.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, request.from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request.message.size()));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
  if (request.timeout.count() > 0) {
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  }
  const CURLcode code = curl_easy_perform(h);
  if (code == CURLE_OK) {
    return {};
  }
  long reply = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
  std::string reason = curl_easy_strerror(code);
  const std::string detail(error_buffer.data());
  if (!detail.empty() && detail != reason) {
    reason += " (" + detail + ")";
  }
  if (reply > 0) {
    reason += ", server replied " + std::to_string(reply);
  }
  if (code == CURLE_USE_SSL_FAILED) {
    reason += "; the server offers no STARTTLS: use smtps:// or a server that does";
  }
  return Error{classify(code, reply), "SMTP " + server + ": " + reason};
}

}  // namespace arxiv_digest::net
