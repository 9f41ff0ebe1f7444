#include <gtest/gtest.h>

#include "arxiv_digest/feed.hpp"

namespace arxiv_digest {
namespace {

// DESIGN difference 7: names from the RSS feed are shown as Unicode.
TEST(TexAccents, DecodesTheNamesOfDesignDifferenceSeven) {
  EXPECT_EQ(decode_tex_accents(R"(G\"ul Sena Alt{\i}nta\c{s})"), "Gül Sena Altıntaş");
  EXPECT_EQ(decode_tex_accents(R"(Michael F\"arber)"), "Michael Färber");
}

TEST(TexAccents, LeavesPlainTextUntouched) {
  EXPECT_EQ(decode_tex_accents("Caroline Wang"), "Caroline Wang");
  EXPECT_EQ(decode_tex_accents(""), "");
  EXPECT_EQ(decode_tex_accents("Ramírez (already UTF-8)"), "Ramírez (already UTF-8)");
}

TEST(TexAccents, DecodesEachSymbolAccentWithAndWithoutBraces) {
  EXPECT_EQ(decode_tex_accents(R"(\"o \"{o} {\"o})"), "ö ö ö");
  EXPECT_EQ(decode_tex_accents(R"(\'e \'{E} {\'a})"), "é É á");
  EXPECT_EQ(decode_tex_accents(R"(\`e \`{a})"), "è à");
  EXPECT_EQ(decode_tex_accents(R"(\^o \^{e})"), "ô ê");
  EXPECT_EQ(decode_tex_accents(R"(\~n \~{a})"), "ñ ã");
  EXPECT_EQ(decode_tex_accents(R"(\=a \={o})"), "ā ō");
  EXPECT_EQ(decode_tex_accents(R"(\.z \.{I})"), "ż İ");
}

TEST(TexAccents, DecodesEachLetterAccentWithBracesOrASpace) {
  EXPECT_EQ(decode_tex_accents(R"(\c{c} \c s \c{C})"), "ç ş Ç");
  EXPECT_EQ(decode_tex_accents(R"(\v{s} \v z \v{C})"), "š ž Č");
  EXPECT_EQ(decode_tex_accents(R"(\u{g} \u{a})"), "ğ ă");
  EXPECT_EQ(decode_tex_accents(R"(\H{o} \H{u})"), "ő ű");
  EXPECT_EQ(decode_tex_accents(R"(\k{a} \k{e})"), "ą ę");
  EXPECT_EQ(decode_tex_accents(R"(\r{a} \r{u})"), "å ů");
}

TEST(TexAccents, DecodesSpecialLetters) {
  EXPECT_EQ(decode_tex_accents(R"({\i} {\o} {\O} {\ss} {\ae} {\AE} {\l} {\L})"), "ı ø Ø ß æ Æ ł Ł");
  EXPECT_EQ(decode_tex_accents(R"({\aa} {\AA} {\oe} {\dh})"), "å Å œ ð");
  EXPECT_EQ(decode_tex_accents(R"(Bj\o rn)"), "Bjørn");
  EXPECT_EQ(decode_tex_accents(R"(Pawe\l{} Nowak)"), "Paweł Nowak");
  EXPECT_EQ(decode_tex_accents(R"(Pawe\l Nowak)"), "Paweł Nowak");
}

TEST(TexAccents, PutsAnAccentOnADotlessI) {
  EXPECT_EQ(decode_tex_accents(R"(\'{\i} \'\i \"{\i})"), "í í ï");
}

TEST(TexAccents, DecodesNamesFromTheRealFeeds) {
  EXPECT_EQ(decode_tex_accents(R"(\.Ibrahim O\u{g}uz \c{C}etinkaya)"), "İbrahim Oğuz Çetinkaya");
  EXPECT_EQ(decode_tex_accents(R"(Marko \v{C}echovi\v{c})"), "Marko Čechovič");
  EXPECT_EQ(decode_tex_accents(R"(Gergely Zar\'and, Mikl\'os Antal Werner)"),
            "Gergely Zaránd, Miklós Antal Werner");
  EXPECT_EQ(decode_tex_accents(R"(C\u{a}t\u{a}lin Pa\c{s}cu Moca, \"Ors Legeza)"),
            "Cătălin Paşcu Moca, Örs Legeza");
  EXPECT_EQ(decode_tex_accents(R"(Miguel Bordallo L\'opez, Manuel Lage Ca\~nellas)"),
            "Miguel Bordallo López, Manuel Lage Cañellas");
  EXPECT_EQ(decode_tex_accents(R"(Micha{\l} Kowal, {\L}ukasz, S{\o}ren, Kj{\ae}r, Gu{\dh}mundur)"),
            "Michał Kowal, Łukasz, Søren, Kjær, Guðmundur");
}

TEST(TexAccents, UsesACombiningMarkWhenNoPrecomposedLetterExists) {
  EXPECT_EQ(decode_tex_accents(R"(\c{b})"), "b\u0327");
}

TEST(TexAccents, DecodesEscapedSymbols) { EXPECT_EQ(decode_tex_accents(R"(R\&D)"), "R&D"); }

TEST(TexAccents, LeavesUnknownOrIncompleteEscapesAsWritten) {
  EXPECT_EQ(decode_tex_accents(R"(\textit{x} \alpha)"), R"(\textit{x} \alpha)");
  EXPECT_EQ(decode_tex_accents(R"(trailing \)"), R"(trailing \)");
  EXPECT_EQ(decode_tex_accents(R"(\"{} \c{ab} \'1)"), R"(\"{} \c{ab} \'1)");
  EXPECT_EQ(decode_tex_accents(R"({CMS} Collaboration)"), "{CMS} Collaboration");
}

}  // namespace
}  // namespace arxiv_digest
