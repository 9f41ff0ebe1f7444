#pragma once
// nlohmann to_json/from_json for the data model, beside each other so they round-trip.
// Private to core: public headers expose text codecs (archive.hpp, run_status.hpp) instead.

#include <nlohmann/json.hpp>

#include "arxiv_digest/paper.hpp"
#include "arxiv_digest/related_papers.hpp"

namespace arxiv_digest {

void to_json(nlohmann::json& j, const RelatedPaper& related);
void from_json(const nlohmann::json& j, RelatedPaper& related);
void to_json(nlohmann::json& j, const KeywordMatch& match);
void from_json(const nlohmann::json& j, KeywordMatch& match);
void to_json(nlohmann::json& j, const Usage& usage);
void from_json(const nlohmann::json& j, Usage& usage);
void to_json(nlohmann::json& j, const SummaryFields& fields);
void from_json(const nlohmann::json& j, SummaryFields& fields);
void to_json(nlohmann::json& j, const Summary& summary);
void from_json(const nlohmann::json& j, Summary& summary);
// Paper fields are flat ("id", "version", ..., "score", "matches"); empty optional strings are
// omitted on output and default to "" on input.
void to_json(nlohmann::json& j, const Paper& paper);
void from_json(const nlohmann::json& j, Paper& paper);

}  // namespace arxiv_digest
