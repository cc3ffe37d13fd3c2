// snowball: the command for an office administrator, an integrator or a script — look into an
// archive, import and find customers, the briefing and agenda, reports, merge, erase, verify and
// back up. Arguments are parsed by CLI11; every rule is the library's. docs/CLI.md.
#include "cli.hpp"

#include "snowball/version.h"


#include <iostream>
#include <new>

using namespace snowball;
using namespace snowball::cli;

namespace {

// The error on stderr, and with --json as a document on stdout too; returns the exit code.
int report_failure(const Context& ctx, int code, const std::string& status, const std::string& message,
                   const std::string& field = {}) {
    std::cerr << "snowball: " << message << "\n";
    if (ctx.json) {
        nlohmann::json error = {{"status", status}, {"message", message}, {"exit_code", code}};
        if (!field.empty()) error["field"] = field;
        std::cout << nlohmann::json{{"error", error}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                  << "\n";
    }
    return code;
}

} // namespace

int main(int argc, char** argv) {
    Context ctx;
    ctx.lang = choose_language(argc, argv);
    CLI::App app(ctx.text("Snowball 售楼处客户关怀档案的命令行工具。每个命令的帮助：snowball 命令 --help",
                          "The command line of Snowball, the customer-care archive of a sales office. "
                          "Help on a command: snowball COMMAND --help"),
                 "snowball");
    app.set_help_flag("-h,--help", ctx.text("显示帮助并退出", "Print this help and exit"));
    app.set_version_flag("--version", SNOWBALL_VERSION, ctx.text("显示版本并退出", "Print the version and exit"));
    app.require_subcommand(1);
    app.fallthrough();   // the global options may follow the command: snowball verify ARCHIVE --json
    app.add_flag("--json", ctx.json, ctx.text("以 JSON 输出结果（供脚本使用）", "Print results as JSON (for scripts)"));
    std::string lang = ctx.lang == Lang::zh ? "zh" : "en";
    app.add_option("--lang", lang, ctx.text("语言：zh 或 en（默认取自 LANG）", "Language: zh or en (default from LANG)"))
        ->check(CLI::IsMember({"zh", "en"}));
    app.add_option("--actor", ctx.actor,
                   ctx.text("以谁的身份操作：host、admin:站点、manager:编号、consultant:编号（默认 host）",
                            "Act as: host, admin:SITE, manager:ID, consultant:ID (default host)"));

    add_archive_commands(app, ctx);
    add_customer_commands(app, ctx);
    add_care_commands(app, ctx);
    add_format_commands(app, ctx);
    add_group_commands(app, ctx);

    try {
        try {
            app.parse(argc, argv);
            return ctx.exit;
        } catch (const CLI::Success& e) {
            return app.exit(e);
        } catch (const CLI::ParseError& e) {
            app.exit(e);
            return Exit::usage;
        }
    } catch (const Failure& e) {
        return report_failure(ctx, e.code(), e.code() == Exit::verify_failed ? "verify_failed" : "failed", e.what());
    } catch (const Error& e) {
        return report_failure(ctx, exit_code(e.status()), status_name(e.status()), e.what(), e.field());
    } catch (const std::bad_alloc&) {
        return report_failure(ctx, Exit::archive_unusable, "no_memory", "out of memory");
    } catch (const std::exception& e) {
        return report_failure(ctx, Exit::internal, "error", e.what());
    }
}
