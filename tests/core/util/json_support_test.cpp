// The checked readers every untrusted JSON document goes through: integers that fit their field,
// a depth limit, and token sums that saturate.

#include "core/util/json_support.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "arxiv_digest/paper.hpp"
#include "support/test_support.hpp"

namespace arxiv_digest {
namespace {

using nlohmann::json;

// The problem a rank of `text` is, or "" when it is read.
std::string rank_problem(const std::string& text) {
  try {
    (void)optional_integer_member(json::parse(R"({"rank": )" + text + "}"), "rank", 1,
                                  std::numeric_limits<int>::max());
    return "";
  } catch (const JsonShapeError& e) {
    return e.what();
  }
}

TEST(JsonSupport, AnIntegerMemberIsReadOnlyWhenItFitsItsRange) {
  EXPECT_EQ(rank_problem("1e10"), R"("rank": expected an integer 1–2147483647, got 10000000000.0)");
  EXPECT_EQ(rank_problem("-1e300"), R"("rank": expected an integer 1–2147483647, got -1e+300)");
  EXPECT_EQ(rank_problem("3.7"), R"("rank": expected an integer 1–2147483647, got 3.7)");
  EXPECT_EQ(rank_problem("2147483648"),
            R"("rank": expected an integer 1–2147483647, got 2147483648)");
  EXPECT_EQ(rank_problem("18446744073709551615"),
            R"("rank": expected an integer 1–2147483647, got 18446744073709551615)");
  EXPECT_EQ(rank_problem(R"({"a": [1]})"),
            R"("rank": expected an integer 1–2147483647, got an object)");
  EXPECT_EQ(rank_problem("true"), R"("rank": expected an integer 1–2147483647, got true)");
  EXPECT_EQ(rank_problem("2147483647"), "");
  EXPECT_EQ(rank_problem("7.0"), "");  // a whole number, as JSON Schema counts it

  const json doc = json::parse(R"({"rank": 7.0, "none": null})");
  EXPECT_EQ(optional_integer_member(doc, "rank", 1, 10), std::optional<int>(7));
  EXPECT_EQ(optional_integer_member(doc, "none", 1, 10), std::nullopt);
  EXPECT_EQ(optional_integer_member(doc, "absent", 1, 10), std::nullopt);
  EXPECT_EQ(integer_member(doc, "rank", 1, 10), 7);
  EXPECT_THROW((void)integer_member(doc, "absent", 1, 10), JsonShapeError);
  EXPECT_THROW((void)integer_member(doc, "none", 1, 10), JsonShapeError);
}

TEST(JsonSupport, ADocumentNestedDeeperThanTheLimitIsAnError) {
  const auto depth_of = [](const std::string& text) {
    return parse_json_document<std::size_t>(text, "in.json",
                                            [](const json&) { return std::size_t{0}; });
  };
  EXPECT_TRUE(depth_of(testing::nested_json_arrays(kMaxJsonDepth)).has_value());
  for (const std::size_t depth : {std::size_t{kMaxJsonDepth} + 1, std::size_t{100000}}) {
    const auto deep = depth_of(testing::nested_json_arrays(depth));
    ASSERT_FALSE(deep.has_value()) << depth;
    EXPECT_EQ(deep.error().code, ErrorCode::malformed_input);
    EXPECT_EQ(deep.error().message, "in.json: JSON nested deeper than 64 levels");
  }
  // Objects count as levels as arrays do.
  const auto in_object = depth_of(R"({"a":)" + testing::nested_json_arrays(kMaxJsonDepth) + "}");
  ASSERT_FALSE(in_object.has_value());
  EXPECT_EQ(in_object.error().message, "in.json: JSON nested deeper than 64 levels");

  EXPECT_TRUE(parse_json_or_discarded(testing::nested_json_arrays(100000)).is_discarded());
  EXPECT_EQ(parse_json_or_discarded(testing::nested_json_arrays(2)), json::parse("[[]]"));
}

TEST(JsonSupport, TokenSumsSaturateInsteadOfOverflowing) {
  constexpr long long kMost = std::numeric_limits<long long>::max();
  EXPECT_EQ(add_tokens(120, 80), 200);
  EXPECT_EQ(add_tokens(kMost, 1), kMost);
  EXPECT_EQ(add_tokens(kMost - 1, kMost), kMost);
  Usage total{kMost - 5, 3};
  add_usage(total, Usage{10, 4});
  EXPECT_EQ(total, (Usage{kMost, 7}));
}

}  // namespace
}  // namespace arxiv_digest
