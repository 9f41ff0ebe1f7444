#include "app/commands/rank_command.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <cctype>
#include <cstdio>

#include "app/history/history_store.hpp"
#include "app/pipeline/selection_stage.hpp"
#include "app/sources/offline_source.hpp"
#include "app/workspace.hpp"
#include "arxiv_digest/archive.hpp"
#include "core/util/text.hpp"

namespace arxiv_digest::app {
namespace {

struct Ranking {
  Workspace workspace;
  Selection selection;
};

struct RankInputs {
  const std::string& config_path;
  const std::string& offline_dir;
  const std::string& match;
  const std::string& date;
};

// Loads config and feeds and ranks them against the archive's history, as `run` would.
Result<Ranking> rank_feeds(const RankInputs& in, Ports& ports) {
  auto workspace = load_workspace(ports.fs, in.config_path);
  if (!workspace) {
    return workspace.error();
  }
  Config& config = workspace->config;
  if (in.match == "word" || in.match == "substring") {
    config.match = in.match == "word" ? MatchMode::word : MatchMode::substring;
  } else if (!in.match.empty()) {
    return Error{ErrorCode::invalid_config,
                 "--match " + in.match + ": expected \"word\" or \"substring\""};
  }
  if (in.offline_dir.empty()) {
    return Error{ErrorCode::invalid_config, "--offline DIR is required (saved feed files)"};
  }
  auto feeds = read_offline_feeds(ports.fs, in.offline_dir, config.categories);
  if (!feeds) {
    return feeds.error();
  }
  const std::string today = choose_today(in.date, feeds->newest_date, ports.clock);
  auto history = HistoryStore::open(ports, *workspace);
  if (!history) {
    return history.error();
  }
  auto shown = shown_before(*history, today, feeds->announcements);
  if (!shown) {
    return shown.error();
  }
  Ranking ranking{std::move(workspace.value()), {}};
  ranking.selection = select_papers(std::move(feeds->announcements), *shown,
                                    selection_options(ranking.workspace.config, today));
  return ranking;
}

ExitCode report(const Error& error) {
  spdlog::error("{}", error.message);
  return error.code == ErrorCode::invalid_config ? ExitCode::usage : ExitCode::failed;
}

void print_table(const Selection& selection, std::ostream& out) {
  out << "rank  score  id              type           category  title\n";
  for (std::size_t i = 0; i < selection.candidates.size(); ++i) {
    const Paper& p = selection.candidates[i];
    std::array<char, 96> head{};
    std::snprintf(head.data(), head.size(), "%4zu%c %5s  %-15s %-14s %-9s ", i + 1,
                  i < selection.selected ? ' ' : '*', format_score(p.score).c_str(),
                  versioned_id(p).c_str(), p.announce_type.c_str(), p.primary_category.c_str());
    const auto title = utf8_prefix(p.title, 70);
    out << head.data() << title << (title.size() < p.title.size() ? "..." : "") << "\n";
  }
  out << selection.candidates.size() << " candidates; the first " << selection.selected
      << " make the digest (* = below the max_papers cut)\n";
}

std::string where(const KeywordMatch& match) {
  if (match.in_title && match.in_abstract) {
    return "title and abstract";
  }
  return match.in_title ? "title" : "abstract";
}

std::string strip_version(const std::string& id) {
  const auto v = id.rfind('v');
  if (v != std::string::npos && v + 1 < id.size() &&
      id.find_first_not_of("0123456789", v + 1) == std::string::npos && v > 0 &&
      std::isdigit(static_cast<unsigned char>(id[v - 1]))) {
    return id.substr(0, v);
  }
  return id;
}

}  // namespace

ExitCode rank(const RankOptions& options, Ports& ports, std::ostream& out) {
  if (options.format != "table" && options.format != "json") {
    return report({ErrorCode::invalid_config,
                   "--format " + options.format + ": expected \"table\" or \"json\""});
  }
  auto ranking =
      rank_feeds({options.config_path, options.offline_dir, options.match, options.date}, ports);
  if (!ranking) {
    return report(ranking.error());
  }
  if (options.format == "json") {
    out << write_papers_json(ranking->selection.candidates);
  } else {
    print_table(ranking->selection, out);
  }
  return ExitCode::ok;
}

ExitCode explain(const ExplainOptions& options, Ports& ports, std::ostream& out) {
  if (options.id.empty()) {
    spdlog::error("explain needs a paper id, e.g. arxiv-digest explain 2602.10965 --offline DIR");
    return ExitCode::usage;
  }
  auto ranking =
      rank_feeds({options.config_path, options.offline_dir, options.match, options.date}, ports);
  if (!ranking) {
    return report(ranking.error());
  }
  const std::string id = strip_version(options.id);
  const auto& candidates = ranking->selection.candidates;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Paper& p = candidates[i];
    if (p.id != id) {
      continue;
    }
    out << versioned_id(p) << "  " << p.title << "\n";
    for (const auto& match : p.matches) {
      out << "  " << match.keyword << " (weight " << format_score(match.weight) << ") in "
          << where(match) << ": +" << format_score(match.points) << "\n";
    }
    out << "  score " << format_score(p.score) << ", rank " << i + 1 << " of " << candidates.size()
        << (i < ranking->selection.selected ? " (in the digest)\n" : " (below max_papers)\n");
    return ExitCode::ok;
  }
  for (const Rejection& rejected : ranking->selection.rejected) {
    if (rejected.id != id) {
      continue;
    }
    out << id << "v" << rejected.version << "  " << rejected.title << "\n";
    for (const auto& match : rejected.matches) {
      out << "  " << match.keyword << " (weight " << format_score(match.weight) << ") in "
          << where(match) << ": +" << format_score(match.points) << "\n";
    }
    out << "  not a candidate: " << rejected.reason << "\n";
    return ExitCode::ok;
  }
  spdlog::error("{} is not in the feeds in {}", options.id, options.offline_dir);
  return ExitCode::failed;
}

}  // namespace arxiv_digest::app
