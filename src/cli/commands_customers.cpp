// import, find, merge, erase: the customers on file.
#include "cli.hpp"

#include "codec/customers.hpp"
#include "codec/merge.hpp"
#include "snowball/customers.hpp"
#include "snowball/lead_import.hpp"
#include "snowball/merge.hpp"
#include "snowball/rights.hpp"

#include <iostream>

namespace snowball::cli {

namespace {

std::optional<std::int64_t> optional_id(std::int64_t id) {
    return id > 0 ? std::optional<std::int64_t>(id) : std::nullopt;
}

void add_import(CLI::App& app, Context& ctx) {
    struct Args {
        std::string path, file, site, encoding = "auto", format;
        std::int64_t consultant = 0;
        bool dry_run = false, all_or_nothing = false;
    };
    auto args = std::make_shared<Args>();
    auto* command = add_command(app, ctx, "import",
                                "导入 CSV 客资（Excel 的 UTF-8、GB18030、UTF-16；终端上显示进度条）、vCard 名片或整个档案的 "
                                "JSON lines（须为空档案）",
                                "Import leads from a CSV file (UTF-8, GB18030 or UTF-16, as Excel saves it; a progress "
                                "bar on a terminal), vCards, or a whole archive's JSON lines (into an empty archive)",
                                args->path);
    command->add_option("FILE", args->file, ctx.text("要导入的文件", "The file to import"))->required();
    command->add_option("--format", args->format,
                        ctx.text("csv、vcard 或 jsonl（默认按扩展名：.vcf、.jsonl，其余为 csv）",
                                 "csv, vcard or jsonl (default by extension: .vcf, .jsonl, else csv)"))
        ->check(CLI::IsMember({"csv", "vcard", "jsonl"}));
    command->add_option("--site", args->site, ctx.text("新客户归属的站点代码（csv、vcard）", "The site new customers are filed at (csv, vcard)"));
    command->add_option("--encoding", args->encoding, ctx.text("文件编码（默认自动识别）", "The file's encoding (default: detect)"))
        ->check(CLI::IsMember({"auto", "utf-8", "gb18030", "utf-16"}));
    command->add_option("--consultant", args->consultant,
                        ctx.text("没有顾问列的行归此顾问（编号）", "Consultant id for rows without a consultant"));
    command->add_flag("--dry-run", args->dry_run, ctx.text("只检查每一行，不写入", "Check every row, write nothing"));
    command->add_flag("--all-or-nothing", args->all_or_nothing,
                      ctx.text("有任何一行被拒则全部不导入", "Import nothing when any row is rejected"));
    command->callback([&ctx, args] {
        std::string format = args->format;
        const auto ends_with = [&](const char* suffix) {
            const std::string s(suffix);
            return args->file.size() >= s.size() && args->file.compare(args->file.size() - s.size(), s.size(), s) == 0;
        };
        if (format.empty()) format = ends_with(".vcf") ? "vcard" : ends_with(".jsonl") ? "jsonl" : "csv";
        if (format != "jsonl" && args->site.empty())
            throw Failure(Exit::usage, ctx.text("请给出 --site", "Give --site"));
        Archive archive = open_archive(ctx, args->path);
        if (format == "vcard") return import_vcard(ctx, archive, args->file, args->site, args->consultant, args->dry_run);
        if (format == "jsonl") return import_archive_lines(ctx, archive, args->file);
        LeadImportOptions options;
        options.site = args->site;
        options.encoding = args->encoding;
        options.consultant_id = optional_id(args->consultant);
        options.dry_run = args->dry_run;
        options.all_or_nothing = args->all_or_nothing;
        ProgressReporter progress(ctx);
        options.progress_every = 500;
        options.progress = [&](const ImportProgress& p) {
            progress.update(p.rows_done, p.rows_total);
            return true;
        };
        const LeadImportReport report = archive.leads().import_file(args->file, options);
        progress.finish();
        emit(ctx, report, [&] {
            std::cout << ctx.text("读取 ", "Read ") << report.rows << ctx.text(" 行，导入 ", " rows, imported ")
                      << report.imported << ctx.text("，拒绝 ", ", rejected ") << report.rejected.size()
                      << (report.dry_run ? ctx.text("（试运行，未写入）", " (dry run: nothing written)") : "") << "\n";
            for (const auto& r : report.rejected)
                std::cout << ctx.text("  第 ", "  line ") << r.line << ctx.text(" 行", "")
                          << (r.field.empty() ? "" : " [" + r.field + "]") << ": " << r.reason << "\n";
        });
        if (!report.rejected.empty() && ctx.exit == Exit::ok) ctx.exit = Exit::invalid_input;
    });
}

void print_customers(const Context& ctx, const std::vector<Customer>& found) {
    if (found.empty()) {
        std::cout << ctx.text("没有找到客户", "No customer found") << "\n";
        return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : found)
        rows.push_back({std::to_string(c.id), c.archive_no, c.site, c.name, c.mobile, to_string(c.stage)});
    print_table({ctx.text("编号", "id"), ctx.text("档案编号", "archive no"), ctx.text("站点", "site"),
                 ctx.text("姓名", "name"), ctx.text("手机", "mobile"), ctx.text("阶段", "stage")},
                rows);
}

void add_find(CLI::App& app, Context& ctx) {
    struct Args {
        std::string path, phone, number, name, site;
        int limit = 20;
    };
    auto args = std::make_shared<Args>();
    auto* command = add_command(app, ctx, "find", "按电话、档案编号或姓名（前缀）查找客户；找不到时退出码为 2",
                                "Find customers by phone, archive number or name (prefix); exit code 2 when none",
                                args->path);
    auto* by = command->add_option_group("by");
    by->add_option("--phone", args->phone, ctx.text("电话号码", "Phone number"));
    by->add_option("--number", args->number, ctx.text("档案编号", "Archive number"));
    by->add_option("--name", args->name, ctx.text("姓名或姓名开头", "Name, or its beginning"));
    by->require_option(1);
    command->add_option("--site", args->site, ctx.text("只在此站点查找（姓名）", "Only at this site (by name)"));
    command->add_option("--limit", args->limit, ctx.text("最多列出几位（姓名，默认 20）", "At most this many (by name, default 20)"));
    command->callback([&ctx, args] {
        Archive archive = open_archive(ctx, args->path, false, true);
        std::vector<Customer> found;
        if (!args->phone.empty()) {
            found = archive.customers().find_by_phone(args->phone);
        } else if (!args->number.empty()) {
            if (auto c = archive.customers().by_archive_no(args->number)) found.push_back(std::move(*c));
        } else {
            found = archive.customers().find_by_name(args->name, args->site, args->limit);
        }
        emit(ctx, found, [&] { print_customers(ctx, found); });
        if (found.empty()) ctx.exit = Exit::not_found;
    });
}

void add_merge(CLI::App& app, Context& ctx) {
    struct Args {
        std::string path, keep, merged;
        std::int64_t undo = 0, by = 0;
        bool newest_wins = false;
    };
    auto args = std::make_shared<Args>();
    auto* command = add_command(app, ctx, "merge", "把重复建档的客户合并为一条（KEEP 保留，MERGED 并入）；--undo 撤销一次合并",
                                "Merge a customer filed twice into one record (KEEP stays, MERGED goes into it); --undo "
                                "undoes a merge",
                                args->path);
    command->add_option("KEEP", args->keep, ctx.text("保留的客户（编号或档案编号）", "The customer kept (id or archive number)"));
    command->add_option("MERGED", args->merged, ctx.text("并入的客户（编号或档案编号）", "The customer merged (id or archive number)"));
    command->add_option("--undo", args->undo, ctx.text("撤销这次合并（合并编号）", "Undo this merge (its id)"));
    command->add_option("--by", args->by, ctx.text("操作的顾问编号", "The consultant who acts (id)"));
    command->add_flag("--newest-wins", args->newest_wins,
                      ctx.text("双方都有的资料取最新的", "Profile values both have: the newest stays"));
    command->callback([&ctx, args] {
        const bool undo = args->undo != 0;
        if (undo == !(args->keep.empty() && args->merged.empty()) || (!undo && (args->keep.empty() || args->merged.empty())))
            throw Failure(Exit::usage, ctx.text("请给出 KEEP 和 MERGED，或只给 --undo", "Give KEEP and MERGED, or --undo alone"));
        Archive archive = open_archive(ctx, args->path);
        MergeRecord record;
        if (undo) {
            record = archive.merges().undo(args->undo, optional_id(args->by));
        } else {
            MergeOptions options;
            options.newest_wins = args->newest_wins;
            record = archive.merges().merge(customer_id(archive, args->keep), customer_id(archive, args->merged),
                                            optional_id(args->by), options);
        }
        emit(ctx, record, [&] {
            std::cout << (undo ? ctx.text("已撤销合并 ", "Undid merge ") : ctx.text("已合并，合并编号 ", "Merged, merge id "))
                      << record.id << ": " << record.merged_archive_no << " → " << record.keep << "\n";
            for (const auto& [table, rows] : record.counts) std::cout << "  " << table << ": " << rows << "\n";
        });
    });
}

void add_erase(CLI::App& app, Context& ctx) {
    struct Args {
        std::string path, customer;
        std::int64_t by = 0;
        bool yes = false;
    };
    auto args = std::make_shared<Args>();
    auto* command = add_command(app, ctx, "erase", "删除一位客户的个人信息（个人信息保护法第 47 条），不可撤销；须加 --yes",
                                "Erase a customer's personal data (PIPL Art. 47), irreversibly; needs --yes",
                                args->path);
    command->add_option("CUSTOMER", args->customer, ctx.text("客户（编号或档案编号）", "The customer (id or archive number)"))
        ->required();
    command->add_option("--by", args->by, ctx.text("操作的顾问编号", "The consultant who acts (id)"));
    command->add_flag("--yes", args->yes, ctx.text("确认删除", "Confirm the erasure"));
    command->callback([&ctx, args] {
        if (!args->yes)
            throw Failure(Exit::usage, ctx.text("删除不可撤销：确认请加 --yes", "An erasure cannot be undone: add --yes to confirm"));
        Archive archive = open_archive(ctx, args->path);
        const std::int64_t id = customer_id(archive, args->customer);
        archive.privacy().erase(id, optional_id(args->by));
        emit(ctx, nlohmann::json{{"erased", id}}, [&] { std::cout << ctx.text("已删除客户 ", "Erased customer ") << id << "\n"; });
    });
}

} // namespace

void add_customer_commands(CLI::App& app, Context& ctx) {
    add_import(app, ctx);
    add_find(app, ctx);
    add_merge(app, ctx);
    add_erase(app, ctx);
}

} // namespace snowball::cli
