// briefing, agenda, report: what the consultants and managers read.
#include "cli.hpp"

#include "codec/briefing.hpp"
#include "codec/care.hpp"
#include "codec/contacts.hpp"
#include "codec/feedback.hpp"
#include "snowball/briefing.hpp"
#include "snowball/care.hpp"
#include "snowball/contacts.hpp"
#include "snowball/feedback.hpp"

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <iomanip>
#include <iostream>
#include <sstream>

namespace snowball::cli {

namespace {

// A date option: ISO text, or today (China time, UTC+8) when not given.
Date date_or_today(const std::string& text, const std::string& field, int days_ahead = 0) {
    if (!text.empty()) return parse_date(text, field);
    const auto china_now = boost::posix_time::second_clock::universal_time() + boost::posix_time::hours(8);
    return china_now.date() + boost::gregorian::days(days_ahead);
}

void print_briefing(const Context& ctx, const Briefing& b) {
    std::cout << b.salutation << "  " << b.customer.name << "  " << b.customer.archive_no << "  "
              << to_string(b.customer.stage) << "\n";
    if (b.consultant) std::cout << ctx.text("顾问：", "Consultant: ") << b.consultant->name << "\n";
    std::cout << ctx.text("来访次数：", "Visits: ") << b.visit_count << ctx.text("；资料完整度：", "; profile complete: ")
              << std::fixed << std::setprecision(0) << b.completeness * 100 << "%\n";
    for (const auto& m : b.family) std::cout << ctx.text("家人：", "Family: ") << m.name << "\n";
    for (const auto& item : b.profile) std::cout << "  " << item.label << ": " << item.value << "\n";
    for (const auto& o : b.upcoming) std::cout << ctx.text("近期：", "Coming up: ") << to_iso(o.date) << " " << o.occasion.title << "\n";
    for (const auto& t : b.open_tickets) std::cout << ctx.text("未结工单：", "Open ticket: ") << t.id << "\n";
    if (b.follow_up.next_on)
        std::cout << ctx.text("下次联系：", "Next contact: ") << to_iso(*b.follow_up.next_on) << "\n";
    if (!b.ask_next.empty()) {
        std::cout << ctx.text("可以问问：", "Worth asking: ");
        for (std::size_t i = 0; i < b.ask_next.size(); ++i) std::cout << (i ? "、" : "") << b.ask_next[i].label;
        std::cout << "\n";
    }
}

void add_briefing(CLI::App& app, Context& ctx) {
    struct Args {
        std::string path, phone, site, customer;
    };
    auto args = std::make_shared<Args>();
    auto* command = add_command(app, ctx, "briefing", "来电或到访时的客户简报：称呼、家人、喜好、近期节日、下一步",
                                "The briefing when a customer calls or visits: how to greet, family, preferences, "
                                "coming occasions, what next",
                                args->path);
    auto* by = command->add_option_group("by");
    by->add_option("--phone", args->phone, ctx.text("来电号码", "The caller's phone"));
    by->add_option("--customer", args->customer, ctx.text("客户（编号或档案编号）", "The customer (id or archive number)"));
    by->require_option(1);
    command->add_option("--site", args->site, ctx.text("来电的站点", "The site called"));
    command->callback([&ctx, args] {
        Archive archive = open_archive(ctx, args->path, false, true);
        const Language language = ctx.lang == Lang::zh ? Language::zh : Language::en;
        std::optional<Briefing> briefing;
        if (!args->phone.empty()) briefing = archive.briefings().by_phone(args->phone, args->site, language);
        else briefing = archive.briefings().for_customer(customer_id(archive, args->customer), language);
        if (!briefing)
            throw Error(Status::not_found, std::string("phone: ") + ctx.text("此号码不在档案中", "the phone is not on file"),
                        "phone");
        emit(ctx, *briefing, [&] { print_briefing(ctx, *briefing); });
    });
}

void add_agenda(CLI::App& app, Context& ctx) {
    struct Args {
        std::string path, site, from, to, ics;
        std::int64_t consultant = 0;
        bool open_only = false;
    };
    auto args = std::make_shared<Args>();
    auto* command = add_command(app, ctx, "agenda", "关怀日程：生日、节日、成交纪念日的任务表；--ics 导出为日历文件",
                                "The care agenda: the tasks of birthdays, festivals and deal anniversaries; --ics writes "
                                "a calendar file",
                                args->path);
    command->add_option("--site", args->site, ctx.text("站点代码", "Site code"));
    command->add_option("--consultant", args->consultant, ctx.text("只看此顾问的客户（编号）", "Only this consultant's customers (id)"));
    command->add_option("--from", args->from, ctx.text("开始日期 YYYY-MM-DD（默认今天）", "First day YYYY-MM-DD (default today)"));
    command->add_option("--to", args->to, ctx.text("结束日期（默认 7 天后）", "Last day (default 7 days on)"));
    command->add_flag("--open", args->open_only, ctx.text("只列未完成的任务", "Open tasks only"));
    command->add_option("--ics", args->ics,
                        ctx.text("把此顾问的日程写成 iCalendar 文件（须 --consultant）",
                                 "Write the consultant's agenda as an iCalendar file (needs --consultant)"));
    command->callback([&ctx, args] {
        if (args->site.empty() && args->consultant == 0)
            throw Failure(Exit::usage, ctx.text("请给出 --site 或 --consultant", "Give --site or --consultant"));
        if (!args->ics.empty() && args->consultant == 0)
            throw Failure(Exit::usage, ctx.text("--ics 须与 --consultant 同用", "--ics needs --consultant"));
        Archive archive = open_archive(ctx, args->path);
        AgendaQuery query;
        query.from = date_or_today(args->from, "from");
        query.to = date_or_today(args->to, "to", 7);
        query.site = args->site;
        if (args->consultant > 0) query.consultant_id = args->consultant;
        query.include_closed = !args->open_only;
        const std::vector<CareTask> tasks = archive.calendar().agenda(query);
        if (!args->ics.empty()) write_file(args->ics, archive.calendar().export_ics(query.from, query.to, args->consultant));
        emit(ctx, tasks, [&] {
            std::vector<std::vector<std::string>> rows;
            for (const auto& t : tasks) {
                std::string titles;
                for (const auto& o : t.occasions) titles += (titles.empty() ? "" : "、") + o.title;
                rows.push_back({to_iso(t.date), to_iso(t.prepare_from), t.archive_no, t.customer_name, titles,
                                action_keys(t), to_string(t.status)});
            }
            print_table({ctx.text("日期", "date"), ctx.text("准备", "prepare"), ctx.text("档案编号", "archive no"),
                         ctx.text("客户", "customer"), ctx.text("事由", "occasion"), ctx.text("动作", "actions"),
                         ctx.text("状态", "status")},
                        rows);
            if (!args->ics.empty()) std::cout << ctx.text("已写入 ", "Wrote ") << args->ics << "\n";
        });
    });
}

std::string one_decimal(const std::optional<double>& value) {
    if (!value) return "-";
    std::ostringstream out;
    out << std::fixed << std::setprecision(1) << *value;
    return out.str();
}

void add_report(CLI::App& app, Context& ctx) {
    auto* report = app.add_subcommand("report", ctx.text("经理报表：联系记录与关怀报表、满意度调查统计",
                                                         "Managers' reports: the contact-log and care report, survey statistics"));
    report->require_subcommand(1);

    struct ContactArgs {
        std::string path, site, from, to, period = "whole", csv;
        std::int64_t consultant = 0;
    };
    auto c = std::make_shared<ContactArgs>();
    auto* contacts = add_command(*report, ctx, "contacts", "顾问的联系与关怀工作：任务按时完成、联系次数、逾期",
                                 "Consultants' contacts and care work: tasks done on time, contacts, overdue", c->path);
    contacts->add_option("--site", c->site, ctx.text("站点代码", "Site code"))->required();
    contacts->add_option("--from", c->from, ctx.text("开始日期（默认 30 天前）", "First day (default 30 days ago)"));
    contacts->add_option("--to", c->to, ctx.text("结束日期（默认今天）", "Last day (default today)"));
    contacts->add_option("--period", c->period, ctx.text("分期：whole、day、week、month", "Rows per: whole, day, week, month"))
        ->check(CLI::IsMember({"whole", "day", "week", "month"}));
    contacts->add_option("--consultant", c->consultant, ctx.text("只看此顾问（编号）", "One consultant only (id)"));
    contacts->add_option("--csv", c->csv, ctx.text("另写一份 Excel 可打开的 CSV", "Also write a CSV for Excel"));
    contacts->callback([&ctx, c] {
        Archive archive = open_archive(ctx, c->path, false, true);
        CareReportQuery query;
        query.site = c->site;
        query.end = date_or_today(c->to, "to");
        query.start = c->from.empty() ? query.end - boost::gregorian::days(30) : parse_date(c->from, "from");
        query.period = parse_report_period(c->period);
        if (c->consultant > 0) query.consultant_id = c->consultant;
        const CareReport result = archive.contacts().care_report(query);
        if (!c->csv.empty()) write_file(c->csv, to_csv(result));
        emit(ctx, result, [&] {
            std::vector<std::vector<std::string>> rows;
            for (const auto& r : result.rows)
                rows.push_back({to_iso(r.period_start), r.consultant_name, std::to_string(r.tasks_due),
                                std::to_string(r.done_on_time), std::to_string(r.done_late), std::to_string(r.overdue),
                                std::to_string(r.contacts), std::to_string(r.reached)});
            print_table({ctx.text("期初", "period"), ctx.text("顾问", "consultant"), ctx.text("任务", "tasks"),
                         ctx.text("按时", "on time"), ctx.text("迟办", "late"), ctx.text("逾期", "overdue"),
                         ctx.text("联系", "contacts"), ctx.text("联系上", "reached")},
                        rows);
        });
    });

    struct SurveyArgs {
        std::string path, site, from, to, topic;
        std::int64_t survey = 0;
    };
    auto s = std::make_shared<SurveyArgs>();
    auto* survey = add_command(*report, ctx, "survey", "满意度调查统计：CSAT、NPS、每题分布",
                               "Survey statistics: CSAT, NPS, each question's answers", s->path);
    survey->add_option("--survey", s->survey, ctx.text("问卷编号", "The survey's id"))->required();
    survey->add_option("--site", s->site, ctx.text("只统计此站点的客户", "Only this site's customers"));
    survey->add_option("--topic", s->topic, ctx.text("只统计此主题", "Only this topic"));
    survey->add_option("--from", s->from, ctx.text("开始日期", "First day"));
    survey->add_option("--to", s->to, ctx.text("结束日期", "Last day"));
    survey->callback([&ctx, s] {
        Archive archive = open_archive(ctx, s->path, false, true);
        StatsQuery query;
        query.site = s->site;
        query.topic = s->topic;
        if (!s->from.empty()) query.from = parse_date(s->from, "from");
        if (!s->to.empty()) query.to = parse_date(s->to, "to");
        const SurveyStats stats = archive.surveys().stats(s->survey, query);
        emit(ctx, stats, [&] {
            std::cout << ctx.text("答卷 ", "Responses ") << stats.responses << "  CSAT " << one_decimal(stats.csat) << "  NPS "
                      << (stats.nps ? one_decimal(stats.nps->nps) : std::string("-")) << "\n";
            std::vector<std::vector<std::string>> rows;
            for (const auto& q : stats.questions)
                rows.push_back({q.key, q.text, std::to_string(q.answered), one_decimal(q.mean), one_decimal(q.csat),
                                q.nps ? one_decimal(q.nps->nps) : std::string("-")});
            print_table({ctx.text("题", "key"), ctx.text("问题", "question"), ctx.text("作答", "answered"),
                         ctx.text("均分", "mean"), "CSAT", "NPS"},
                        rows);
        });
    });
}

} // namespace

void add_care_commands(CLI::App& app, Context& ctx) {
    add_briefing(app, ctx);
    add_agenda(app, ctx);
    add_report(app, ctx);
}

} // namespace snowball::cli
