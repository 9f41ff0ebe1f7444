// arXiv's throttle answer: one check for the HTTP client, the feed cache and the parser.

#include <gmock/gmock.h>

#include <string>
#include <vector>

#include "arxiv_digest/feed.hpp"

namespace arxiv_digest {
namespace {

using ::testing::Each;
using ::testing::Not;
using ::testing::Truly;

const auto kRateExceeded =
    Truly([](const std::string& body) { return is_rate_exceeded_body(body); });

TEST(RateExceededBody, IsTheExactTextWithOrWithoutItsPeriod) {
  EXPECT_TRUE(is_rate_exceeded_body("Rate exceeded."));
  EXPECT_TRUE(is_rate_exceeded_body("Rate exceeded"));
}

TEST(RateExceededBody, IgnoresSurroundingWhitespace) {
  const std::vector<std::string> bodies = {"Rate exceeded.\n", "\r\n  Rate exceeded.\r\n",
                                           "\tRate exceeded \n", " Rate exceeded. "};
  EXPECT_THAT(bodies, Each(kRateExceeded));
}

TEST(RateExceededBody, AnythingElseIsNot) {
  const std::vector<std::string> bodies = {"",
                                           " \n\t ",
                                           "rate exceeded.",
                                           "RATE EXCEEDED",
                                           "Rate exceeded..",
                                           "Rate  exceeded.",
                                           "Rate exceeded. Try again later.",
                                           "Rate exceeded\nfor 127.0.0.1",
                                           "Error: Rate exceeded.",
                                           "<html><body>Rate exceeded.</body></html>",
                                           "<?xml version=\"1.0\"?><rss version=\"2.0\"/>"};
  EXPECT_THAT(bodies, Each(Not(kRateExceeded)));
}

TEST(RateExceededBody, TheParserUsesTheSameCheck) {
  for (const char* body : {"Rate exceeded.", "\nRate exceeded\n"}) {
    SCOPED_TRACE(body);
    const auto feed = parse_feed(body, "api?id_list=1");
    ASSERT_FALSE(feed.has_value());
    EXPECT_THAT(feed.error().message, ::testing::HasSubstr("arXiv throttled the request"));
  }
  const auto longer = parse_feed("Rate exceeded. Try again later.", "api?id_list=1");
  ASSERT_FALSE(longer.has_value());
  EXPECT_THAT(longer.error().message, Not(::testing::HasSubstr("throttled")));
}

}  // namespace
}  // namespace arxiv_digest
