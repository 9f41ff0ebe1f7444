#pragma once
// A cpp-httplib fake of arXiv's OAI-PMH server (https://oaipmh.arxiv.org/oai) on 127.0.0.1,
// shaped on ../shared/data/oai/FACTS.md section 1 and the captured pages beside it. Only
// ListRecords, over GET at `path` (default /oai; any other path is a 404):
//
//   verb=ListRecords&metadataPrefix=P[&from=D][&until=D][&set=S]    a first request
//   verb=ListRecords&resumptionToken=T                              the next page
//
// Streams: set_stream(set, pages) holds a list of full OAI-PMH documents (captured or
// synthetic_oai_pages) per set; the "" stream answers requests without a set and with any set
// that has no stream of its own. A first request is answered from the first page that holds a
// record whose <datestamp> is >= from (all of it, earlier records too, as a server serves a whole
// day); then the rest of the stream, page by page, by token. Each page's <resumptionToken> is
// replaced (pugixml; the rest of the page is served as given, re-serialized):
//   * a page with more after it: <resumptionToken expirationDate='next UTC midnight'>T, a token
//     of the fake's own, new at each issue, and written to need URL-encoding: it holds | & = + %
//     (a client that does not encode it sends a different token, answered badResumptionToken);
//   * the last page, reached by a token: an empty <resumptionToken/>;
//   * the last page answered to a first request (a single-page stream, or `from` past the other
//     pages): no element, as the new server does for a list that fits on one page.
//
// OAI errors are HTTP 200 documents with <error code='...'>, single-quoted as the new server
// writes them:
//   badVerb                  verb missing or other than ListRecords (the others are not faked)
//   badArgument              a repeated argument; an argument ListRecords does not have; no
//                            metadataPrefix on a first request; from/until not YYYY-MM-DD or
//                            from > until; resumptionToken with anything but verb (exclusive)
//   cannotDisseminateFormat  metadataPrefix other than arXivRaw or arXiv (both get the same
//                            pages: the fake does not convert formats)
//   noRecordsMatch           a set with no stream (and no "" stream); no page with a datestamp
//                            >= from
//   badResumptionToken       a token never issued, or expired (expire_tokens, expired_token);
//                            "The value of the resumptionToken argument is invalid or expired."
// `until` is checked but does not cut the stream.
//
// Faults are scripted by request number (1 = the first GET, counted whatever the answer, 404s
// too) and take the place of the real answer:
//   unavailable    503, Retry-After: N, text/html, arXiv's own body:
//                  "<html><body>\n<h1>Retry after N seconds</h1>\n</body></html>\n"
//   expired_token  a request with a token: badResumptionToken, and that token stays expired for
//                  every later use (real tokens do not come back to life); a first request is
//                  answered as usual and the fault is not recorded
//   truncated      200, the real answer's bytes cut at half (Content-Length matches the cut)
//   oai_error      200, an OAI error document with the given code and message
//   dropped        headers promise the real answer's length, its first half comes, then the
//                  connection closes
//   html_200       200, text/html: a maintenance page instead of XML
//
// Every request is recorded. served(set, page) counts pages delivered whole (no fault); a page
// cut by truncated or dropped is recorded in its request (page and fault) but not counted.

#include <httplib.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/loopback_server.hpp"

namespace arxiv_digest::testing {

struct OaiFault {
  enum class Kind { unavailable, expired_token, truncated, oai_error, dropped, html_200 };
  Kind kind = Kind::unavailable;
  int retry_after_s = 10;                   // unavailable: the Retry-After header and the body's N
  std::string code = "badArgument";         // oai_error
  std::string message = "Injected error.";  // oai_error
};

// One GET, whatever was answered.
struct OaiRequest {
  std::string target;  // as sent: path and query, still URL-encoded
  std::string path;
  std::map<std::string, std::string> params;  // decoded; a repeated one keeps its last value
  std::chrono::steady_clock::time_point arrived;
  int status = 0;     // 0 for a dropped connection
  std::string set;    // the stream answered from ("" = the any-set stream), when one was
  int page = 0;       // 1-based page of that stream sent (or cut), 0 for none
  std::string error;  // the OAI error code answered, "" for none
  std::string token;  // the resumptionToken the answer carried, "" for none or empty
  std::optional<OaiFault::Kind> fault;  // the fault that took the place of the answer
};

class FakeOaiServer {
 public:
  explicit FakeOaiServer(std::string path = "/oai");
  FakeOaiServer(const FakeOaiServer&) = delete;
  FakeOaiServer& operator=(const FakeOaiServer&) = delete;
  ~FakeOaiServer();

  void start() { server_.start(); }
  void stop() { server_.stop(); }
  int port() const { return server_.port(); }
  // http://127.0.0.1:PORT/oai: the base URL a client is configured with.
  std::string base_url() const { return server_.url(path_); }

  // Replaces the stream of `set` ("" = any set). Each page must be an <OAI-PMH> document with a
  // <ListRecords>; std::invalid_argument otherwise. Tokens issued for the old stream of `set`
  // become bad. Thread-safe, as are all the members below.
  void set_stream(const std::string& set, std::vector<std::string> pages);
  // `request_number` counts from 1 over all GETs.
  void fail_request(int request_number, OaiFault fault);
  // Every token issued so far answers badResumptionToken from now on; later ones are good.
  void expire_tokens();
  // Called after each request is answered, with its record (one call at a time): the
  // standalone server's log.
  void on_request(std::function<void(const OaiRequest&)> observer);

  std::vector<OaiRequest> requests() const;
  int request_count() const;
  // Times page `page` (1-based) of the stream of `set` was delivered whole.
  int served(const std::string& set, int page) const;
  // The same for every page of the stream, page 1 first.
  std::vector<int> served_counts(const std::string& set) const;

  // arXiv's 503 body for a wait of `seconds`.
  static std::string unavailable_body(int seconds);
  static constexpr std::string_view kBadTokenMessage =
      "The value of the resumptionToken argument is invalid or expired.";

 private:
  // A page split around its token element, so each answer only joins three strings.
  struct Page {
    std::string head;
    std::string tail;
    std::string max_datestamp;  // "" when the page has no record
  };
  struct Stream {
    std::vector<Page> pages;
    int generation = 0;  // set_stream count, so tokens of a replaced stream are bad
  };
  struct Token {
    std::string set;        // the stream key
    std::string requested;  // the set the first request named, written into the next token
    int generation = 0;
    std::size_t page = 0;  // 0-based page it asks for
    bool expired = false;
  };
  struct Answer {
    int status = 200;
    std::string content_type = "text/xml; charset=utf-8";
    std::string body;
    std::string set;
    int page = 0;
    std::string error;
    std::string token;
    bool whole_page = false;  // a page was answered (counted in served when no fault cuts it)
  };

  void routes();
  Answer answer(const httplib::Request& req);
  Answer list_records(const httplib::Request& req);
  Answer resume(const httplib::Request& req, const std::string& token);
  Answer page_answer(const std::string& stream_key, const std::string& requested_set,
                     const std::shared_ptr<const Stream>& stream, std::size_t page, bool first);
  Answer error_answer(const httplib::Request& req, const std::string& code,
                      const std::string& message, bool with_arguments = true) const;

  std::string path_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Stream>> streams_;
  std::map<std::string, std::vector<int>> served_;
  std::map<std::string, Token> tokens_;
  std::map<int, OaiFault> faults_;
  std::vector<OaiRequest> requests_;
  long long token_serial_ = 0;
  int generation_ = 0;
  std::mutex observer_mutex_;
  std::function<void(const OaiRequest&)> observer_;
  // Last: destroyed first, while everything its handlers use still exists.
  LoopbackServer server_;
};

}  // namespace arxiv_digest::testing
