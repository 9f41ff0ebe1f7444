#pragma once
// The English number forms a keyword's last word also matches in word mode: "LLM" ~ "LLMs",
// "policy" ~ "policies", "model" ~ "models", "box" ~ "boxes", and back from a plural keyword.
// The singular is found as Lucene's EnglishMinimalStemmer finds it (only -s, -es and -ies are
// undone, and words ending in -us, -ss, -ies after a vowel, ... are left alone); the plurals are
// then spelled from that singular. Possessives need nothing here: "LLM's" is the word "LLM"
// followed by the tokens "'" and "s".

#include <string>
#include <string_view>
#include <vector>

namespace arxiv_digest {

// `word` in ASCII lowercase. Returns it first, then its other forms, each once. A word that does
// not end in an ASCII letter, holds a non-ASCII byte, or is shorter than two bytes has no other
// forms; a singular under
// three letters is not used ("gas" keeps "gas" and "gases" only).
std::vector<std::string> word_forms(std::string_view word);

// Lucene's EnglishMinimalStemmer: "policies" → "policy", "models" → "model", "caches" → "cache";
// "bus", "class" and words under three letters stay as they are. ASCII lowercase.
std::string minimal_singular(std::string_view word);

}  // namespace arxiv_digest
