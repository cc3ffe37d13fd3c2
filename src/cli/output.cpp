// The command's shared parts (cli.hpp): language, opening, printing, progress, exit codes.
#include "cli.hpp"

#include "snowball/customers.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>

namespace snowball::cli {

int exit_code(Status status) noexcept {
    switch (status) {
    case Status::ok: return Exit::ok;
    case Status::not_found: return Exit::not_found;
    case Status::invalid_argument: return Exit::invalid_input;
    case Status::conflict:
    case Status::invalid_state: return Exit::conflict;
    case Status::forbidden:
    case Status::consent_required: return Exit::refused;
    case Status::busy: return Exit::busy;
    case Status::not_archive:
    case Status::version:
    case Status::storage:
    case Status::no_memory: return Exit::archive_unusable;
    case Status::cancelled: return Exit::cancelled;
    case Status::error: break;
    }
    return Exit::internal;
}

Lang choose_language(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        std::string value;
        if (arg == "--lang" && i + 1 < argc) value = argv[i + 1];
        else if (arg.rfind("--lang=", 0) == 0) value = arg.substr(7);
        if (value == "zh") return Lang::zh;
        if (value == "en") return Lang::en;
    }
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value && *value) return std::strncmp(value, "zh", 2) == 0 ? Lang::zh : Lang::en;
    }
    return Lang::en;
}

CLI::App* add_command(CLI::App& parent, const Context& ctx, const char* name, const char* zh, const char* en,
                      std::string& archive) {
    CLI::App* command = parent.add_subcommand(name, ctx.text(zh, en));
    command->add_option("ARCHIVE", archive, ctx.text("档案文件（SQLite 数据库）", "The archive file (an SQLite database)"))
        ->required();
    return command;
}

Archive open_archive(const Context& ctx, const std::string& path, bool create, bool read_only) {
    OpenOptions options;
    options.create = create;
    options.read_only = read_only;
    options.actor = ctx.actor;
    return Archive::open(path, options);
}

std::int64_t customer_id(Archive& archive, const std::string& text) {
    const bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits && text.size() < 19) return archive.customers().get(std::stoll(text)).id;
    if (const auto c = archive.customers().by_archive_no(text)) return c->id;
    throw Error(Status::not_found, "customer: no customer has the id or archive number " + text, "customer");
}

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    out.close();
    if (!out) throw Error(Status::storage, "out: cannot write " + path, "out");
}

void emit(const Context& ctx, const nlohmann::json& document, const std::function<void()>& human) {
    if (ctx.json) std::cout << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    else human();
}

namespace {

// Columns a text takes on a terminal: East Asian wide characters take two.
std::size_t display_width(const std::string& s) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char lead = static_cast<unsigned char>(s[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        std::uint32_t cp = length == 1 ? lead : lead & (0xFF >> (length + 1));
        for (std::size_t k = 1; k < length && i + k < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                          (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                          (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                          (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        width += wide ? 2 : 1;
        i += length;
    }
    return width;
}

} // namespace

void print_table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths(headers.size());
    for (std::size_t c = 0; c < headers.size(); ++c) widths[c] = display_width(headers[c]);
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], display_width(row[c]));
    const auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t c = 0; c < cells.size() && c < widths.size(); ++c) {
            out += cells[c];
            if (c + 1 < cells.size()) out += std::string(widths[c] - display_width(cells[c]) + 2, ' ');
        }
        std::cout << out << "\n";
    };
    line(headers);
    std::vector<std::string> rule;
    for (std::size_t w : widths) rule.push_back(std::string(w, '-'));
    line(rule);
    for (const auto& row : rows) line(row);
}

ProgressReporter::ProgressReporter(const Context& ctx) : ctx_(ctx), terminal_(isatty(STDERR_FILENO) == 1) {}

void ProgressReporter::update(std::int64_t done, std::int64_t total) {
    const char* rows = ctx_.text("行", "rows");
    if (!terminal_) {
        std::cerr << rows << " " << done << "/" << total << "\n";
        return;
    }
    constexpr int width = 30;
    const int filled = total > 0 ? static_cast<int>(width * std::min(done, total) / total) : width;
    std::cerr << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
              << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << done << "/" << total << " "
              << rows << std::flush;
    drawn_ = true;
}

void ProgressReporter::finish() {
    if (drawn_) std::cerr << "\n";
    drawn_ = false;
}

} // namespace snowball::cli
