#include "app/sources/feed_cache.hpp"

#include <gmock/gmock.h>

#include <nlohmann/json.hpp>

#include "fakes/fake_http_client.hpp"
#include "fakes/memory_file_system.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest::app {
namespace {

using testing::make_response;
using testing::MemoryFileSystem;

constexpr const char* kUrl = "https://rss.arxiv.org/rss/cs.AI+cs.CL";
constexpr const char* kState = "/work/state";
constexpr const char* kEtag = "\"5f3a-1b2c\"";
constexpr const char* kLastModified = "Thu, 12 Feb 2026 05:00:00 GMT";
constexpr const char* kDate = "Thu, 12 Feb 2026 06:46:51 GMT";

HttpRequest get(const std::string& url = kUrl) {
  HttpRequest request;
  request.url = url;
  return request;
}

HttpResponse ok(const std::string& body) {
  return make_response(200, body,
                       {{"ETag", kEtag}, {"Last-Modified", kLastModified}, {"Date", kDate}});
}

class FeedCacheTest : public ::testing::Test {
 protected:
  // Stores `body` for kUrl as a first run would.
  void store(const std::string& body) {
    FeedCache cache(fs_, kState);
    const auto result = cache.resolve(get(), ok(body));
    ASSERT_OK(result);
  }

  nlohmann::json index() const {
    const auto text = fs_.contents(std::string(kState) + "/http_cache.json");
    return text ? nlohmann::json::parse(*text) : nlohmann::json();
  }

  MemoryFileSystem fs_;
};

TEST_F(FeedCacheTest, FirstRequestCarriesNoValidators) {
  FeedCache cache(fs_, kState);
  HttpRequest request = get();
  cache.prepare(request);
  EXPECT_EQ(request, get());
}

TEST_F(FeedCacheTest, StoresBodyAndValidatorsOf200) {
  FeedCache cache(fs_, kState);
  const auto result = cache.resolve(get(), ok("<rss>today</rss>"));
  ASSERT_OK(result);
  EXPECT_EQ(*result, std::nullopt);  // use response.body
  const std::string file = feed_cache_file(kUrl);
  EXPECT_EQ(index(), nlohmann::json::parse(R"({")" + std::string(kUrl) + R"(": {
      "etag": "\"5f3a-1b2c\"", "last_modified": "Thu, 12 Feb 2026 05:00:00 GMT",
      "file": ")" + file + R"(", "fetched_at": "Thu, 12 Feb 2026 06:46:51 GMT"}})"));
  EXPECT_EQ(fs_.contents(std::string(kState) + "/" + file), "<rss>today</rss>");
  // Body first, then the index that names it.
  EXPECT_EQ(fs_.files_written(),
            (std::vector<std::string>{std::string(kState) + "/" + file,
                                      std::string(kState) + "/http_cache.json"}));
}

TEST_F(FeedCacheTest, NextRunSendsIfNoneMatchAndIfModifiedSince) {
  store("<rss/>");
  FeedCache cache(fs_, kState);  // a new run reads the index from the file system
  HttpRequest request = get();
  request.headers["User-Agent"] = "arxiv-digest/0.1.0";
  cache.prepare(request);
  EXPECT_EQ(request.headers,
            (std::map<std::string, std::string>{{"User-Agent", "arxiv-digest/0.1.0"},
                                                {"If-None-Match", kEtag},
                                                {"If-Modified-Since", kLastModified}}));
}

TEST_F(FeedCacheTest, LeavesValidatorsTheRequestAlreadyHas) {
  store("<rss/>");
  FeedCache cache(fs_, kState);
  HttpRequest request = get();
  request.headers["if-none-match"] = "\"mine\"";
  cache.prepare(request);
  EXPECT_EQ(request.headers,
            (std::map<std::string, std::string>{{"if-none-match", "\"mine\""},
                                                {"If-Modified-Since", kLastModified}}));
}

TEST_F(FeedCacheTest, SendsOnlyTheValidatorsTheServerGave) {
  FeedCache first(fs_, kState);
  ASSERT_OK(first.resolve(get(), make_response(200, "<rss/>", {{"Last-Modified", kLastModified}})));
  FeedCache cache(fs_, kState);
  HttpRequest request = get();
  cache.prepare(request);
  EXPECT_EQ(request.headers,
            (std::map<std::string, std::string>{{"If-Modified-Since", kLastModified}}));
}

TEST_F(FeedCacheTest, NotModifiedReturnsTheStoredBody) {
  store("<rss>cached</rss>");
  const std::size_t writes = fs_.write_attempts();
  FeedCache cache(fs_, kState);
  const auto result = cache.resolve(get(), make_response(304, ""));
  ASSERT_OK(result);
  EXPECT_EQ(*result, "<rss>cached</rss>");
  EXPECT_EQ(fs_.write_attempts(), writes);
}

TEST_F(FeedCacheTest, NotModifiedWithNothingStoredIsAnError) {
  FeedCache cache(fs_, kState);
  const auto result = cache.resolve(get(), make_response(304, ""));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::http_status);
  EXPECT_EQ(result.error().message, std::string("GET ") + kUrl +
                                        ": 304 Not Modified, but no copy is cached in "
                                        "/work/state/http_cache.json");
}

TEST_F(FeedCacheTest, MissingBodyFileMeansNoValidatorsAndA304IsAnIoError) {
  fs_.add_file(std::string(kState) + "/http_cache.json",
               R"({"https://rss.arxiv.org/rss/cs.AI+cs.CL": {"etag": "\"x\"", "last_modified": "",
                   "file": "feeds/gone.xml", "fetched_at": ""}})");
  FeedCache cache(fs_, kState);
  HttpRequest request = get();
  cache.prepare(request);
  EXPECT_TRUE(request.headers.empty());
  const auto result = cache.resolve(get(), make_response(304, ""));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::io);
  EXPECT_THAT(result.error().message, ::testing::HasSubstr("/work/state/feeds/gone.xml"))
      << result.error().message;
}

TEST_F(FeedCacheTest, NeverStoresANon2xxBody) {
  FeedCache cache(fs_, kState);
  for (const int status : {203, 206, 404, 429, 500, 503}) {
    const auto result =
        cache.resolve(get(), make_response(status, "<html>error</html>", {{"ETag", kEtag}}));
    ASSERT_OK(result);
    EXPECT_EQ(*result, std::nullopt);
  }
  EXPECT_TRUE(fs_.files().empty());
}

TEST_F(FeedCacheTest, NeverStoresRateExceeded) {
  FeedCache cache(fs_, kState);
  ASSERT_OK(cache.resolve(get(), ok("Rate exceeded.\n")));
  EXPECT_TRUE(fs_.files().empty());
}

TEST_F(FeedCacheTest, NeverStoresRateExceededWithoutItsPeriodEither) {
  FeedCache cache(fs_, kState);
  ASSERT_OK(cache.resolve(get(), ok("\r\nRate exceeded \r\n")));
  EXPECT_TRUE(fs_.files().empty());
}

TEST_F(FeedCacheTest, DoesNotStoreABodyWithoutValidatorsAndForgetsTheOldOne) {
  store("<rss>old</rss>");
  FeedCache cache(fs_, kState);
  ASSERT_OK(cache.resolve(get(), make_response(200, "<rss>new</rss>")));
  EXPECT_EQ(index(), nlohmann::json::object());
  HttpRequest request = get();
  cache.prepare(request);
  EXPECT_TRUE(request.headers.empty());
}

TEST_F(FeedCacheTest, A200ReplacesTheStoredCopy) {
  store("<rss>monday</rss>");
  FeedCache cache(fs_, kState);
  ASSERT_OK(cache.resolve(get(), make_response(200, "<rss>tuesday</rss>", {{"ETag", "\"t\""}})));
  FeedCache next(fs_, kState);
  EXPECT_EQ(*next.resolve(get(), make_response(304, "")), "<rss>tuesday</rss>");
  HttpRequest request = get();
  next.prepare(request);
  EXPECT_EQ(request.headers, (std::map<std::string, std::string>{{"If-None-Match", "\"t\""}}));
}

TEST_F(FeedCacheTest, KeepsOneEntryPerUrl) {
  const std::string atom = "https://rss.arxiv.org/atom/cs.AI+cs.CL";
  FeedCache cache(fs_, kState);
  ASSERT_OK(cache.resolve(get(), ok("<rss/>")));
  ASSERT_OK(cache.resolve(get(atom), ok("<feed/>")));
  EXPECT_EQ(*cache.resolve(get(), make_response(304, "")), "<rss/>");
  EXPECT_EQ(*cache.resolve(get(atom), make_response(304, "")), "<feed/>");
  EXPECT_EQ(index().size(), 2U);
}

TEST_F(FeedCacheTest, FileNamesAreSafeAndDistinct) {
  EXPECT_TRUE(feed_cache_file(kUrl).starts_with("feeds/rss.arxiv.org_rss_cs.AI+cs.CL-"))
      << feed_cache_file(kUrl);
  const std::string api =
      "https://export.arxiv.org/api/query?search_query=%28cat:cs.AI+OR+cat:cs.CL%29+AND+"
      "submittedDate:%5B202602010000+TO+202602122359%5D&sortBy=submittedDate&start=2000";
  for (const auto& name : {feed_cache_file(api), feed_cache_file("http://../../etc/passwd"),
                           feed_cache_file("https://a/b?c=d e")}) {
    const std::string base = name.substr(6);  // after "feeds/"
    EXPECT_EQ(base.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                     "0123456789._+-"),
              std::string::npos)
        << name;
    EXPECT_NE(base.front(), '.') << name;
    EXPECT_LE(base.size(), 80U + 1 + 16 + 4) << name;
  }
  // Same cut and replacements, different URL: different file.
  EXPECT_NE(feed_cache_file("https://a/x_y"), feed_cache_file("https://a/x/y"));
  EXPECT_NE(feed_cache_file(api), feed_cache_file(api + "0"));
  EXPECT_EQ(feed_cache_file(api), feed_cache_file(api));
}

TEST_F(FeedCacheTest, ACorruptIndexIsTreatedAsEmptyAndRewritten) {
  fs_.add_file(std::string(kState) + "/http_cache.json", "{not json");
  FeedCache cache(fs_, kState);
  HttpRequest request = get();
  cache.prepare(request);
  EXPECT_TRUE(request.headers.empty());
  ASSERT_OK(cache.resolve(get(), ok("<rss/>")));
  EXPECT_EQ(index()[kUrl]["etag"], kEtag);
}

TEST_F(FeedCacheTest, AFailedBodyWriteLeavesTheIndexAlone) {
  store("<rss>old</rss>");
  const auto before = fs_.files();
  fs_.fail_write_at(1);
  FeedCache cache(fs_, kState);
  const auto result =
      cache.resolve(get(), make_response(200, "<rss>new</rss>", {{"ETag", "\"n\""}}));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::io);
  EXPECT_EQ(fs_.files(), before);
  // Memory still matches the disk: the old validator is sent.
  HttpRequest request = get();
  cache.prepare(request);
  EXPECT_EQ(request.headers.at("If-None-Match"), kEtag);
}

TEST_F(FeedCacheTest, AFailedIndexWriteKeepsMemoryInStepWithDisk) {
  FeedCache cache(fs_, kState);
  fs_.fail_write_at(2);  // the body is written, the index is not
  const auto result = cache.resolve(get(), ok("<rss/>"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::io);
  HttpRequest request = get();
  cache.prepare(request);
  EXPECT_TRUE(request.headers.empty());
}

TEST_F(FeedCacheTest, ForgetDropsTheEntry) {
  store("<html>not a feed</html>");
  FeedCache cache(fs_, kState);
  ASSERT_OK(cache.forget(kUrl));
  ASSERT_OK(cache.forget("https://never.stored/"));
  HttpRequest request = get();
  cache.prepare(request);
  EXPECT_TRUE(request.headers.empty());
  EXPECT_EQ(index(), nlohmann::json::object());
}

}  // namespace
}  // namespace arxiv_digest::app
