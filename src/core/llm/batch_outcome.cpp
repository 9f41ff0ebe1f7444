#include "arxiv_digest/batch_outcome.hpp"

#include <set>

#include "arxiv_digest/chat_codec.hpp"

namespace arxiv_digest {
namespace {

std::string trimmed(std::string text) {
  const auto last = text.find_last_not_of(" \t\r\n");
  text.erase(last == std::string::npos ? 0 : last + 1);
  return text;
}

// The reason for a paper whose line is missing, from the batch's end state.
std::string missing_reason(const Batch& batch, std::size_t line) {
  const std::string name = "batch " + batch.id;
  switch (batch.status) {
    case BatchStatus::failed: {
      for (const auto& error : batch.errors) {
        if (error.line && static_cast<std::size_t>(*error.line) == line) {
          return name + " failed validation on line " + std::to_string(line) + ": " + error.code +
                 ": " + error.message;
        }
      }
      if (!batch.errors.empty()) {
        const auto& first = batch.errors.front();
        return name + " failed validation (" + first.code + ": " + first.message +
               (first.line ? " on line " + std::to_string(*first.line) : std::string()) + ")";
      }
      return name + " failed";
    }
    case BatchStatus::cancelled:
      return name + " was cancelled before this request ran";
    case BatchStatus::expired:
      return name + " expired before this request ran";
    default:
      return "no line for it in " + name + "'s output or error file";
  }
}

// A summary from one completed line, or the reason there is none.
std::optional<Summary> summary_of(const PendingBatch& pending, const BatchResultLine& line,
                                  const std::string& created_at, std::string& problem,
                                  std::vector<std::string>& notes) {
  const ChatCompletion& completion = *line.completion;
  Summary summary;
  summary.model = pending.model;
  summary.prompt_hash = pending.prompt_hash;
  summary.input_mode = to_string(pending.input_mode);
  summary.created_at = created_at;
  summary.usage = completion.usage;
  if (pending.format == SummaryFormat::fields) {
    if (auto fields = parse_summary_fields(completion.content)) {
      summary.text = fields_markdown(*fields);
      summary.fields = std::move(fields.value());
    } else if (!trimmed(completion.content).empty()) {
      notes.push_back(line.custom_id + ": the fields answer was not valid JSON; kept as text (" +
                      fields.error().message + ")");
    }
  }
  if (!summary.fields) {
    summary.text = trimmed(completion.content);
  }
  if (summary.text.empty()) {
    problem = "the model returned an empty answer (finish_reason " +
              (completion.finish_reason.empty() ? "none" : completion.finish_reason) + ")";
    return std::nullopt;
  }
  if (completion.finish_reason == "length") {
    notes.push_back(line.custom_id +
                    ": finish_reason length: the answer hit the token limit and may be cut");
  }
  return summary;
}

}  // namespace

BatchOutcome judge_batch(const PendingBatch& pending, const Batch& batch,
                         const std::vector<BatchResultLine>& lines, const std::string& created_at) {
  BatchOutcome outcome;
  const std::set<std::string> covered(pending.custom_ids.begin(), pending.custom_ids.end());
  std::map<std::string, std::string> problems;  // custom_id → first failure seen
  for (const BatchResultLine& line : lines) {
    if (covered.count(line.custom_id) == 0) {
      outcome.notes.push_back("batch " + batch.id + ": ignored a line for no paper of ours (" +
                              (line.custom_id.empty() ? line.problem : line.custom_id) + ")");
      continue;
    }
    if (outcome.summaries.count(line.custom_id) > 0) {
      continue;  // a success already counts; a later duplicate cannot undo it
    }
    std::string problem = line.problem;
    if (line.completion) {
      if (auto summary = summary_of(pending, line, created_at, problem, outcome.notes)) {
        add_usage(outcome.usage, summary->usage);
        outcome.summaries[line.custom_id] = std::move(*summary);
        problems.erase(line.custom_id);
        continue;
      }
    }
    problems.emplace(line.custom_id, "batch " + batch.id + ": " + problem);
  }
  for (std::size_t i = 0; i < pending.custom_ids.size(); ++i) {
    const std::string& id = pending.custom_ids[i];
    if (outcome.summaries.count(id) > 0) {
      continue;
    }
    const auto problem = problems.find(id);
    outcome.failed.push_back(
        {id, problem != problems.end() ? problem->second : missing_reason(batch, i + 1)});
  }
  return outcome;
}

}  // namespace arxiv_digest
