#include "support/oai_pages.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string_view>

namespace arxiv_digest::testing {
namespace {

using std::chrono::days;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

// splitmix64: fast, and the same sequence on every platform (std:: distributions are not).
class OaiPagesRng {
 public:
  explicit OaiPagesRng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31U);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
  template <typename Array>
  std::string_view pick(const Array& words) {
    return words[below(words.size())];
  }

 private:
  std::uint64_t state_;
};

constexpr std::array<std::string_view, 96> kOaiPagesWords = {"model",        "models",
                                                             "training",     "inference",
                                                             "data",         "dataset",
                                                             "benchmark",    "method",
                                                             "approach",     "framework",
                                                             "performance",  "accuracy",
                                                             "robust",       "efficient",
                                                             "scalable",     "sparse",
                                                             "dense",        "latent",
                                                             "neural",       "network",
                                                             "networks",     "attention",
                                                             "transformer",  "layer",
                                                             "layers",       "representation",
                                                             "learning",     "supervised",
                                                             "unsupervised", "reinforcement",
                                                             "policy",       "reward",
                                                             "agent",        "agents",
                                                             "gradient",     "optimization",
                                                             "convergence",  "stochastic",
                                                             "variational",  "bayesian",
                                                             "posterior",    "prior",
                                                             "distribution", "sampling",
                                                             "diffusion",    "generative",
                                                             "retrieval",    "reasoning",
                                                             "alignment",    "evaluation",
                                                             "tasks",        "downstream",
                                                             "pretrained",   "fine-tuning",
                                                             "parameters",   "memory",
                                                             "compute",      "hardware",
                                                             "throughput",   "latency",
                                                             "token",        "tokens",
                                                             "context",      "long-range",
                                                             "graph",        "kernel",
                                                             "features",     "embedding",
                                                             "embeddings",   "classifier",
                                                             "regression",   "uncertainty",
                                                             "calibration",  "theoretical",
                                                             "empirical",    "analysis",
                                                             "bounds",       "guarantees",
                                                             "we",           "propose",
                                                             "show",         "demonstrate",
                                                             "improves",     "outperforms",
                                                             "across",       "under",
                                                             "with",         "without",
                                                             "the",          "a",
                                                             "of",           "and",
                                                             "for",          "on",
                                                             "in",           "to"};

constexpr std::array<std::string_view, 48> kOaiPagesTitleWords = {"Efficient",
                                                                  "Scalable",
                                                                  "Robust",
                                                                  "Sparse",
                                                                  "Adaptive",
                                                                  "Provable",
                                                                  "Learning",
                                                                  "Attention",
                                                                  "Transformers",
                                                                  "Diffusion",
                                                                  "Agents",
                                                                  "Reasoning",
                                                                  "Retrieval",
                                                                  "Alignment",
                                                                  "Optimization",
                                                                  "Inference",
                                                                  "Representations",
                                                                  "Graphs",
                                                                  "Kernels",
                                                                  "Embeddings",
                                                                  "Calibration",
                                                                  "Uncertainty",
                                                                  "Benchmarks",
                                                                  "Policies",
                                                                  "for",
                                                                  "with",
                                                                  "via",
                                                                  "in",
                                                                  "of",
                                                                  "and",
                                                                  "Long-Context",
                                                                  "Low-Rank",
                                                                  "Multimodal",
                                                                  "Contrastive",
                                                                  "Causal",
                                                                  "Federated",
                                                                  "Distillation",
                                                                  "Pruning",
                                                                  "Tokenization",
                                                                  "Decoding",
                                                                  "Planning",
                                                                  "Memory",
                                                                  "Generalization",
                                                                  "Priors",
                                                                  "Sampling",
                                                                  "Training",
                                                                  "Evaluation",
                                                                  "Models"};

constexpr std::array<std::string_view, 24> kOaiPagesFirstNames = {
    "Alice",   "Bruno", "Chen",  "Dinesh", "Elena", "Farid", "Greta", "Hiro",
    "Ines",    "Jonas", "Keiko", "Luis",   "Maya",  "Nikos", "Olga",  "Priya",
    "Quentin", "Rosa",  "Samir", "Tanja",  "Umar",  "Vera",  "Wei",   "Yusuf"};

constexpr std::array<std::string_view, 32> kOaiPagesSurnames = {
    "Shetty",  "Yennello", "Souliotis", "Richard",  "Summers", "Nunes",   "Anderson", "Cutter",
    "Dalager", "Godfrey",  "Irving",    "Montoya",  "Morad",   "Neher",   "Stolp",    "Tripathi",
    "Zhang",   "Garcia",   "Müller",    "Kowalski", "Okafor",  "Haddad",  "Nakamura", "Rossi",
    "Dubois",  "Larsen",   "Ivanova",   "Kim",      "Silva",   "O'Neill", "Novak",    "Khan"};

// Fragments with characters a writer must escape (&, <, >) and a quote, as real abstracts have.
constexpr std::array<std::string_view, 4> kOaiPagesAsides = {
    "with error $< 10^{-3}$", "at a cost of $O(n \\log n)$", "(the \"easy\" & \"hard\" splits)",
    "for $k > 2$"};

constexpr std::array<std::string_view, 3> kOaiPagesLicenses = {
    "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
    "http://creativecommons.org/licenses/by/4.0/",
    "http://creativecommons.org/licenses/by-nc-sa/4.0/"};

constexpr std::array<std::string_view, 7> kOaiPagesWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                               "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kOaiPagesMonths = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

constexpr std::size_t kOaiPagesWrap = 80;  // arXiv's abstracts come wrapped near 80 columns

sys_days oai_pages_parse_date(const std::string& text) {
  const auto digits = [&](std::size_t at, std::size_t count) {
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
      if (text[i] < '0' || text[i] > '9') {
        throw std::invalid_argument("first_date is not YYYY-MM-DD: " + text);
      }
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    throw std::invalid_argument("first_date is not YYYY-MM-DD: " + text);
  }
  const std::chrono::year_month_day date{std::chrono::year{digits(0, 4)},
                                         std::chrono::month{static_cast<unsigned>(digits(5, 2))},
                                         std::chrono::day{static_cast<unsigned>(digits(8, 2))}};
  if (!date.ok()) {
    throw std::invalid_argument("first_date is not a date: " + text);
  }
  return sys_days{date};
}

bool oai_pages_is_weekend(sys_days day) {
  const std::chrono::weekday weekday{day};
  return weekday == std::chrono::Saturday || weekday == std::chrono::Sunday;
}

sys_days oai_pages_next_weekday(sys_days day) {
  do {
    day += days{1};
  } while (oai_pages_is_weekend(day));
  return day;
}

void oai_pages_append_number(std::string& out, long long value, int width) {
  const std::string digits = std::to_string(value);
  for (int i = static_cast<int>(digits.size()); i < width; ++i) {
    out += '0';
  }
  out += digits;
}

std::string oai_pages_iso(sys_days day) {
  const std::chrono::year_month_day date{day};
  std::string out;
  oai_pages_append_number(out, static_cast<int>(date.year()), 4);
  out += '-';
  oai_pages_append_number(out, static_cast<unsigned>(date.month()), 2);
  out += '-';
  oai_pages_append_number(out, static_cast<unsigned>(date.day()), 2);
  return out;
}

// "Tue, 3 Apr 2007 22:04:11 GMT": arXivRaw's version dates, the day of the month unpadded.
void oai_pages_append_version_date(std::string& out, sys_seconds when) {
  const sys_days day = std::chrono::floor<days>(when);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{when - day};
  out += kOaiPagesWeekdays[std::chrono::weekday{day}.c_encoding()];
  out += ", ";
  out += std::to_string(static_cast<unsigned>(date.day()));
  out += ' ';
  out += kOaiPagesMonths[static_cast<unsigned>(date.month()) - 1];
  out += ' ';
  out += std::to_string(static_cast<int>(date.year()));
  out += ' ';
  oai_pages_append_number(out, time.hours().count(), 2);
  out += ':';
  oai_pages_append_number(out, time.minutes().count(), 2);
  out += ':';
  oai_pages_append_number(out, time.seconds().count(), 2);
  out += " GMT";
}

// Appends `text` with & < > escaped; whole runs at a time, since most text has none.
void oai_pages_escape(std::string& out, std::string_view text) {
  std::size_t start = 0;
  for (std::size_t at = text.find_first_of("&<>"); at != std::string_view::npos;
       at = text.find_first_of("&<>", start)) {
    out.append(text.data() + start, at - start);
    out += text[at] == '&' ? "&amp;" : text[at] == '<' ? "&lt;" : "&gt;";
    start = at + 1;
  }
  out.append(text.data() + start, text.size() - start);
}

// Upper-cases the ASCII letter at out[at], the first of a sentence or title.
void oai_pages_capitalize(std::string& out, std::size_t at) {
  if (at < out.size() && out[at] >= 'a' && out[at] <= 'z') {
    out[at] = static_cast<char>(out[at] - 'a' + 'A');
  }
}

// "cs.LG" → "cs", "hep-th" → "physics:hep-th": the old server's setSpec of a category.
std::string oai_pages_set_spec(std::string_view category) {
  std::string archive(category.substr(0, category.find('.')));
  for (const std::string_view physics :
       {"astro-ph", "cond-mat", "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th", "math-ph", "nlin",
        "nucl-ex", "nucl-th", "physics", "quant-ph"}) {
    if (archive == physics) {
      return "physics:" + archive;
    }
  }
  return archive;
}

// Appends words to an abstract, wrapping near 80 columns as arXiv stores them.
class OaiPagesWrapper {
 public:
  // The first line is indented by two spaces, the others not, as in the captures.
  explicit OaiPagesWrapper(std::string& out) : out_(out) { out_ += "  "; }
  // `clean`: a word of the lists above, with nothing to escape (the hot path: most words).
  void word(std::string_view text, bool capital = false, bool clean = true) {
    if (!line_start_ && column_ + 1 + text.size() > kOaiPagesWrap) {
      out_ += '\n';
      column_ = 0;
      line_start_ = true;
    }
    if (!line_start_) {
      out_ += ' ';
      ++column_;
    }
    const std::size_t at = out_.size();
    if (clean) {
      out_.append(text);
    } else {
      oai_pages_escape(out_, text);
    }
    if (capital) {
      oai_pages_capitalize(out_, at);
    }
    column_ += text.size();
    line_start_ = false;
  }
  // Each word of a phrase on its own, so that wrapping may fall inside it as it does for real.
  void phrase(std::string_view text) {
    while (!text.empty()) {
      const std::size_t space = text.find(' ');
      word(text.substr(0, space), false, false);
      text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
    }
  }
  void finish() { out_ += '\n'; }

 private:
  std::string& out_;
  std::size_t column_ = 2;
  bool line_start_ = true;
};

std::string oai_pages_author(OaiPagesRng& rng, std::string* full_name) {
  const std::string_view first = rng.pick(kOaiPagesFirstNames);
  const std::string_view last = rng.pick(kOaiPagesSurnames);
  if (full_name != nullptr) {
    *full_name = std::string(first) + " " + std::string(last);
  }
  std::string out(1, first[0]);
  out += '.';
  if (rng.below(4) == 0) {  // a second initial, "D.V. Shetty"
    out += static_cast<char>('A' + rng.below(26));
    out += '.';
  }
  out += ' ';
  out += last;
  return out;
}

struct OaiPagesRecordInput {
  sys_seconds latest;  // the latest version's submission
  std::string datestamp;
  bool keyword_record = false;
  std::string_view keyword;
};

class OaiPagesWriter {
 public:
  explicit OaiPagesWriter(const SyntheticOaiOptions& options)
      : options_(options), rng_(0xA5A5'0000ULL ^ options.seed) {}

  void record(std::string& out, const OaiPagesRecordInput& input) {
    // Versions: most records have one; some were revised, v1 weeks to months before.
    const std::size_t roll = rng_.below(100);
    const int versions = roll < 5 ? 3 : roll < 15 ? 2 : 1;
    std::vector<sys_seconds> submitted(static_cast<std::size_t>(versions), input.latest);
    for (int v = versions - 2; v >= 0; --v) {
      const auto back = days{7 + static_cast<int>(rng_.below(80))} +
                        seconds{static_cast<long long>(rng_.below(86400))};
      submitted[static_cast<std::size_t>(v)] = submitted[static_cast<std::size_t>(v) + 1] - back;
    }
    const std::string id = next_id(submitted.front());

    // Categories: a primary and, one time in three, a cross-list.
    const auto& categories = options_.categories;
    const std::string_view primary = categories[rng_.below(categories.size())];
    std::string category_list(primary);
    std::vector<std::string> sets{oai_pages_set_spec(primary)};
    if (categories.size() > 1 && rng_.below(3) == 0) {
      const std::string_view cross = categories[rng_.below(categories.size())];
      if (cross != primary) {
        category_list += ' ';
        category_list += cross;
        const std::string set = oai_pages_set_spec(cross);
        if (set != sets.front()) {
          sets.push_back(set);
        }
      }
    }

    out += "<record>\n<header>\n <identifier>oai:arXiv.org:";
    out += id;
    out += "</identifier>\n <datestamp>";
    out += input.datestamp;
    out += "</datestamp>\n";
    for (const std::string& set : sets) {
      out += " <setSpec>";
      out += set;
      out += "</setSpec>\n";
    }
    out +=
        "</header>\n<metadata>\n <arXivRaw xmlns=\"http://arxiv.org/OAI/arXivRaw/\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:schemaLocation=\"http://arxiv.org/OAI/arXivRaw/ "
        "http://arxiv.org/OAI/arXivRaw.xsd\">\n <id>";
    out += id;
    out += "</id>";

    // Authors first, so that the submitter is one of them.
    std::string submitter;
    const std::size_t author_count = 1 + rng_.below(6);
    std::vector<std::string> authors;
    for (std::size_t a = 0; a < author_count; ++a) {
      authors.push_back(oai_pages_author(rng_, a == 0 ? &submitter : nullptr));
    }
    out += "<submitter>";
    oai_pages_escape(out, submitter);
    out += "</submitter>";
    for (int v = 0; v < versions; ++v) {
      out += "<version version=\"v";
      out += std::to_string(v + 1);
      out += "\"><date>";
      oai_pages_append_version_date(out, submitted[static_cast<std::size_t>(v)]);
      out += "</date><size>";
      out += std::to_string(20 + rng_.below(4000));
      out += "kb</size></version>";
    }

    out += "<title>";
    title(out, input);
    out += "</title><authors>";
    for (std::size_t a = 0; a < authors.size(); ++a) {
      if (a > 0) {
        out += authors.size() == 2 ? " and " : a + 1 == authors.size() ? ", and " : ", ";
      }
      oai_pages_escape(out, authors[a]);
    }
    out += "</authors><categories>";
    out += category_list;
    out += "</categories><comments>";
    out += std::to_string(4 + rng_.below(40));
    out += " pages, ";
    out += std::to_string(1 + rng_.below(15));
    out += " figures</comments><license>";
    out += rng_.pick(kOaiPagesLicenses);
    out += "</license><abstract>";
    abstract(out, input);
    out += "</abstract></arXivRaw>\n</metadata>\n</record>\n";
  }

 private:
  std::string next_id(sys_seconds v1) {
    const std::chrono::year_month_day date{std::chrono::floor<days>(v1)};
    const int year = static_cast<int>(date.year());
    const int yymm = (year % 100) * 100 + static_cast<int>(static_cast<unsigned>(date.month()));
    const bool five_digits = year >= 2015;  // arXiv's numbers went to 5 digits in 1501
    const int number = ++numbers_[yymm];
    if (number > (five_digits ? 99999 : 9999)) {
      throw std::invalid_argument("too many synthetic records in one month for arXiv ids");
    }
    std::string id;
    oai_pages_append_number(id, yymm, 4);
    id += '.';
    oai_pages_append_number(id, number, five_digits ? 5 : 4);
    return id;
  }

  void title(std::string& out, const OaiPagesRecordInput& input) {
    const std::size_t words = 5 + rng_.below(7);
    const std::size_t keyword_at =
        input.keyword_record && rng_.below(2) == 0 ? 1 + rng_.below(words - 1) : words;
    std::size_t column = 0;
    for (std::size_t w = 0; w < words; ++w) {
      const std::string_view word =
          w == keyword_at ? input.keyword : rng_.pick(kOaiPagesTitleWords);
      // Long titles come wrapped with a two-space indent, as in the captures.
      if (column > 0 && column + word.size() > 70) {
        out += "\n  ";
        column = 2;
      } else if (column > 0) {
        out += ' ';
        ++column;
      }
      const std::size_t at = out.size();
      oai_pages_escape(out, word);
      if (w == 0) {
        oai_pages_capitalize(out, at);
      }
      column += word.size();
    }
  }

  void abstract(std::string& out, const OaiPagesRecordInput& input) {
    OaiPagesWrapper wrap(out);
    const std::size_t start = out.size();
    bool keyword_done = !input.keyword_record;
    int sentence = 0;
    while (out.size() - start < options_.abstract_chars) {
      const std::size_t words = 10 + rng_.below(14);
      for (std::size_t w = 0; w < words; ++w) {
        wrap.word(rng_.pick(kOaiPagesWords), w == 0);
        if (!keyword_done && sentence == 1 && w == words / 2) {
          wrap.phrase(input.keyword);
          keyword_done = true;
        }
      }
      if (rng_.below(6) == 0) {
        wrap.phrase(rng_.pick(kOaiPagesAsides));
      }
      out += '.';
      ++sentence;
    }
    if (!keyword_done) {  // a one-sentence abstract (abstract_chars tiny)
      wrap.phrase(input.keyword);
      out += '.';
    }
    wrap.finish();
  }

  const SyntheticOaiOptions& options_;
  OaiPagesRng rng_;
  std::map<int, int> numbers_;  // yymm → last number used
};

void oai_pages_envelope_start(std::string& out, const std::string& response_date,
                              const std::string& first_datestamp, int page) {
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/ "
      "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd\">\n<responseDate>";
  out += response_date;
  out += "</responseDate>\n";
  if (page == 0) {
    out += "<request verb=\"ListRecords\" from=\"";
    out += first_datestamp;
    out += "\" metadataPrefix=\"arXivRaw\">";
  } else {
    out += "<request verb=\"ListRecords\" resumptionToken=\"synthetic|";
    out += std::to_string(page);
    out += "\">";
  }
  out += "https://oaipmh.arxiv.org/oai</request>\n<ListRecords>\n";
}

}  // namespace

std::vector<std::string> synthetic_oai_pages(const SyntheticOaiOptions& options) {
  if (options.pages < 1 || options.records_per_page < 1) {
    throw std::invalid_argument("synthetic_oai_pages needs pages >= 1 and records_per_page >= 1");
  }
  if (options.categories.empty()) {
    throw std::invalid_argument("synthetic_oai_pages needs at least one category");
  }
  sys_days day = oai_pages_parse_date(options.first_date);
  while (oai_pages_is_weekend(day)) {
    day += days{1};
  }
  const long long per_page = options.records_per_page;
  const long long spacing = 86400 / per_page;  // seconds between records of one day
  const long long total = per_page * options.pages;
  const std::string first_datestamp = oai_pages_iso(oai_pages_next_weekday(day));

  OaiPagesWriter writer(options);
  OaiPagesRng jitter(0x5EED'0000ULL ^ options.seed);
  std::vector<std::string> pages;
  pages.reserve(static_cast<std::size_t>(options.pages));
  long long index = 0;
  for (int p = 0; p < options.pages; ++p, day = oai_pages_next_weekday(day)) {
    const std::string datestamp = oai_pages_iso(oai_pages_next_weekday(day));
    std::string page;
    page.reserve(static_cast<std::size_t>(per_page) * (options.abstract_chars + 900) + 1024);
    oai_pages_envelope_start(page, datestamp + "T21:00:00Z", first_datestamp, p);
    for (long long r = 0; r < per_page; ++r, ++index) {
      OaiPagesRecordInput input;
      input.latest = sys_seconds{day} + seconds{r * spacing} +
                     seconds{static_cast<long long>(
                         jitter.below(static_cast<std::size_t>(std::max(1LL, spacing / 2))))};
      input.datestamp = datestamp;
      if (options.keyword_every > 0 && !options.keywords.empty() &&
          index % options.keyword_every == 0) {
        input.keyword_record = true;
        input.keyword = options.keywords[static_cast<std::size_t>(index / options.keyword_every) %
                                         options.keywords.size()];
      }
      writer.record(page, input);
    }
    if (options.pages > 1) {
      page += "<resumptionToken cursor=\"";
      page += std::to_string(p * per_page);
      page += "\" completeListSize=\"";
      page += std::to_string(total);
      page += "\">";
      if (p + 1 < options.pages) {
        page += "synthetic|";
        page += std::to_string(p + 1);
      }
      page += "</resumptionToken>\n";
    }
    page += "</ListRecords>\n</OAI-PMH>\n";
    pages.push_back(std::move(page));
  }
  return pages;
}

}  // namespace arxiv_digest::testing
