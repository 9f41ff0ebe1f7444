#include <gmock/gmock.h>

#include <pugixml.hpp>

#include "arxiv_digest/atom_feed.hpp"

namespace arxiv_digest {
namespace {

ArchiveRecord record(const std::string& id, int rank) {
  ArchiveRecord r;
  r.digest_date = "2026-02-12";
  r.rank = rank;
  r.paper.id = id;
  r.paper.title = "Paper " + id;
  r.paper.link = "https://arxiv.org/abs/" + id;
  r.paper.authors = {"Ada Lovelace", "Alan Turing"};
  r.paper.categories = {"cs.LG", "cs.AI"};
  r.paper.primary_category = "cs.LG";
  r.paper.published = "2026-02-12";
  r.paper.abstract = "The abstract of " + id + ".";
  return r;
}

AtomFeedOptions options() {
  AtomFeedOptions o;
  o.id = "urn:arxiv-digest:cs.AI+cs.LG";
  o.title = "arXiv digest: cs.AI, cs.LG";
  o.self_link = "feed.xml";
  o.updated = "2026-02-12T06:46:51Z";
  o.generator_version = "0.1.0";
  return o;
}

pugi::xml_document parse(const std::string& xml) {
  pugi::xml_document doc;
  const auto result = doc.load_buffer(xml.data(), xml.size());
  EXPECT_TRUE(result) << result.description() << " at byte " << result.offset << "\n" << xml;
  return doc;
}

TEST(AtomFeedWriter, OneEntryPerDigestPaperInRankOrder) {
  auto second = record("2602.00002", 2);
  second.summary = Summary{};
  second.summary->text = "An AI summary.";
  second.paper.updated = "2026-02-13";
  auto below = record("2602.00009", 0);
  below.rank.reset();
  const std::string xml = write_atom_feed({second, record("2602.00001", 1), below}, options());
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>", 0), 0u);

  const auto doc = parse(xml);
  const pugi::xml_node feed = doc.child("feed");
  ASSERT_TRUE(feed);
  EXPECT_STREQ(feed.attribute("xmlns").value(), "http://www.w3.org/2005/Atom");
  EXPECT_STREQ(feed.child_value("id"), "urn:arxiv-digest:cs.AI+cs.LG");
  EXPECT_STREQ(feed.child_value("title"), "arXiv digest: cs.AI, cs.LG");
  EXPECT_STREQ(feed.child_value("updated"), "2026-02-12T06:46:51Z");
  EXPECT_STREQ(feed.child("link").attribute("rel").value(), "self");
  EXPECT_STREQ(feed.child("author").child_value("name"), "arxiv-digest");
  EXPECT_STREQ(feed.child("generator").attribute("version").value(), "0.1.0");

  std::vector<pugi::xml_node> entries;
  for (const auto entry : feed.children("entry")) {
    entries.push_back(entry);
  }
  ASSERT_EQ(entries.size(), 2u);  // the candidate below the cut is not in the digest
  const pugi::xml_node first = entries[0];
  EXPECT_STREQ(first.child_value("id"), "https://arxiv.org/abs/2602.00001");
  EXPECT_STREQ(first.child_value("title"), "Paper 2602.00001");
  EXPECT_STREQ(first.child("link").attribute("href").value(), "https://arxiv.org/abs/2602.00001");
  EXPECT_STREQ(first.child("link").attribute("rel").value(), "alternate");
  std::vector<std::string> authors;
  for (const auto author : first.children("author")) {
    authors.push_back(author.child_value("name"));
  }
  EXPECT_EQ(authors, (std::vector<std::string>{"Ada Lovelace", "Alan Turing"}));
  EXPECT_STREQ(first.child_value("updated"), "2026-02-12T00:00:00Z");
  EXPECT_STREQ(first.child_value("published"), "2026-02-12T00:00:00Z");
  EXPECT_STREQ(first.child_value("summary"), "The abstract of 2602.00001.");
  EXPECT_STREQ(first.child("summary").attribute("type").value(), "text");
  std::vector<std::string> categories;
  for (const auto category : first.children("category")) {
    categories.push_back(category.attribute("term").value());
  }
  EXPECT_EQ(categories, (std::vector<std::string>{"cs.LG", "cs.AI"}));

  EXPECT_STREQ(entries[1].child_value("summary"), "An AI summary.");  // AI summary wins
  EXPECT_STREQ(entries[1].child_value("updated"), "2026-02-13T00:00:00Z");
}

TEST(AtomFeedWriter, OddCharactersAreEscapedOrStripped) {
  auto r = record("2602.00001", 1);
  r.paper.title = "a < b && c > d ]]> \"q\" 'a' \xF0\x9F\xA4\x96 \x01\x08\x0Bgone\x7F";
  r.paper.authors = {"O'Brien & <Sons>"};
  r.paper.abstract = "tab\there\nnew line ]]> <![CDATA[ x ]]> bad\xFFutf8 \xEF\xBF\xBF";
  const std::string xml = write_atom_feed({r}, options());
  EXPECT_THAT(xml, ::testing::Not(::testing::HasSubstr("]]>")));  // '>' is written as &gt;
  EXPECT_THAT(xml, ::testing::Not(::testing::HasSubstr(std::string(1, '\x01'))));
  EXPECT_THAT(xml, ::testing::Not(::testing::HasSubstr(std::string(1, '\x7F'))));
  EXPECT_THAT(xml, ::testing::Not(::testing::HasSubstr(std::string(1, '\xFF'))));

  const auto doc = parse(xml);
  const pugi::xml_node entry = doc.child("feed").child("entry");
  EXPECT_STREQ(entry.child_value("title"), "a < b && c > d ]]> \"q\" 'a' \xF0\x9F\xA4\x96 gone");
  EXPECT_STREQ(entry.child("author").child_value("name"), "O'Brien & <Sons>");
  EXPECT_STREQ(entry.child_value("summary"),
               "tab\there\nnew line ]]> <![CDATA[ x ]]> bad\xEF\xBF\xBDutf8 \xEF\xBF\xBD");
}

TEST(AtomFeedWriter, SafeTextKeepsValidUtf8AndReplacesTheRest) {
  EXPECT_EQ(xml_safe_text("héllo 注意 \xF0\x9F\x98\x80"), "héllo 注意 \xF0\x9F\x98\x80");
  EXPECT_EQ(xml_safe_text(std::string_view("a\0b", 3)), "ab");
  EXPECT_EQ(xml_safe_text("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(xml_safe_text("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(xml_safe_text("\xE6\xB3"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // cut sequence
}

TEST(AtomFeedWriter, EmptyDigestIsAValidFeedWithoutEntries) {
  const auto doc = parse(write_atom_feed({}, options()));
  EXPECT_TRUE(doc.child("feed"));
  EXPECT_FALSE(doc.child("feed").child("entry"));
}

}  // namespace
}  // namespace arxiv_digest
