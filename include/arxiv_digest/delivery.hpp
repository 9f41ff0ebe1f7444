#pragma once
// Delivery: the day's digest pushed to the reader (email, Slack, Discord, Telegram, Feishu, a
// generic webhook). The core builds what each channel sends from one DeliveryDigest, pure and
// without secrets (URLs, tokens and passwords are added by app/delivery, which sends, retries
// and records what was delivered in state/deliveries.json).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_digest/archive.hpp"

namespace arxiv_digest {

// One paper as every channel shows it. Text fields are plain text as arXiv and the model wrote
// them: each channel escapes them for its own markup.
struct DeliveryPaper {
  std::string id;  // versioned: 2602.10965v1
  std::string title;
  std::vector<std::string> authors;
  std::string link;      // https://arxiv.org/abs/ID
  std::string pdf_link;  // may be ""
  std::vector<std::string> categories;
  double score = 0.0;
  // The summary (Markdown, as the model wrote it) or, without one, the abstract's first sentences.
  std::string text;
  bool summarized = false;  // `text` is a summary
  bool operator==(const DeliveryPaper&) const = default;
};

struct DeliveryDigest {
  std::string date;                     // YYYY-MM-DD
  std::vector<std::string> categories;  // the configured ones, for the subject and header
  std::size_t candidates = 0;           // papers considered that day
  std::vector<DeliveryPaper> papers;    // in rank order
  // Who sent it, for the footer: "owner/repo" and its URL in Actions, else "" (a local run).
  std::string sender;
  std::string sender_url;
  bool operator==(const DeliveryDigest&) const = default;
};

// The channels, spelled as config.json's delivery keys, in the order a run delivers them.
inline constexpr std::string_view kDeliveryChannels[] = {"email",    "slack",  "discord",
                                                         "telegram", "feishu", "webhook"};

// The ranked records of a day (rank order) as a DeliveryDigest; `records` are all the day's
// candidates, ranked or not.
DeliveryDigest make_delivery_digest(const std::vector<ArchiveRecord>& records,
                                    const std::string& date,
                                    const std::vector<std::string>& categories);

// Up to `max_chars` code points of the abstract: whole sentences when the first fits, else a cut
// at a word with "…".
std::string abstract_sentences(std::string_view abstract, std::size_t max_chars);
inline constexpr std::size_t kDeliveryAbstractChars = 400;

// The first `max_shown` authors, each on one line and cut to `max_chars`, then " et al." when
// there are more: the byline of every channel.
std::string author_line(const std::vector<std::string>& authors, std::size_t max_shown,
                        std::size_t max_chars);

// "arXiv digest 2026-02-12: 30 papers (cs.AI, cs.LG)"; "1 paper"; "no new papers".
std::string delivery_subject(const DeliveryDigest& digest);

// "2026-02-12 · 30 papers of 412 candidates · cs.AI, cs.CL, cs.LG": the first line of every
// message.
std::string delivery_header(const DeliveryDigest& digest);

// "Sent by arxiv-digest from owner/repo (URL). To stop these messages, remove delivery.CHANNEL
// from its config.json." (a local run names no repository).
std::string delivery_footer(const DeliveryDigest& digest, std::string_view channel);

// What the reader would see, as a hash: the same digest delivered again has the same hash; a new
// summary, paper or score changes it. Independent of the sender and of send time.
std::string delivery_hash(const DeliveryDigest& digest);

}  // namespace arxiv_digest
