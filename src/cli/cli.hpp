// The snowball command's shared parts: the global options, the language of its texts, opening the
// archive, printing results (a table or text on a terminal, JSON with --json) and the exit codes.
// Every command file adds its subcommands with an add_*_commands function (main.cpp calls them).
#pragma once

#include "snowball/archive.hpp"
#include "snowball/error.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace snowball::cli {

// The exit codes (docs/CLI.md): stable, for scripts.
enum Exit : int {
    ok = 0,
    usage = 1,            // the command line is wrong (CLI11 says how)
    not_found = 2,        // the archive, customer, site, ... named does not exist
    invalid_input = 3,    // a value is malformed or out of range (a file's row, a date, ...)
    conflict = 4,         // clashes with what is on file, or not allowed in the record's state
    verify_failed = 5,    // verify found a problem
    refused = 6,          // the actor may not do this, or the customer's consent is missing
    busy = 7,             // another process held the archive's write lock too long
    archive_unusable = 8, // not an archive, written by a newer Snowball, or the disk failed
    cancelled = 9,
    internal = 10,
};
// The exit code for a library status.
int exit_code(Status status) noexcept;

enum class Lang { zh, en };

// The global options, filled in by CLI11 before a command runs.
struct Context {
    bool json = false;
    Lang lang = Lang::zh;
    std::string actor;
    int exit = Exit::ok;   // what the command ran to: verify sets verify_failed after printing its report
    // The text in the chosen language.
    const char* text(const char* zh, const char* en) const { return lang == Lang::zh ? zh : en; }
};

// --lang's default: zh when LANG (or LC_ALL, LC_MESSAGES) starts with "zh", else en; an explicit
// --lang zh|en anywhere on the command line wins, also for --help (texts are chosen before parsing).
Lang choose_language(int argc, const char* const* argv);

// A command's failure that is not the library's: what to print and the exit code.
class Failure : public std::runtime_error {
public:
    Failure(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
    int code() const noexcept { return code_; }

private:
    int code_;
};

// A command under `parent` with its description in Chinese and English, taking the positional
// ARCHIVE (into `archive`) first, as every command does.
CLI::App* add_command(CLI::App& parent, const Context& ctx, const char* name, const char* zh, const char* en,
                      std::string& archive);

// Opens the archive at `path` as the context's actor; `create` only for init.
Archive open_archive(const Context& ctx, const std::string& path, bool create = false, bool read_only = false);

// A customer given as a row id (digits) or an archive number: its id (Failure not_found when neither).
std::int64_t customer_id(Archive& archive, const std::string& text);

// Writes `bytes` to the file at `path` (Error storage naming "out" when it cannot).
void write_file(const std::string& path, const std::string& bytes);

// Prints a result: with --json `document` as one JSON document on stdout; otherwise `human()`.
void emit(const Context& ctx, const nlohmann::json& document, const std::function<void()>& human);

// A table for the terminal: columns aligned by display width (CJK characters count two).
void print_table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows);

// Progress of a long operation on stderr: a bar redrawn in place on a terminal, plain lines
// ("rows 1000/5000") otherwise, so that logs stay readable.
class ProgressReporter {
public:
    explicit ProgressReporter(const Context& ctx);
    void update(std::int64_t done, std::int64_t total);
    void finish();

private:
    const Context& ctx_;
    bool terminal_;
    bool drawn_ = false;
};

// The commands, by file.
void add_archive_commands(CLI::App& app, Context& ctx);     // init, sites, verify, backup
void add_customer_commands(CLI::App& app, Context& ctx);    // import, find, merge, erase
void add_care_commands(CLI::App& app, Context& ctx);        // briefing, agenda, report
void add_format_commands(CLI::App& app, Context& ctx);      // export
void add_group_commands(CLI::App& app, Context& ctx);       // group enable|disable|status|outbox|snapshot|acknowledge|ingest|reconcile
// The vCard and JSON-lines forms of import (commands_formats.cpp); the CSV form is the lead import.
void import_vcard(Context& ctx, Archive& archive, const std::string& file, const std::string& site,
                  std::int64_t consultant, bool dry_run);
void import_archive_lines(Context& ctx, Archive& archive, const std::string& file);

} // namespace snowball::cli
