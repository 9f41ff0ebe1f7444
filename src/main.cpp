// arxiv-digest: parse the command line, build the real ports, call one app function.
// The only place that constructs adapters and reads the environment; one top-level catch.

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <cxxopts.hpp>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "app/commands/backfill_command.hpp"
#include "app/commands/batch_command.hpp"
#include "app/commands/deliver_command.hpp"
#include "app/commands/fetch_command.hpp"
#include "app/commands/rank_command.hpp"
#include "app/commands/render_command.hpp"
#include "app/commands/run_command.hpp"
#include "app/commands/site_command.hpp"
#include "app/commands/summarize_command.hpp"
#include "app/commands/validate_command.hpp"
#include "app/commands/weekly_command.hpp"
#include "app/exit_code.hpp"
#include "app/logging.hpp"
#include "app/version.hpp"
#include "arxiv_digest/suggest.hpp"
#include "db/sqlite_history_index.hpp"
#include "io/real_file_system.hpp"
#include "io/signal_stop.hpp"
#include "io/system_clock.hpp"
#include "net/curl_http_client.hpp"
#include "net/curl_mail_sender.hpp"

namespace {

using arxiv_digest::app::ExitCode;

// SIGINT and SIGTERM, caught from the start of main to its end.
arxiv_digest::io::SignalStop& process_stop() {
  static arxiv_digest::io::SignalStop stop;
  return stop;
}

arxiv_digest::net::CurlHttpClientOptions http_options() {
  arxiv_digest::net::CurlHttpClientOptions options;
  options.user_agent = "arxiv-digest/" + std::string(arxiv_digest::app::version()) + " (+" +
                       std::string(arxiv_digest::app::project_url()) + ")";
  options.stop = &process_stop();
  return options;
}

struct RealPorts {
  arxiv_digest::net::CurlHttpClient http{http_options()};
  arxiv_digest::io::RealFileSystem fs;
  arxiv_digest::io::SystemClock clock{&process_stop()};
  arxiv_digest::db::SqliteHistoryIndex history{clock};
  arxiv_digest::net::CurlMailSender mail;
  arxiv_digest::Ports ports{http, fs, clock, history, mail, process_stop()};
};

std::optional<std::string> getenv_lookup(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  return value == nullptr ? std::nullopt : std::optional<std::string>(value);
}

// Options every subcommand has, declared once; returns the parsed result after setting up
// logging. Asking for both less and more output is a usage error, not a silent choice.
cxxopts::ParseResult parse(cxxopts::Options& options, int argc, char** argv) {
  options.add_options("common")("c,config", "config.json to use",
                                cxxopts::value<std::string>()->default_value("config.json"))(
      "q,quiet", "Only warnings and errors on stderr")(
      "v,verbose", "Debug logging with timestamps")("h,help", "Show this help");
  auto result = options.parse(argc, argv);
  if (result.count("quiet") > 0 && result.count("verbose") > 0) {
    throw cxxopts::exceptions::parsing("--quiet and --verbose cannot be used together");
  }
  arxiv_digest::app::init_logging(result.count("quiet") > 0 ? arxiv_digest::app::Verbosity::quiet
                                  : result.count("verbose") > 0
                                      ? arxiv_digest::app::Verbosity::verbose
                                      : arxiv_digest::app::Verbosity::normal);
  return result;
}

// The option's value: given on the command line, else its declared default_value(), else "".
std::string get(const cxxopts::ParseResult& result, const std::string& name) {
  if (result.count(name) > 0) {
    return result[name].as<std::string>();
  }
  for (const auto& option : result.defaults()) {
    if (option.key() == name) {
      return option.value();
    }
  }
  return {};
}

bool wants_help(const cxxopts::ParseResult& result, const cxxopts::Options& options) {
  if (result.count("help") > 0) {
    std::cout << options.help() << "\n" << arxiv_digest::app::exit_code_help();
    return true;
  }
  return false;
}

ExitCode run_main(int argc, char** argv) {
  cxxopts::Options options(
      "arxiv-digest run",
      "Build today's digest: fetch, rank, archive, render README.md.\n\n"
      "Examples:\n"
      "  arxiv-digest run                                   # today's feeds from arXiv\n"
      "  arxiv-digest run --offline examples/feeds --config examples/config.json\n"
      "  arxiv-digest run --offline saved/ --date 2026-02-12 --output /tmp/README.md\n"
      "  arxiv-digest run --since 2026-01-01 --until 2026-01-31   # backfill via the API\n\n"
      "--since reads a few days through the search API into one digest; for weeks to years\n"
      "use `arxiv-digest backfill` (OAI-PMH, one archive day per announcement day).\n");
  options.add_options()("offline", "Read feeds from *.xml files in DIR instead of the network",
                        cxxopts::value<std::string>())(
      "o,output", "README path (default: output.readme in config)", cxxopts::value<std::string>())(
      "date", "Digest date YYYY-MM-DD (default: newest feed date offline, else today UTC)",
      cxxopts::value<std::string>())(
      "since", "Backfill: papers submitted from YYYY-MM-DD on, through arXiv's API",
      cxxopts::value<std::string>())("until", "Backfill end YYYY-MM-DD (default: today UTC)",
                                     cxxopts::value<std::string>())(
      "no-wait", "Batch mode: submit the batch and exit; the next run collects it");
  const auto result = parse(options, argc, argv);
  if (wants_help(result, options)) {
    return ExitCode::ok;
  }
  RealPorts real;
  arxiv_digest::app::RunOptions run_options;
  run_options.config_path = get(result, "config");
  run_options.offline_dir = get(result, "offline");
  run_options.output = get(result, "output");
  run_options.date = get(result, "date");
  run_options.since = get(result, "since");
  run_options.until = get(result, "until");
  run_options.no_wait = result.count("no-wait") > 0;
  run_options.env = getenv_lookup;
  return arxiv_digest::app::run(run_options, real.ports);
}

ExitCode deliver_main(int argc, char** argv) {
  cxxopts::Options options(
      "arxiv-digest deliver",
      "Send an archived digest to the channels in config.json's delivery section (email, Slack,\n"
      "Discord, Telegram, Feishu, a webhook). Each channel gets each day's digest once: what\n"
      "was delivered is recorded in state/deliveries.json. Secrets come from the environment\n"
      "variables the config names.\n\n"
      "Examples:\n"
      "  arxiv-digest deliver --dry-run               # print exactly what would be sent\n"
      "  arxiv-digest deliver --channel email         # only the email\n"
      "  arxiv-digest deliver --date 2026-02-12\n");
  options.add_options()("date", "The archive day YYYY-MM-DD (default: the newest in the archive)",
                        cxxopts::value<std::string>())(
      "channel", "Only this channel: email, slack, discord, telegram, feishu or webhook",
      cxxopts::value<std::string>())("dry-run", "Send nothing; print each channel's payloads");
  const auto result = parse(options, argc, argv);
  if (wants_help(result, options)) {
    return ExitCode::ok;
  }
  RealPorts real;
  arxiv_digest::app::DeliverOptions deliver_options;
  deliver_options.config_path = get(result, "config");
  deliver_options.date = get(result, "date");
  deliver_options.channel = get(result, "channel");
  deliver_options.dry_run = result.count("dry-run") > 0;
  deliver_options.env = getenv_lookup;
  return arxiv_digest::app::deliver(deliver_options, real.ports, std::cout);
}

ExitCode summarize_main(int argc, char** argv) {
  cxxopts::Options options(
      "arxiv-digest summarize",
      "Summarize the top papers of the newest archived digest that have no summary yet, then\n"
      "write the archive and README.md again. Cached summaries are reused and cost nothing.\n\n"
      "Examples:\n"
      "  arxiv-digest summarize --dry-run            # what would be sent, and ~how many tokens\n"
      "  arxiv-digest summarize --limit 5            # only the top 5\n"
      "  arxiv-digest summarize --date 2026-02-12 --config config.json\n");
  options.add_options()(
      "limit", "Summarize the top N papers (default: ai_summary.max_papers_to_summarize)",
      cxxopts::value<int>())("dry-run", "Send nothing; print what would be summarized")(
      "date", "The archive day YYYY-MM-DD (default: the newest in the archive)",
      cxxopts::value<std::string>())("o,output", "README path (default: output.readme in config)",
                                     cxxopts::value<std::string>())(
      "no-wait", "Batch mode: submit the batch and exit; the next run collects it");
  const auto result = parse(options, argc, argv);
  if (wants_help(result, options)) {
    return ExitCode::ok;
  }
  arxiv_digest::app::SummarizeOptions summarize_options;
  summarize_options.run.config_path = get(result, "config");
  summarize_options.run.date = get(result, "date");
  summarize_options.run.output = get(result, "output");
  summarize_options.run.no_wait = result.count("no-wait") > 0;
  summarize_options.run.env = getenv_lookup;
  summarize_options.dry_run = result.count("dry-run") > 0;
  if (result.count("limit") > 0) {
    summarize_options.limit = result["limit"].as<int>();
  }
  RealPorts real;
  return arxiv_digest::app::summarize(summarize_options, real.ports, std::cout);
}

ExitCode fetch_main(int argc, char** argv) {
  cxxopts::Options options("arxiv-digest fetch",
                           "Look papers up by id in arXiv's API; prints a JSON array.\n\n"
                           "Example:\n"
                           "  arxiv-digest fetch --id 2602.10965,2602.10229v1 | jq '.[].title'\n");
  options.add_options()("id", "Comma-separated arXiv ids",
                        cxxopts::value<std::vector<std::string>>());
  const auto result = parse(options, argc, argv);
  if (wants_help(result, options)) {
    return ExitCode::ok;
  }
  arxiv_digest::app::FetchOptions fetch_options;
  if (result.count("id") > 0) {
    fetch_options.ids = result["id"].as<std::vector<std::string>>();
  }
  fetch_options.config_path = get(result, "config");
  RealPorts real;
  return arxiv_digest::app::fetch(fetch_options, real.ports, std::cout);
}

ExitCode rank_main(int argc, char** argv) {
  cxxopts::Options options(
      "arxiv-digest rank",
      "Print the ranked candidates of saved feeds.\n\n"
      "Examples:\n"
      "  arxiv-digest rank --offline examples/feeds --config examples/config.json\n"
      "  arxiv-digest rank --offline feeds/ --match substring --format json | jq '.[0]'\n");
  options.add_options()("offline", "Folder of saved *.xml feeds", cxxopts::value<std::string>())(
      "match", "Override the config's match mode: word | substring", cxxopts::value<std::string>())(
      "format", "table | json", cxxopts::value<std::string>()->default_value("table"))(
      "date", "Digest date YYYY-MM-DD for days_back", cxxopts::value<std::string>());
  const auto result = parse(options, argc, argv);
  if (wants_help(result, options)) {
    return ExitCode::ok;
  }
  RealPorts real;
  return arxiv_digest::app::rank({get(result, "config"), get(result, "offline"),
                                  get(result, "match"), get(result, "format"), get(result, "date")},
                                 real.ports, std::cout);
}

ExitCode explain_main(int argc, char** argv) {
  cxxopts::Options options(
      "arxiv-digest explain",
      "Show how one paper's score was made.\n\n"
      "Example:\n"
      "  arxiv-digest explain 2602.10965 --offline examples/feeds --config examples/config.json\n");
  options.add_options()("id", "arXiv id, with or without version", cxxopts::value<std::string>())(
      "offline", "Folder of saved *.xml feeds", cxxopts::value<std::string>())(
      "match", "Override the config's match mode: word | substring", cxxopts::value<std::string>())(
      "date", "Digest date YYYY-MM-DD for days_back", cxxopts::value<std::string>());
  options.parse_positional({"id"});
  options.positional_help("ID");
  const auto result = parse(options, argc, argv);
  if (wants_help(result, options)) {
    return ExitCode::ok;
  }
  RealPorts real;
  return arxiv_digest::app::explain(
      {get(result, "id"), get(result, "config"), get(result, "offline"), get(result, "match"),
       get(result, "date")},
      real.ports, std::cout);
}

ExitCode render_main(int argc, char** argv) {
  cxxopts::Options options(
      "arxiv-digest render",
      "Render a README from a digest's papers JSON.\n\n"
      "Example:\n"
      "  arxiv-digest render --papers digest.papers.json --output README.md\n");
  options.add_options()("papers", "Papers JSON (the *.papers.json shape)",
                        cxxopts::value<std::string>())(
      "o,output", "README path", cxxopts::value<std::string>()->default_value("README.md"));
  const auto result = parse(options, argc, argv);
  if (wants_help(result, options)) {
    return ExitCode::ok;
  }
  RealPorts real;
  return arxiv_digest::app::render({get(result, "papers"), get(result, "output"),
                                    get(result, "config"), result.count("config") > 0},
                                   real.ports);
}

ExitCode site_main(int argc, char** argv) {
  cxxopts::Options options(
      "arxiv-digest site",
      "Rebuild the static HTML site (output.site_dir) from the whole archive: a page per day,\n"
      "index.html (the newest day), archive.html and search-index.json. Only files whose bytes\n"
      "change are written.\n\n"
      "Example:\n  arxiv-digest site --config config.json\n");
  const auto result = parse(options, argc, argv);
  if (wants_help(result, options)) {
    return ExitCode::ok;
  }
  RealPorts real;
  return arxiv_digest::app::site({get(result, "config")}, real.ports, std::cout);
}

ExitCode weekly_main(int argc, char** argv) {
  cxxopts::Options options(
      "arxiv-digest weekly",
      "Write the weekly roll-up digests/YYYY-Www.md from the archive: the week's best papers by\n"
      "score (output.weekly_papers), each once, with the summaries they already have (nothing is\n"
      "sent to the provider). `run` writes it by itself for a Friday's digest.\n\n"
      "Examples:\n"
      "  arxiv-digest weekly                   # the week of the newest archived day\n"
      "  arxiv-digest weekly --week 2026-W07\n");
  options.add_options()("week", "The ISO week YYYY-Www (default: the newest archived day's)",
                        cxxopts::value<std::string>());
  const auto result = parse(options, argc, argv);
  if (wants_help(result, options)) {
    return ExitCode::ok;
  }
  RealPorts real;
  return arxiv_digest::app::weekly({get(result, "config"), get(result, "week")}, real.ports,
                                   std::cout);
}

ExitCode validate_main(int argc, char** argv) {
  cxxopts::Options options("arxiv-digest validate",
                           "Check config.json without touching the network.\n\n"
                           "Example:\n  arxiv-digest validate --config config.json\n");
  const auto result = parse(options, argc, argv);
  if (wants_help(result, options)) {
    return ExitCode::ok;
  }
  RealPorts real;
  return arxiv_digest::app::validate({get(result, "config"), getenv_lookup}, real.ports, std::cout);
}

ExitCode backfill_main(int argc, char** argv) {
  cxxopts::Options options(
      "arxiv-digest backfill",
      "Fill the archive with weeks to years of papers through arXiv's OAI-PMH interface\n"
      "(source.oai_base_url): each announcement day becomes data/YYYY-MM-DD.jsonl, ranked like\n"
      "a daily digest; days already in the archive are left as they are. Resumable: where it\n"
      "stands is saved in state/backfill.json after every page, and `arxiv-digest backfill`\n"
      "without --since (or the next `run`) continues an interrupted one.\n\n"
      "Examples:\n"
      "  arxiv-digest backfill --since 2026-01-05 --until 2026-03-31\n"
      "  arxiv-digest backfill --since 2026-01-05 --set cs --summarize\n"
      "  arxiv-digest backfill                      # continue the interrupted one\n");
  options.add_options()("since", "First announcement day YYYY-MM-DD",
                        cxxopts::value<std::string>())(
      "until", "Last announcement day YYYY-MM-DD (default: yesterday; today is run's)",
      cxxopts::value<std::string>())(
      "set", "One OAI set such as cs, math or physics:hep-th (default: from categories)",
      cxxopts::value<std::string>())(
      "summarize", "Then submit the top papers of each day to the Batch API (no waiting)");
  const auto result = parse(options, argc, argv);
  if (wants_help(result, options)) {
    return ExitCode::ok;
  }
  RealPorts real;
  arxiv_digest::app::BackfillOptions backfill_options;
  backfill_options.config_path = get(result, "config");
  backfill_options.since = get(result, "since");
  backfill_options.until = get(result, "until");
  backfill_options.set = get(result, "set");
  backfill_options.summarize = result.count("summarize") > 0;
  backfill_options.env = getenv_lookup;
  return arxiv_digest::app::backfill(backfill_options, real.ports, std::cout);
}

ExitCode batch_main(int argc, char** argv) {
  cxxopts::Options options(
      "arxiv-digest batch",
      "Look at and act on the pending batches of batch mode (state/batches.json).\n\n"
      "Examples:\n"
      "  arxiv-digest batch status             # one line per pending batch\n"
      "  arxiv-digest batch collect            # collect finished batches into the archive\n"
      "  arxiv-digest batch cancel batch_abc   # cancel; a later collect keeps its partial "
      "output\n");
  options.add_options()("action", "status | collect | cancel", cxxopts::value<std::string>())(
      "id", "The batch to cancel", cxxopts::value<std::string>());
  options.parse_positional({"action", "id"});
  options.positional_help("status|collect|cancel [ID]");
  const auto result = parse(options, argc, argv);
  if (wants_help(result, options)) {
    return ExitCode::ok;
  }
  RealPorts real;
  return arxiv_digest::app::batch_command(
      {get(result, "config"), get(result, "action"), get(result, "id"), getenv_lookup}, real.ports,
      std::cout);
}

struct Command {
  const char* name;
  const char* help;
  std::function<ExitCode(int, char**)> handler;
};

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"run", "build the digest: feeds -> ranking -> archive -> README.md", run_main},
      {"summarize", "summarize the top papers of the archived digest (--dry-run: cost)",
       summarize_main},
      {"deliver", "send the archived digest by email and chat (--dry-run: show it)", deliver_main},
      {"rank", "print the ranked candidates of saved feeds (table or JSON)", rank_main},
      {"explain", "show each keyword's contribution to one paper's score", explain_main},
      {"render", "render README.md from a papers JSON file", render_main},
      {"weekly", "write a week's roll-up of the archived digests (--week 2026-W07)", weekly_main},
      {"site", "rebuild the static HTML site from the archive", site_main},
      {"fetch", "look papers up by id in arXiv's API (JSON)", fetch_main},
      {"validate", "check config.json and report every problem", validate_main},
      {"backfill", "fill the archive with weeks to years of papers (OAI-PMH, resumable)",
       backfill_main},
      {"batch", "status, collect or cancel the pending summary batches", batch_main},
  };
  return kCommands;
}

void print_usage(std::ostream& out) {
  out << "arxiv-digest " << arxiv_digest::app::version()
      << ": a ranked, summarized digest of today's arXiv papers\n\n"
         "Usage: arxiv-digest COMMAND [OPTIONS]   (arxiv-digest COMMAND --help for its options)\n\n"
         "Commands:\n";
  for (const auto& command : commands()) {
    out << "  " << command.name << std::string(10 - std::string(command.name).size(), ' ')
        << command.help << "\n";
  }
  out << "\nExamples:\n"
         "  arxiv-digest run --config examples/config.json --offline examples/feeds --output "
         "/tmp/digest.md\n"
         "  arxiv-digest rank --config examples/config.json --offline examples/feeds --format "
         "json\n"
         "  arxiv-digest validate --config config.json\n\n"
      << arxiv_digest::app::exit_code_help();
}

ExitCode dispatch(int argc, char** argv) {
  if (argc < 2) {
    print_usage(std::cerr);
    return ExitCode::usage;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(std::cout);
    return ExitCode::ok;
  }
  if (name == "--version" || name == "-V") {
    std::cout << "arxiv-digest " << arxiv_digest::app::version() << " (commit "
              << arxiv_digest::app::git_commit() << ")\n";
    return ExitCode::ok;
  }
  std::vector<std::string> names;
  for (const auto& command : commands()) {
    if (name == command.name) {
      return command.handler(argc - 1, argv + 1);
    }
    names.emplace_back(command.name);
  }
  std::cerr << "arxiv-digest: unknown command \"" << name << "\"";
  if (const auto suggestion = arxiv_digest::closest_match(name, names)) {
    std::cerr << "; did you mean \"" << *suggestion << "\"?";
  }
  std::cerr << "\n\n";
  print_usage(std::cerr);
  return ExitCode::usage;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    process_stop();
    const ExitCode code = dispatch(argc, argv);
    // However far the command got, a stopped process says so: its work is saved, not done.
    const int signal = process_stop().signal();
    return static_cast<int>(signal != 0 ? arxiv_digest::app::interrupted_exit(signal) : code);
  } catch (const cxxopts::exceptions::exception& e) {
    std::cerr << "arxiv-digest: " << e.what() << " (see --help)\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const std::exception& e) {
    std::cerr << "arxiv-digest: internal error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::failed);
  }
}
