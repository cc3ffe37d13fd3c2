// export, and the vCard / JSON-lines forms of import: customers and the whole archive in and out
// (snowball/formats.hpp).
#include "cli.hpp"

#include "codec/formats.hpp"
#include "common/file.hpp"
#include "snowball/formats.hpp"

#include <iostream>

namespace snowball::cli {

namespace {

void add_export(CLI::App& app, Context& ctx) {
    struct Args {
        std::string path, format, out, site, encoding = "utf-8-sig";
        bool english_headers = false, no_family = false;
    };
    auto args = std::make_shared<Args>();
    auto* command = add_command(app, ctx, "export",
                                "导出：客户为 vCard 4.0 或 Excel CSV，整个档案为 JSON lines（备份、迁移）",
                                "Export: the customers as vCard 4.0 or an Excel CSV, the whole archive as JSON lines "
                                "(backup, moving machines)",
                                args->path);
    command->add_option("--format", args->format, ctx.text("vcard、csv 或 jsonl", "vcard, csv or jsonl"))
        ->required()
        ->check(CLI::IsMember({"vcard", "csv", "jsonl"}));
    command->add_option("--out", args->out, ctx.text("写入此文件（默认标准输出）", "Write to this file (default stdout)"));
    command->add_option("--site", args->site, ctx.text("只导出此站点的客户（vcard、csv）", "Only this site's customers (vcard, csv)"));
    command->add_option("--encoding", args->encoding,
                        ctx.text("CSV 编码：utf-8-sig（默认，带 BOM）、utf-8、gb18030",
                                 "CSV encoding: utf-8-sig (default, with BOM), utf-8, gb18030"));
    command->add_flag("--english-headers", args->english_headers, ctx.text("CSV 用英文表头", "English CSV headers"));
    command->add_flag("--no-family", args->no_family, ctx.text("vCard 不含家人", "vCards without the family"));
    command->callback([&ctx, args] {
        if (args->format == "jsonl" && !args->site.empty())
            throw Failure(Exit::usage, ctx.text("jsonl 导出整个档案，不能加 --site", "jsonl exports the whole archive: no --site"));
        Archive archive = open_archive(ctx, args->path, false, true);
        Formats& formats = archive.formats();
        if (args->format == "jsonl" && !args->out.empty()) {
            formats.export_archive(args->out);
        } else {
            std::string bytes;
            if (args->format == "vcard") {
                VcardExport what;
                what.site = args->site;
                what.family = !args->no_family;
                bytes = formats.export_vcard(what);
            } else if (args->format == "csv") {
                CustomerQuery query;
                query.site = args->site;
                CsvOptions options;
                options.encoding = parse_csv_encoding(args->encoding);
                options.english_headers = args->english_headers;
                bytes = to_csv(formats.customer_table(query), options);
            } else {
                bytes = formats.export_archive();
            }
            if (args->out.empty()) {
                std::cout << bytes << std::flush;
                return;
            }
            write_file(args->out, bytes);
        }
        std::cerr << ctx.text("已导出到 ", "Exported to ") << args->out << "\n";
    });
}

} // namespace

// The vCard and JSON-lines forms of `snowball import` (the CSV form is the lead import).
void import_vcard(Context& ctx, Archive& archive, const std::string& file, const std::string& site,
                  std::int64_t consultant, bool dry_run) {
    VcardImport options;
    options.site = site;
    if (consultant > 0) options.consultant_id = consultant;
    options.dry_run = dry_run;
    const VcardImportReport report = archive.formats().import_vcard(snowball::file::read_all(file, "file"), options);
    emit(ctx, report, [&] {
        std::cout << ctx.text("名片 ", "Cards ") << report.cards << ctx.text("：新建 ", ": filed ") << report.filed
                  << ctx.text("，已在档 ", ", matched ") << report.matched << ctx.text("，家人 ", ", family ") << report.family
                  << ctx.text("，跳过 ", ", skipped ") << report.skipped << "\n";
        for (const auto& o : report.outcomes)
            if (o.action == VcardAction::skipped)
                std::cout << ctx.text("  第 ", "  line ") << o.error_line << ctx.text(" 行", "")
                          << (o.field.empty() ? "" : " [" + o.field + "]") << ": " << o.reason << "\n";
    });
    if (report.skipped > 0) ctx.exit = Exit::invalid_input;
}

void import_archive_lines(Context& ctx, Archive& archive, const std::string& file) {
    const ArchiveImportReport report = archive.formats().import_archive_file(file);
    emit(ctx, report, [&] {
        std::cout << ctx.text("已载入 ", "Loaded ") << report.rows << ctx.text(" 行", " rows") << "\n";
        for (const auto& [table, rows] : report.tables) std::cout << "  " << table << ": " << rows << "\n";
    });
}

void add_format_commands(CLI::App& app, Context& ctx) { add_export(app, ctx); }

} // namespace snowball::cli
