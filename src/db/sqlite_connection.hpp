#pragma once
// A thin RAII layer over the SQLite C API for the history index: one connection, prepared
// statements with bound values, and SQLite's result codes turned into Errors that name the file
// ("state/index/history.sqlite: database disk image is malformed"), never SQLite's bare text.
//
// Waiting for another process's lock goes through the Clock (a busy handler that sleeps on it),
// so a test's FakeClock makes "the index is busy" instant, and the wait is bounded.

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>

#include "arxiv_digest/ports.hpp"
#include "arxiv_digest/result.hpp"

namespace arxiv_digest::db {

class Statement;

class Connection {
 public:
  // Opens (creating) the database at `path`; waits at most `busy_limit` for a lock held by
  // another connection, sleeping on `clock`.
  static Result<std::unique_ptr<Connection>> open(const std::string& path, Clock& clock,
                                                  std::chrono::milliseconds busy_limit);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements that return no rows.
  Result<void> execute(std::string_view sql);
  // `sql` with `key` bound to its one parameter, stepped once: the statement on its first row,
  // or nullopt when it has none.
  template <typename Key>
  Result<std::optional<Statement>> first_row(std::string_view sql, const Key& key);
  // A statement for `sql`, prepared once per connection and kept: the same text gives the same
  // statement again, reset. Use one at a time per text.
  Result<Statement> prepare(std::string_view sql);

  // The Error for SQLite result `code` in what we were doing: malformed_input for a file that is
  // not a sound database (SQLITE_CORRUPT, SQLITE_NOTADB), timeout when busy, io otherwise.
  Error error(int code, std::string_view doing) const;

  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

 private:
  Connection(sqlite3* db, std::string path, Clock& clock, std::chrono::milliseconds busy_limit);
  static int on_busy(void* self, int attempts);

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
  std::string path_;
  Clock& clock_;
  std::chrono::milliseconds busy_limit_;
  std::chrono::milliseconds waited_{0};
};

// A prepared statement borrowed from its connection; bind values (1-based), then step() through
// rows. Going out of scope resets it for the next use.
class Statement {
 public:
  Statement(const Connection& connection, sqlite3_stmt* statement);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);

  // True while a row is ready; false when done; an Error when the step failed.
  Result<bool> step();
  // Steps to the end (for statements that return no rows).
  Result<void> run();
  // Calls `on_row` on every row (the columns are the row's) and stops at the first Error, the
  // step's or the one `on_row` returns, if it returns a Result.
  template <typename OnRow>
  Result<void> each_row(OnRow&& on_row);
  // Clears bindings and rewinds, to run again.
  void reset();

  std::string text(int column) const;
  std::int64_t integer(int column) const;
  bool is_null(int column) const;

 private:
  const Connection* connection_;
  sqlite3_stmt* statement_;
};

template <typename OnRow>
Result<void> Statement::each_row(OnRow&& on_row) {
  for (;;) {
    auto row = step();
    if (!row) {
      return row.error();
    }
    if (!*row) {
      return {};
    }
    if constexpr (std::is_void_v<std::invoke_result_t<OnRow&>>) {
      on_row();
    } else if (auto done = on_row(); !done) {
      return done;
    }
  }
}

template <typename Key>
Result<std::optional<Statement>> Connection::first_row(std::string_view sql, const Key& key) {
  auto statement = prepare(sql);
  if (!statement) {
    return statement.error();
  }
  statement->bind(1, key);
  auto row = statement->step();
  if (!row) {
    return row.error();
  }
  if (!*row) {
    return std::optional<Statement>();
  }
  return std::optional<Statement>(std::move(statement.value()));
}

// BEGIN IMMEDIATE ... COMMIT; rolls back unless commit() was reached. begin_reading() opens a
// read transaction instead (BEGIN), which the destructor ends: the reads between see one
// snapshot and take the file's locks once, not once per statement.
class Transaction {
 public:
  explicit Transaction(Connection& connection) : connection_(connection) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Result<void> begin();
  Result<void> begin_reading();
  Result<void> commit();

 private:
  Connection& connection_;
  bool open_ = false;
};

}  // namespace arxiv_digest::db
