#pragma once
// The effects the app needs, as small interfaces (leveldb's Env cut to ninja's size).
// Real adapters are built in main only; tests pass fakes from tests/fakes/. Ports travel as
// references that outlive the call.

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "arxiv_digest/result.hpp"

namespace arxiv_digest {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::map<std::string, std::string> headers;  // names as sent
  std::string body;
  std::chrono::milliseconds timeout{30000};
  bool operator==(const HttpRequest&) const = default;
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::chrono::milliseconds elapsed{0};
};

// One request in, one response (any status) or a network/timeout Error out. No retries inside:
// retry and politeness policies live in app, over this port.
class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

// What tells one version of a file from another without reading it: a write changes
// `modified_ns` (nanoseconds, as the file system keeps it) or `size`. A fresh checkout changes
// every file's modified_ns, so callers that must know whether the content changed compare a
// hash after a mismatch. (The inode is left out: copies and checkouts change it without a new
// version, and a write through rename already moves modified_ns.)
struct FileStat {
  std::uint64_t size = 0;
  std::int64_t modified_ns = 0;  // last modification, nanoseconds since the epoch
  bool operator==(const FileStat&) const = default;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual Result<std::string> read(const std::string& path) = 0;
  // Writes to a temporary file beside `path`, then renames: readers see old or new, never half.
  // Creates missing parent folders.
  virtual Result<void> write_atomic(const std::string& path, std::string_view bytes) = 0;
  virtual bool exists(const std::string& path) = 0;
  // Size and modification time of the regular file at `path`; an io Error when absent.
  virtual Result<FileStat> stat(const std::string& path) = 0;
  // Regular files directly in `dir` whose names end in `suffix`, sorted by name, as full paths.
  virtual Result<std::vector<std::string>> list(const std::string& dir,
                                                std::string_view suffix) = 0;
};

// One mail to hand to an SMTP server. The password is a secret: adapters never put it in a
// message, a log or an error.
struct MailRequest {
  std::string url;          // smtp://host[:port] (STARTTLS) or smtps://host[:port]; no credentials
  bool require_tls = true;  // smtp:// fails unless the server upgrades to TLS
  std::string from;         // envelope sender
  std::vector<std::string> to;
  std::string username;  // "" = no AUTH
  std::string password;
  std::string message;  // RFC 5322, CRLF line ends
  std::chrono::milliseconds timeout{60000};
  std::string ca_file;  // a CA bundle to trust instead of the system's ("" = the system's)
};

// Sends one mail, or says why not: ErrorCode::network for a refused or dropped connection or a
// temporary refusal (an SMTP 4xx reply), timeout, unauthorized (AUTH rejected), http_status for
// a permanent refusal (an SMTP 5xx reply: the code is in the message), invalid_config for a
// request that cannot be sent as given (no STARTTLS where TLS is required). No retries inside.
class MailSender {
 public:
  virtual ~MailSender() = default;
  virtual Result<void> send(const MailRequest& request) = 0;
};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() = 0;
  virtual void sleep(std::chrono::milliseconds duration) = 0;
};

// Whether the user asked the process to stop (SIGINT, SIGTERM). The HTTP adapter aborts the
// transfers in flight and sends no new ones once it is set, the clock cuts its sleeps short, and a
// run keeps the summaries it already received and stops before writing its outputs.
class StopRequest {
 public:
  virtual ~StopRequest() = default;
  // 0 while the work should go on; the signal's number once asked to stop.
  virtual int signal() const = 0;
};

class HistoryIndex;  // history_index.hpp: the derived index of the archive

struct Ports {
  HttpClient& http;
  FileSystem& fs;
  Clock& clock;
  HistoryIndex& history;
  MailSender& mail;
  StopRequest& stop;
};

}  // namespace arxiv_digest
