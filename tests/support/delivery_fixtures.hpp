#pragma once
// The digests the chat formatters' tests render: numbered papers with summaries of the length a
// model writes, so each test states only what it changes.

#include <string>

#include "arxiv_digest/delivery.hpp"

namespace arxiv_digest::testing {

// Paper `n`: 2602.(10000+n)v1 "Paper n" by Ada Lovelace and Alan Turing, cs.CL, score 10 - n/100,
// with its arxiv.org abs and PDF links, summarized as `text`.
DeliveryPaper sample_paper(int n, std::string text);

// About 600 characters: "**TL;DR**: Paper n studies a thing. It measures ...".
std::string sample_summary(int n);

// `papers` sample papers with sample summaries: 2026-02-12, cs.AI/cs.CL/cs.LG, 412 candidates,
// sent by owner/repo.
DeliveryDigest sample_digest(int papers);

}  // namespace arxiv_digest::testing
