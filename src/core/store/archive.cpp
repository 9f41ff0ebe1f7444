#include "arxiv_digest/archive.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/store/paper_json.hpp"
#include "core/util/json_support.hpp"

namespace arxiv_digest {
namespace {

using nlohmann::json;

json record_to_json(const ArchiveRecord& record) {
  json j = record.paper;
  j["digest_date"] = record.digest_date;
  j["rank"] = record.rank ? json(*record.rank) : json(nullptr);
  j["summary"] = record.summary ? json(*record.summary) : json(nullptr);
  return j;
}

ArchiveRecord record_from_json(const json& j) {
  ArchiveRecord record;
  record.paper = j.get<Paper>();
  record.digest_date = j.at("digest_date").get<std::string>();
  if (const auto it = j.find("rank"); it != j.end() && !it->is_null()) {
    record.rank = it->get<int>();
  }
  if (const auto it = j.find("summary"); it != j.end() && !it->is_null()) {
    record.summary = it->get<Summary>();
  }
  return record;
}

// A byte that is not copied as is: a control character, '"', '\\', or part of a multi-byte UTF-8
// sequence (which is checked).
constexpr bool needs_care(unsigned char c) {
  return c < 0x20 || c >= 0x80 || c == '"' || c == '\\';
}

std::uint64_t load_word(const char* bytes) {
  std::uint64_t word = 0;
  std::memcpy(&word, bytes, sizeof word);
  return word;
}

// needs_care() for any of the eight bytes of `word`, in a few word operations (the "has a zero
// byte" and "has a byte less than n" tests of Bit Twiddling Hacks; both are exact as a yes/no
// when no byte has its high bit set, and a set high bit answers yes on its own).
constexpr bool any_byte_needs_care(std::uint64_t word) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const auto has_zero_byte = [](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  const std::uint64_t below_space = (word - kOnes * 0x20) & ~word & kHigh;
  return ((word & kHigh) | below_space | has_zero_byte(word ^ (kOnes * '"')) |
          has_zero_byte(word ^ (kOnes * '\\'))) != 0;
}

// One JSON string literal: quotes, backslashes and control characters escaped the way
// nlohmann writes them; non-ASCII UTF-8 copied as is; each invalid UTF-8 sequence (a bad lead
// byte, or a lead byte with the continuation bytes that fit before the one that does not) becomes
// one U+FFFD, the next byte read afresh, as nlohmann's error_handler_t::replace does.
void append_json_string(std::string& out, std::string_view text) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    // The common case: a run of printable ASCII that needs no escape, found eight bytes at a
    // time and copied at once.
    std::size_t run = i;
    while (run + 8 <= size && !any_byte_needs_care(load_word(text.data() + run))) {
      run += 8;
    }
    while (run < size && !needs_care(static_cast<unsigned char>(text[run]))) {
      ++run;
    }
    out.append(text.data() + i, run - i);
    i = run;
    if (i == size) {
      break;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += '\\';
      switch (c) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '\b':
          out += 'b';
          break;
        case '\t':
          out += 't';
          break;
        case '\n':
          out += 'n';
          break;
        case '\f':
          out += 'f';
          break;
        case '\r':
          out += 'r';
          break;
        default:
          out += "u00";
          out += kHex[c >> 4U];
          out += kHex[c & 0xFU];
      }
      ++i;
      continue;
    }
    // A multi-byte sequence: its length and the range its second byte must fall in.
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      low = c == 0xE0 ? 0xA0 : 0x80;
      high = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      low = c == 0xF0 ? 0x90 : 0x80;
      high = c == 0xF4 ? 0x8F : 0xBF;
    }
    std::size_t valid = length == 0 ? 0 : 1;  // bytes of the sequence that fit so far
    while (valid > 0 && valid < length && i + valid < size) {
      const auto next = static_cast<unsigned char>(text[i + valid]);
      if (next < (valid == 1 ? low : 0x80) || next > (valid == 1 ? high : 0xBF)) {
        break;
      }
      ++valid;
    }
    if (length > 0 && valid == length) {
      out.append(text.data() + i, length);
      i += length;
    } else {
      out += kReplacement;
      i += valid == 0 ? 1 : valid;
    }
  }
  out += '"';
}

// A number as nlohmann prints a double: the shortest text that reads back as the same value,
// with ".0" when that text looks like an integer; NaN and infinities (never scored) as null.
void append_json_number(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  std::array<char, 32> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  const std::string_view text(buffer.data(), ec == std::errc() ? end - buffer.data() : 0);
  out += text;
  if (text.find_first_of(".e") == std::string_view::npos) {
    out += ".0";
  }
}

// The members of one pretty-printed object, each on its own line at `indent` spaces.
class JsonObjectWriter {
 public:
  JsonObjectWriter(std::string& out, std::size_t indent) : out_(out), indent_(indent) {}

  void key(std::string_view name) {
    static constexpr std::string_view kBreak = ",\n                ";
    out_ += kBreak.substr(first_ ? 1 : 0, indent_ + (first_ ? 1 : 2));
    first_ = false;
    out_ += '"';
    out_ += name;  // our own keys: plain ASCII
    out_ += std::string_view("\": ");
  }
  void string(std::string_view name, std::string_view value) {
    key(name);
    append_json_string(out_, value);
  }
  void string_if_set(std::string_view name, std::string_view value) {
    if (!value.empty()) {
      string(name, value);
    }
  }
  void strings(std::string_view name, const std::vector<std::string>& values) {
    key(name);
    if (values.empty()) {
      out_ += "[]";
      return;
    }
    out_ += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
      out_ += i == 0 ? "\n" : ",\n";
      out_.append(indent_ + 2, ' ');
      append_json_string(out_, values[i]);
    }
    out_ += '\n';
    out_.append(indent_, ' ');
    out_ += ']';
  }
  void number(std::string_view name, double value) {
    key(name);
    append_json_number(out_, value);
  }
  void integer(std::string_view name, long long value) {
    key(name);
    out_ += std::to_string(value);
  }
  void boolean(std::string_view name, bool value) {
    key(name);
    out_ += value ? "true" : "false";
  }

 private:
  std::string& out_;
  std::size_t indent_;
  bool first_ = true;
};

}  // namespace

ArchiveRecord archived_form(ArchiveRecord record) {
  if (!record.rank) {
    Paper& paper = record.paper;
    paper.abstract.clear();
    paper.pdf_link.clear();
    paper.license.clear();
    paper.doi.clear();
    paper.journal_ref.clear();
    paper.comment.clear();
    paper.updated.clear();
  }
  return record;
}

std::string write_archive(const std::vector<ArchiveRecord>& records) {
  std::string out;
  for (const auto& record : records) {
    out +=
        record_to_json(archived_form(record)).dump(-1, ' ', false, json::error_handler_t::replace);
    out += '\n';
  }
  return out;
}

ArchiveDay read_archive_day(std::string_view jsonl, std::string_view source_name) {
  ArchiveDay day;
  std::size_t line_number = 0;
  while (!jsonl.empty()) {
    ++line_number;
    const auto newline = jsonl.find('\n');
    const std::string_view line = jsonl.substr(0, newline);
    jsonl.remove_prefix(newline == std::string_view::npos ? jsonl.size() : newline + 1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      continue;
    }
    const std::string where = std::string(source_name) + ":" + std::to_string(line_number);
    auto record = parse_json_document<ArchiveRecord>(line, where, record_from_json);
    if (!record) {
      day.skipped.push_back({where, record.error().message});
      continue;
    }
    day.records.push_back(std::move(record.value()));
  }
  return day;
}

Result<std::vector<ArchiveRecord>> parse_archive(std::string_view jsonl,
                                                 std::string_view source_name) {
  ArchiveDay day = read_archive_day(jsonl, source_name);
  if (!day.skipped.empty()) {
    return Error{ErrorCode::malformed_input, day.skipped.front().reason};
  }
  return std::move(day.records);
}

std::vector<ArchiveRecord> archive_records(const Selection& selection, const std::string& date) {
  std::vector<ArchiveRecord> records;
  records.reserve(selection.candidates.size());
  for (std::size_t i = 0; i < selection.candidates.size(); ++i) {
    ArchiveRecord record;
    record.digest_date = date;
    if (i < selection.selected) {
      record.rank = static_cast<int>(i) + 1;
    }
    record.paper = selection.candidates[i];
    records.push_back(std::move(record));
  }
  return records;
}

void add_shown(const std::vector<ArchiveRecord>& records, ShownHistory& shown) {
  for (const auto& record : records) {
    if (!record.rank) {
      continue;
    }
    auto [it, inserted] = shown.emplace(record.paper.id, record.paper.version);
    if (!inserted && it->second < record.paper.version) {
      it->second = record.paper.version;
    }
  }
}

// Written directly instead of through a json DOM: building one (a std::map per paper and per
// match, every string copied) and dumping it was ~30 % of a whole `rank --format json` process.
// The text is what nlohmann's dump(2, ' ', false, error_handler_t::replace) of that DOM gave:
// keys sorted, two-space indent, control characters escaped, invalid UTF-8 replaced by U+FFFD.
std::string write_papers_json(const std::vector<Paper>& papers) {
  if (papers.empty()) {
    return "[]\n";
  }
  std::string out;
  std::size_t estimate = 4;
  for (const Paper& paper : papers) {
    estimate += 640 + paper.title.size() + paper.abstract.size() + 128 * paper.matches.size();
    for (const auto& author : paper.authors) {
      estimate += author.size() + 12;
    }
  }
  out.reserve(estimate);
  out += '[';
  for (std::size_t i = 0; i < papers.size(); ++i) {
    const Paper& p = papers[i];
    out += i == 0 ? "\n  {" : ",\n  {";
    JsonObjectWriter paper(out, 4);
    // Keys in byte order, as nlohmann's std::map-backed objects print them.
    paper.string("abstract", p.abstract);
    paper.string("announce_type", p.announce_type);
    paper.strings("authors", p.authors);
    paper.strings("categories", p.categories);
    paper.string_if_set("comment", p.comment);
    paper.string_if_set("doi", p.doi);
    paper.string("id", p.id);
    paper.string_if_set("journal_ref", p.journal_ref);
    paper.string_if_set("license", p.license);
    paper.string("link", p.link);
    paper.key("matches");
    if (p.matches.empty()) {
      out += "[]";
    } else {
      out += '[';
      for (std::size_t m = 0; m < p.matches.size(); ++m) {
        const KeywordMatch& match = p.matches[m];
        out += m == 0 ? "\n      {" : ",\n      {";
        JsonObjectWriter fields(out, 8);
        fields.boolean("in_abstract", match.in_abstract);
        fields.boolean("in_title", match.in_title);
        fields.string("keyword", match.keyword);
        fields.number("points", match.points);
        fields.number("weight", match.weight);
        out += "\n      }";
      }
      out += "\n    ]";
    }
    paper.string_if_set("pdf_link", p.pdf_link);
    paper.string("primary_category", p.primary_category);
    paper.string("published", p.published);
    paper.integer("rank", static_cast<long long>(i) + 1);
    paper.number("score", p.score);
    paper.string("title", p.title);
    paper.string_if_set("updated", p.updated);
    paper.integer("version", p.version);
    out += "\n  }";
  }
  out += "\n]\n";
  return out;
}

std::vector<const ArchiveRecord*> ranked_records(const std::vector<ArchiveRecord>& records) {
  std::vector<const ArchiveRecord*> ranked;
  for (const auto& record : records) {
    if (record.rank) {
      ranked.push_back(&record);
    }
  }
  std::stable_sort(
      ranked.begin(), ranked.end(),
      [](const ArchiveRecord* a, const ArchiveRecord* b) { return *a->rank < *b->rank; });
  return ranked;
}

}  // namespace arxiv_digest
