#include "support/delivery_fixtures.hpp"

namespace arxiv_digest::testing {

DeliveryPaper sample_paper(int n, std::string text) {
  DeliveryPaper p;
  p.id = "2602." + std::to_string(10000 + n) + "v1";
  p.title = "Paper " + std::to_string(n);
  p.authors = {"Ada Lovelace", "Alan Turing"};
  p.link = "https://arxiv.org/abs/2602." + std::to_string(10000 + n);
  p.pdf_link = "https://arxiv.org/pdf/2602." + std::to_string(10000 + n) + "v1";
  p.categories = {"cs.CL"};
  p.score = 10.0 - n * 0.01;
  p.text = std::move(text);
  p.summarized = true;
  return p;
}

std::string sample_summary(int n) {
  std::string text = "**TL;DR**: Paper " + std::to_string(n) + " studies a thing.";
  while (text.size() < 600) {
    text += " It measures how the thing behaves under careful, repeated and varied conditions.";
  }
  return text;
}

DeliveryDigest sample_digest(int papers) {
  DeliveryDigest digest;
  digest.date = "2026-02-12";
  digest.categories = {"cs.AI", "cs.CL", "cs.LG"};
  digest.candidates = 412;
  digest.sender = "owner/repo";
  digest.sender_url = "https://github.com/owner/repo/actions/runs/1";
  for (int i = 1; i <= papers; ++i) {
    digest.papers.push_back(sample_paper(i, sample_summary(i)));
  }
  return digest;
}

}  // namespace arxiv_digest::testing
