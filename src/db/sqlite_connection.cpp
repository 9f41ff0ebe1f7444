#include "db/sqlite_connection.hpp"

#include <utility>

namespace arxiv_digest::db {
namespace {

// Between attempts to take a lock another process holds.
constexpr std::chrono::milliseconds kBusyStep{50};

}  // namespace

Connection::Connection(sqlite3* db, std::string path, Clock& clock,
                       std::chrono::milliseconds busy_limit)
    : db_(db), path_(std::move(path)), clock_(clock), busy_limit_(busy_limit) {}

Connection::~Connection() {
  for (auto& [sql, statement] : statements_) {
    sqlite3_finalize(statement);
  }
  sqlite3_close_v2(db_);
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, Clock& clock,
                                                     std::chrono::milliseconds busy_limit) {
  sqlite3* db = nullptr;
  const int code = sqlite3_open_v2(
      path.c_str(), &db,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
      nullptr);
  if (code != SQLITE_OK) {
    const std::string reason = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    sqlite3_close_v2(db);
    return Error{ErrorCode::io, "open " + path + ": " + reason};
  }
  std::unique_ptr<Connection> connection(new Connection(db, path, clock, busy_limit));
  sqlite3_busy_handler(db, &Connection::on_busy, connection.get());
  return connection;
}

int Connection::on_busy(void* self, int attempts) {
  auto* connection = static_cast<Connection*>(self);
  if (attempts == 0) {
    connection->waited_ = std::chrono::milliseconds(0);
  }
  if (connection->waited_ >= connection->busy_limit_) {
    return 0;  // give up: the statement fails with SQLITE_BUSY
  }
  connection->clock_.sleep(kBusyStep);
  connection->waited_ += kBusyStep;
  return 1;
}

Error Connection::error(int code, std::string_view doing) const {
  const int primary = code & 0xFF;
  const std::string reason = sqlite3_errstr(code);
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
    return Error{ErrorCode::malformed_input, path_ + ": not a sound index (" + reason + ")"};
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Error{ErrorCode::timeout, path_ + ": in use by another arxiv-digest process; waited " +
                                         std::to_string(busy_limit_.count() / 1000) + " s (" +
                                         std::string(doing) + ")"};
  }
  return Error{ErrorCode::io, path_ + ": " + std::string(doing) + ": " + reason};
}

Result<void> Connection::execute(std::string_view sql) {
  const int code = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, nullptr);
  if (code != SQLITE_OK) {
    return error(sqlite3_extended_errcode(db_), "running " + std::string(sql.substr(0, 40)));
  }
  return {};
}

Result<Statement> Connection::prepare(std::string_view sql) {
  const std::string key(sql);
  if (const auto it = statements_.find(key); it != statements_.end()) {
    return Statement(*this, it->second);
  }
  sqlite3_stmt* statement = nullptr;
  const int code = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
  if (code != SQLITE_OK) {
    return error(sqlite3_extended_errcode(db_), "preparing " + std::string(sql.substr(0, 40)));
  }
  statements_.emplace(key, statement);
  return Statement(*this, statement);
}

Statement::Statement(const Connection& connection, sqlite3_stmt* statement)
    : connection_(&connection), statement_(statement) {}

Statement::~Statement() {
  if (statement_ != nullptr) {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
}

Statement::Statement(Statement&& other) noexcept
    : connection_(other.connection_), statement_(std::exchange(other.statement_, nullptr)) {}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(statement_, index, value);
  return *this;
}

Result<bool> Statement::step() {
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) {
    return true;
  }
  if (code == SQLITE_DONE) {
    return false;
  }
  const int extended = sqlite3_extended_errcode(sqlite3_db_handle(statement_));
  return connection_->error(extended, "reading the index");
}

Result<void> Statement::run() {
  return each_row([] {});
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

std::string Statement::text(int column) const {
  const auto* bytes = sqlite3_column_text(statement_, column);
  const int size = sqlite3_column_bytes(statement_, column);
  return bytes == nullptr
             ? std::string()
             : std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(statement_, column);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

Transaction::~Transaction() {
  if (open_) {
    (void)connection_.execute("ROLLBACK");
  }
}

Result<void> Transaction::begin() {
  if (auto begun = connection_.execute("BEGIN IMMEDIATE"); !begun) {
    return begun;
  }
  open_ = true;
  return {};
}

Result<void> Transaction::begin_reading() {
  if (auto begun = connection_.execute("BEGIN"); !begun) {
    return begun;
  }
  open_ = true;
  return {};
}

Result<void> Transaction::commit() {
  if (auto committed = connection_.execute("COMMIT"); !committed) {
    return committed;
  }
  open_ = false;
  return {};
}

}  // namespace arxiv_digest::db
