#pragma once
// A real SMTP server for tests: tests/support/smtp_server.py (Debian's aiosmtpd) run as a child
// process on 127.0.0.1, storing what it accepts in a Maildir. The constructor waits until it
// listens; the destructor closes its stdin and reaps it. Skips the test when python3-aiosmtpd
// is not installed.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "support/scoped_temp_dir.hpp"
#include "support/test_support.hpp"

extern char** environ;

namespace arxiv_digest::testing {

struct SmtpServerOptions {
  bool tls = false;       // STARTTLS required; trust ca_file()
  std::string auth_user;  // "" = no AUTH; the password is SMTP_TEST_PASSWORD's value
  std::string password;
  int temp_fail = 0;  // the first N messages get 451
  std::string reject_rcpt;
};

// True when /usr/bin/python3 can import aiosmtpd.
inline bool has_aiosmtpd() {
  return std::system("/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1") == 0;
}

class SmtpTestServer {
 public:
  explicit SmtpTestServer(const SmtpServerOptions& options) {
    std::vector<std::string> args = {
        "/usr/bin/python3", source_path("tests/support/smtp_server.py"),
        "--maildir",        dir_ / "maildir",
        "--port-file",      dir_ / "port"};
    if (options.tls) {
      args.insert(args.end(), {"--tls", dir_.path()});
    }
    if (!options.auth_user.empty()) {
      args.insert(args.end(), {"--auth", options.auth_user});
    }
    if (options.temp_fail > 0) {
      args.insert(args.end(), {"--temp-fail", std::to_string(options.temp_fail)});
    }
    if (!options.reject_rcpt.empty()) {
      args.insert(args.end(), {"--reject-rcpt", options.reject_rcpt});
    }
    start(args, options.password);
  }
  SmtpTestServer(const SmtpTestServer&) = delete;
  SmtpTestServer& operator=(const SmtpTestServer&) = delete;
  ~SmtpTestServer() {
    if (stdin_fd_ >= 0) {
      ::close(stdin_fd_);
    }
    if (pid_ > 0) {
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }

  int port() const { return port_; }
  std::string url(std::string_view scheme = "smtp") const {
    return std::string(scheme) + "://127.0.0.1:" + std::to_string(port_);
  }
  std::string ca_file() const { return dir_ / "cert.pem"; }

  // The stored messages' files, oldest first.
  std::vector<std::string> messages() const {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir_ / "maildir/new", ec)) {
      files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
      return std::filesystem::last_write_time(a) < std::filesystem::last_write_time(b);
    });
    return {files.begin(), files.end()};
  }

 private:
  void start(const std::vector<std::string>& args, const std::string& password) {
    int pipe_fds[2];
    ASSERT_EQ(::pipe(pipe_fds), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[0], STDIN_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
    // The server's own log (its tracebacks for handshakes a test makes fail on purpose) goes
    // beside its mail, not into the test's output.
    const std::string log = dir_ / "server.log";
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    std::vector<char*> argv;
    for (const auto& arg : args) {
      argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) {
      env_strings.emplace_back(*e);
    }
    env_strings.push_back("SMTP_TEST_PASSWORD=" + password);
    std::vector<char*> envp;
    for (auto& e : env_strings) {
      envp.push_back(e.data());
    }
    envp.push_back(nullptr);
    const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[0]);
    stdin_fd_ = pipe_fds[1];
    ASSERT_EQ(spawned, 0) << "cannot start " << args[1];
    // A child process needs real time to start; nothing here is a timing of the code under test.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      const std::string text =
          std::filesystem::exists(dir_ / "port") ? read_file(dir_ / "port") : std::string();
      if (!text.empty()) {
        port_ = std::stoi(text);
        return;
      }
      int status = 0;
      ASSERT_EQ(::waitpid(pid_, &status, WNOHANG), 0) << "the SMTP server exited early";
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL() << "the SMTP server did not start within 20 s";
  }

  ScopedTempDir dir_;
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int port_ = 0;
};

}  // namespace arxiv_digest::testing
