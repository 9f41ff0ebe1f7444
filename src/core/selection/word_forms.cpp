#include "core/selection/word_forms.hpp"

#include <algorithm>

namespace arxiv_digest {
namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool ends_with(std::string_view word, std::string_view tail) {
  return word.size() >= tail.size() && word.substr(word.size() - tail.size()) == tail;
}

void add_form(std::vector<std::string>& forms, std::string form) {
  if (std::find(forms.begin(), forms.end(), form) == forms.end()) {
    forms.push_back(std::move(form));
  }
}

}  // namespace

std::string minimal_singular(std::string_view word) {
  const std::size_t n = word.size();
  if (n < 3 || word[n - 1] != 's') {
    return std::string(word);
  }
  switch (word[n - 2]) {
    case 'u':
    case 's':
      return std::string(word);
    case 'e':
      if (n > 3 && word[n - 3] == 'i' && word[n - 4] != 'a' && word[n - 4] != 'e') {
        return std::string(word.substr(0, n - 3)) + "y";
      }
      if (word[n - 3] == 'i' || word[n - 3] == 'a' || word[n - 3] == 'o' || word[n - 3] == 'e') {
        return std::string(word);
      }
      break;
    default:
      break;
  }
  return std::string(word.substr(0, n - 1));
}

std::vector<std::string> word_forms(std::string_view word) {
  std::vector<std::string> forms{std::string(word)};
  const bool ascii = std::all_of(word.begin(), word.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (word.size() < 2 || !ascii || !is_ascii_letter(word.back())) {
    return forms;  // English number forms only for English-looking words
  }
  // A singular under three letters is too likely another word: "gas" must not match "GA".
  std::string singular = minimal_singular(word);
  if (singular.size() < 3) {
    singular = word;
  }
  add_form(forms, singular);
  // Plurals spelled from the singular: -es after a sibilant ("boxes", "matches", "classes"),
  // -ies for a consonant + y ("policies"), -s otherwise ("models", "LLMs", "caches").
  if (ends_with(singular, "s") || ends_with(singular, "x") || ends_with(singular, "z") ||
      ends_with(singular, "ch") || ends_with(singular, "sh")) {
    add_form(forms, singular + "es");
  } else if (singular.size() >= 2 && singular.back() == 'y' &&
             !is_vowel(singular[singular.size() - 2])) {
    add_form(forms, singular.substr(0, singular.size() - 1) + "ies");
  } else {
    add_form(forms, singular + "s");
  }
  return forms;
}

}  // namespace arxiv_digest
