#include "app/summarize/summary_plan.hpp"

#include "arxiv_digest/summary_prompt.hpp"

namespace arxiv_digest::app {

SummaryKey summary_key(const Paper& paper, const AiSummaryConfig& config,
                       const std::string& prompt_hash) {
  return SummaryKey{paper.id, paper.version, config.model, prompt_hash,
                    std::string(to_string(config.input))};
}

Result<SummaryPlan> plan_summaries(std::vector<ArchiveRecord>& records, const SummaryLookup& cache,
                                   const AiSummaryConfig& config,
                                   const std::string& template_source) {
  SummaryPlan plan;
  plan.prompt_hash = prompt_hash(template_source, config.model, config.format);
  int taken = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    ArchiveRecord& record = records[i];
    if (!record.rank || taken >= config.max_papers_to_summarize) {
      continue;
    }
    ++taken;
    const SummaryKey key = summary_key(record.paper, config, plan.prompt_hash);
    const Summary* own = record.summary ? &*record.summary : nullptr;
    if (own != nullptr && own->model == key.model && own->prompt_hash == key.prompt_hash &&
        own->input_mode == key.input_mode) {
      ++plan.cached;
      continue;
    }
    auto hit = cache(key);
    if (!hit) {
      return hit.error();
    }
    if (*hit) {
      record.summary = std::move(**hit);
      ++plan.cached;
      continue;
    }
    auto prompt = render_prompt(template_source, record.paper);
    if (!prompt) {
      plan.unrenderable.push_back({versioned_id(record.paper), prompt.error().message});
      continue;
    }
    const std::size_t characters = kSummarySystemMessage.size() + prompt->size();
    plan.estimated_prompt_tokens += static_cast<long long>((characters + 3) / 4);
    plan.jobs.push_back({i, std::move(prompt.value())});
  }
  return plan;
}

void add_plan(SummaryStats& stats, const SummaryPlan& plan) {
  stats.cached += plan.cached;
  stats.not_summarized.insert(stats.not_summarized.begin(), plan.unrenderable.begin(),
                              plan.unrenderable.end());
}

}  // namespace arxiv_digest::app
