// init, sites, verify, backup: the archive file and its sites.
#include "cli.hpp"

#include "codec/archive.hpp"
#include "codec/maintenance.hpp"
#include "snowball/maintenance.hpp"

#include <filesystem>
#include <iostream>

namespace snowball::cli {

namespace {

void print_site(const Context& ctx, const Site& site) {
    std::cout << ctx.text("站点 ", "site ") << site.code << "  " << site.name << "  " << site.number_format << "\n";
}

void add_init(CLI::App& app, Context& ctx) {
    struct Args {
        std::string path, site, name, format;
    };
    auto args = std::make_shared<Args>();
    auto* command = add_command(app, ctx, "init", "新建档案文件，可同时添加第一个站点",
                               "Create an archive file, optionally with its first site", args->path);
    command->add_option("--site", args->site, ctx.text("第一个站点的代码（如 XH）", "The first site's code (e.g. XH)"));
    command->add_option("--name", args->name, ctx.text("站点名称", "The site's name"));
    command->add_option("--number-format", args->format,
                        ctx.text("档案编号格式（默认 {site}-{yyyy}{channel}-{seq:5}{check}）",
                                 "Archive-number format (default {site}-{yyyy}{channel}-{seq:5}{check})"));
    command->callback([&ctx, args] {
        if (std::filesystem::exists(args->path))
            throw Error(Status::conflict, "archive: " + args->path + ctx.text(" 已存在", " exists already"), "archive");
        if (args->site.empty() != args->name.empty())
            throw Failure(Exit::usage, ctx.text("--site 与 --name 须同时给出", "--site and --name go together"));
        Archive archive = open_archive(ctx, args->path, true);
        nlohmann::json document = {{"path", archive.path()}, {"schema_version", Archive::schema_version()},
                                   {"sites", nlohmann::json::array()}};
        std::optional<Site> site;
        if (!args->site.empty()) {
            site = archive.sites().add({args->site, args->name, args->format});
            document["sites"].push_back(*site);
        }
        emit(ctx, document, [&] {
            std::cout << ctx.text("已创建档案 ", "Created the archive ") << archive.path() << "\n";
            if (site) print_site(ctx, *site);
        });
    });
}

void add_sites(CLI::App& app, Context& ctx) {
    auto* sites = app.add_subcommand("sites", ctx.text("列出或添加站点（案场）", "List or add sites (sales offices)"));
    sites->require_subcommand(1);
    auto list_path = std::make_shared<std::string>();
    auto* list = add_command(*sites, ctx, "list", "列出站点", "List the sites", *list_path);
    list->callback([&ctx, list_path] {
        Archive archive = open_archive(ctx, *list_path, false, true);
        const auto all = archive.sites().list();
        emit(ctx, all, [&] {
            std::vector<std::vector<std::string>> rows;
            for (const auto& s : all) rows.push_back({s.code, s.name, s.number_format, s.created_at});
            print_table({ctx.text("代码", "code"), ctx.text("名称", "name"), ctx.text("编号格式", "number format"),
                         ctx.text("创建时间", "created")},
                        rows);
        });
    });
    struct AddArgs {
        std::string path, code, name, format;
    };
    auto add_args = std::make_shared<AddArgs>();
    auto* add = add_command(*sites, ctx, "add", "添加站点", "Add a site", add_args->path);
    add->add_option("CODE", add_args->code, ctx.text("站点代码：1-8 位大写字母和数字", "Site code: 1-8 capital letters and digits"))
        ->required();
    add->add_option("NAME", add_args->name, ctx.text("站点名称", "The site's name"))->required();
    add->add_option("--number-format", add_args->format, ctx.text("档案编号格式", "Archive-number format"));
    add->callback([&ctx, add_args] {
        Archive archive = open_archive(ctx, add_args->path);
        const Site site = archive.sites().add({add_args->code, add_args->name, add_args->format});
        emit(ctx, site, [&] { print_site(ctx, site); });
    });
}

void add_verify(CLI::App& app, Context& ctx) {
    auto path = std::make_shared<std::string>();
    auto* command = add_command(app, ctx, "verify",
                                "检查档案：SQLite 完整性、外键、档案编号无断号、审计链。发现问题时退出码为 5",
                                "Check the archive: SQLite integrity, foreign keys, archive numbers without gaps, the "
                                "audit chain. Exit code 5 when a check fails",
                                *path);
    command->callback([&ctx, path] {
        Archive archive = open_archive(ctx, *path, false, true);
        const VerifyReport report = archive.maintenance().verify();
        emit(ctx, report, [&] {
            for (const auto& check : report.checks) {
                std::cout << (check.ok ? "ok    " : "FAILED") << "  " << check.name << "  (" << check.examined << ")\n";
                for (const auto& problem : check.problems) std::cout << "        " << problem << "\n";
            }
            std::cout << (report.ok ? ctx.text("档案完好", "The archive is sound")
                                    : ctx.text("档案有问题", "The archive has problems"))
                      << "\n";
        });
        if (!report.ok) {
            if (ctx.json) std::cerr << "snowball: " << ctx.text("检查未通过", "a check failed") << "\n";
            ctx.exit = Exit::verify_failed;
        }
    });
}

void add_backup(CLI::App& app, Context& ctx) {
    struct Args {
        std::string path, destination;
        bool replace = false;
    };
    auto args = std::make_shared<Args>();
    auto* command = add_command(app, ctx, "backup", "在线备份档案（SQLite 备份接口，他人写入时亦可安全运行）",
                                "Back up the archive online (SQLite's backup API; safe while others write)",
                                args->path);
    command->add_option("DESTINATION", args->destination, ctx.text("备份文件", "The backup file"))->required();
    command->add_flag("--replace", args->replace, ctx.text("覆盖已存在的备份文件", "Overwrite an existing backup file"));
    command->callback([&ctx, args] {
        Archive archive = open_archive(ctx, args->path, false, true);
        const BackupReport report = archive.maintenance().backup(args->destination, args->replace);
        emit(ctx, report, [&] {
            std::cout << ctx.text("已备份到 ", "Backed up to ") << report.path << "  (" << report.pages
                      << ctx.text(" 页, ", " pages, ") << report.bytes << ctx.text(" 字节)", " bytes)") << "\n";
        });
    });
}

} // namespace

void add_archive_commands(CLI::App& app, Context& ctx) {
    add_init(app, ctx);
    add_sites(app, ctx);
    add_verify(app, ctx);
    add_backup(app, ctx);
}

} // namespace snowball::cli
