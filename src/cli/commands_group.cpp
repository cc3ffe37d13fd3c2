// group: change capture at a site (enable, disable, status, outbox, snapshot, acknowledge) and the
// group view on PostgreSQL (ingest, reconcile). docs/GROUP.md.
#include "cli.hpp"

#include "codec/group.hpp"
#include "snowball/group.hpp"

#include <iostream>

namespace snowball::cli {

namespace {

void print_status(const Context& ctx, const GroupStatus& s) {
    std::cout << ctx.text("集团采集 ", "group capture ") << (s.enabled ? ctx.text("开启", "on") : ctx.text("关闭", "off"))
              << (s.site.empty() ? "" : "  " + s.site) << "\n"
              << ctx.text("待发送 ", "pending ") << s.pending << ctx.text(" 条（", " entries (") << s.pending_bytes
              << ctx.text(" 字节），最后一条 ", " bytes), last ") << s.last_seq << ctx.text("，已确认至 ", ", acknowledged to ")
              << s.acknowledged << "\n";
}

// A site command: ARCHIVE first, the host's handle.
CLI::App* site_command(CLI::App& group, const Context& ctx, const char* name, const char* zh, const char* en,
                       std::string& archive) {
    return add_command(group, ctx, name, zh, en, archive);
}

void write_bundle(const Context& ctx, const std::string& out, const std::string& bundle, const std::string& what) {
    write_file(out, bundle);
    if (!ctx.json) std::cout << what << " → " << out << "  (" << bundle.size() << ctx.text(" 字节)", " bytes)") << "\n";
}

} // namespace

void add_group_commands(CLI::App& app, Context& ctx) {
    auto* group = app.add_subcommand("group", ctx.text("集团视图：案场变更采集与 PostgreSQL 汇总",
                                                       "The group view: capturing a site's changes, the PostgreSQL group database"));
    group->require_subcommand(1);

    struct SiteArgs {
        std::string path, site, out, db;
        std::int64_t after = 0, max = 10000, up_to = 0;
    };

    {
        auto a = std::make_shared<SiteArgs>();
        auto* c = site_command(*group, ctx, "enable", "开启集团采集，本档案在集团中的站点代码为 SITE",
                               "Switch capture on; the group knows this archive as SITE", a->path);
        c->add_option("SITE", a->site, ctx.text("站点代码：字母、数字、- 和 _", "Site code: letters, digits, - and _"))->required();
        c->callback([&ctx, a] {
            Archive archive = open_archive(ctx, a->path);
            const GroupStatus s = archive.group().enable(a->site);
            emit(ctx, s, [&] { print_status(ctx, s); });
        });
    }
    {
        auto a = std::make_shared<SiteArgs>();
        auto* c = site_command(*group, ctx, "disable", "关闭集团采集（待发送的变更保留）",
                               "Switch capture off (pending entries stay)", a->path);
        c->callback([&ctx, a] {
            Archive archive = open_archive(ctx, a->path);
            const GroupStatus s = archive.group().disable();
            emit(ctx, s, [&] { print_status(ctx, s); });
        });
    }
    {
        auto a = std::make_shared<SiteArgs>();
        auto* c = site_command(*group, ctx, "status", "集团采集状态与待发送条数", "Capture status and pending entries", a->path);
        c->callback([&ctx, a] {
            Archive archive = open_archive(ctx, a->path, false, true);
            const GroupStatus s = archive.group().status();
            emit(ctx, s, [&] { print_status(ctx, s); });
        });
    }
    {
        auto a = std::make_shared<SiteArgs>();
        auto* c = site_command(*group, ctx, "outbox", "把待发送的变更写成一个包（交给集团）",
                               "Write the pending entries as one bundle (for the group)", a->path);
        c->add_option("--after", a->after, ctx.text("集团已有的最后一条（高水位）", "The group's high-water mark"));
        c->add_option("--max", a->max, ctx.text("最多条数（默认 10000）", "At most this many entries (default 10000)"));
        c->add_option("--out", a->out, ctx.text("包文件", "The bundle file"))->required();
        c->callback([&ctx, a] {
            Archive archive = open_archive(ctx, a->path, false, true);
            const std::string bundle = archive.group().outbox(a->after, a->max);
            write_bundle(ctx, a->out, bundle, ctx.text("变更包", "bundle"));
            if (ctx.json) emit(ctx, {{"path", a->out}, {"bytes", bundle.size()}}, [] {});
        });
    }
    {
        auto a = std::make_shared<SiteArgs>();
        auto* c = site_command(*group, ctx, "snapshot", "把整个档案写成一个快照包（新站点或变更丢失时）",
                               "Write the whole archive as a snapshot bundle (a new site, or a lost outbox)", a->path);
        c->add_option("--out", a->out, ctx.text("包文件", "The bundle file"))->required();
        c->callback([&ctx, a] {
            Archive archive = open_archive(ctx, a->path, false, true);
            const std::string bundle = archive.group().snapshot();
            write_bundle(ctx, a->out, bundle, ctx.text("快照包", "snapshot"));
            if (ctx.json) emit(ctx, {{"path", a->out}, {"bytes", bundle.size()}}, [] {});
        });
    }
    {
        auto a = std::make_shared<SiteArgs>();
        auto* c = site_command(*group, ctx, "acknowledge", "删除集团已确认的变更（至 UP_TO）",
                               "Prune the entries the group has (up to UP_TO)", a->path);
        c->add_option("UP_TO", a->up_to, ctx.text("集团报告的高水位", "The high-water mark the group reported"))->required();
        c->callback([&ctx, a] {
            Archive archive = open_archive(ctx, a->path);
            const std::int64_t removed = archive.group().acknowledge(a->up_to);
            emit(ctx, {{"removed", removed}}, [&] { std::cout << ctx.text("已删除 ", "Pruned ") << removed << "\n"; });
        });
    }
    {
        struct IngestArgs {
            std::string db;
            std::vector<std::string> files;
        };
        auto a = std::make_shared<IngestArgs>();
        auto* c = group->add_subcommand("ingest", ctx.text("把案场的包按顺序写入集团的 PostgreSQL（每包一个事务，恰好一次）",
                                                           "Apply site bundles, in order, to the group's PostgreSQL "
                                                           "(one transaction each, exactly once)"));
        c->add_option("--db", a->db, ctx.text("libpq 连接串，如 \"host=10.0.0.5 dbname=group\"",
                                              "A libpq connection string, e.g. \"host=10.0.0.5 dbname=group\""))
            ->required();
        c->add_option("BUNDLE", a->files, ctx.text("包文件", "Bundle files"))->required();
        c->callback([&ctx, a] {
            GroupView view = GroupView::connect(a->db);
            nlohmann::json reports = nlohmann::json::array();
            for (const auto& file : a->files) {
                const GroupIngestReport r = view.ingest_file(file);
                reports.push_back(r);
                if (!ctx.json)
                    std::cout << file << ": " << r.site << " " << r.kind << ctx.text("，应用 ", ", applied ") << r.entries_applied
                              << ctx.text("，跳过 ", ", skipped ") << r.entries_skipped << ctx.text("，高水位 ", ", high-water mark ")
                              << r.high_water << "\n";
            }
            if (ctx.json) emit(ctx, reports, [] {});
        });
    }
    {
        auto a = std::make_shared<SiteArgs>();
        auto* c = site_command(*group, ctx, "reconcile", "逐表比较本档案与集团中的数据（行数与校验和）",
                               "Compare this archive with the group, table by table (rows and checksums)", a->path);
        c->add_option("--db", a->db, ctx.text("libpq 连接串", "A libpq connection string"))->required();
        c->callback([&ctx, a] {
            Archive archive = open_archive(ctx, a->path, false, true);
            const GroupChecksums sums = archive.group().checksums();
            GroupView view = GroupView::connect(a->db);
            const GroupReconcileReport r = view.reconcile(sums);
            emit(ctx, r, [&] {
                std::cout << r.site << ctx.text("：集团高水位 ", ": group at ") << r.group_high_water << ctx.text("，本地 ", ", site at ")
                          << r.site_high_water << "\n";
                for (const auto& t : r.tables)
                    if (!t.same) std::cout << "DRIFT   " << t.table << "  " << t.site_rows << " / " << t.group_rows << "\n";
                std::cout << (r.same ? ctx.text("一致", "The group matches the site") : ctx.text("不一致", "The group differs"))
                          << "\n";
            });
            if (!r.same) ctx.exit = Exit::verify_failed;
        });
    }
}

} // namespace snowball::cli
