#include "snowball/lead_import.hpp"

#include "archive/records.hpp"
#include "archive/store.hpp"
#include "common/file.hpp"
#include "common/text.hpp"
#include "customers/csv.hpp"
#include "common/encoding.hpp"
#include "customers/filing.hpp"
#include "snowball/phone.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>
#include <set>

namespace snowball {

namespace {

struct HeaderAlias {
    std::string_view header;
    std::string_view key;
};

// Headers recognised without a mapping (compared after trimming, ASCII case-insensitively).
constexpr HeaderAlias known_headers[] = {
    {"name", "name"}, {"customer", "name"}, {"customer name", "name"}, {"姓名", "name"},
    {"客户姓名", "name"}, {"客户名称", "name"}, {"客户", "name"}, {"名字", "name"},
    {"mobile", "mobile"}, {"手机", "mobile"}, {"手机号", "mobile"}, {"手机号码", "mobile"},
    {"移动电话", "mobile"},
    {"phone", "phone"}, {"电话", "phone"}, {"联系电话", "phone"}, {"联系方式", "phone"},
    {"电话号码", "phone"},
    {"home_phone", "home_phone"}, {"住宅电话", "home_phone"}, {"家庭电话", "home_phone"},
    {"office_phone", "office_phone"}, {"办公电话", "office_phone"}, {"公司电话", "office_phone"},
    {"other_phone", "other_phone"}, {"其他电话", "other_phone"},
    {"gender", "gender"}, {"sex", "gender"}, {"性别", "gender"},
    {"tier", "tier"}, {"level", "tier"}, {"级别", "tier"}, {"客户级别", "tier"}, {"等级", "tier"},
    {"first_contact", "first_contact"}, {"date", "first_contact"}, {"日期", "first_contact"},
    {"首次接触", "first_contact"}, {"首次接触日期", "first_contact"}, {"登记日期", "first_contact"},
    {"note", "note"}, {"notes", "note"}, {"remark", "note"}, {"备注", "note"}, {"说明", "note"},
    {"consultant", "consultant"}, {"置业顾问", "consultant"}, {"顾问", "consultant"},
    {"channel", "channel"}, {"渠道", "channel"}, {"来源", "channel"}, {"来源渠道", "channel"},
};

constexpr std::string_view field_keys[] = {
    "name", "mobile", "phone", "home_phone", "office_phone", "other_phone", "gender",
    "tier", "first_contact", "note", "consultant", "channel", "ignore"};

std::string header_key(std::string_view header) { return text::lower_ascii(text::trim(header)); }

// Dates as spreadsheets show them: 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, 20260305,
// optionally followed by a time of day, which is ignored.
Date parse_sheet_date(std::string_view raw, const std::string& field) {
    std::string s(text::trim(raw));
    if (const auto space = s.find(' '); space != std::string::npos) s.erase(space);
    int parts[3] = {0, 0, 0};
    int count = 0, digits = 0;
    bool ok = true;
    if (s.size() == 8 && s.find_first_not_of("0123456789") == std::string::npos) {
        parts[0] = std::stoi(s.substr(0, 4));
        parts[1] = std::stoi(s.substr(4, 2));
        parts[2] = std::stoi(s.substr(6, 2));
        count = 3;
    } else {
        for (std::size_t i = 0; i <= s.size() && ok; ++i) {
            const char c = i < s.size() ? s[i] : '\0';
            if (c >= '0' && c <= '9') {
                if (count == 3 || ++digits > 4) ok = false;
                else parts[count] = parts[count] * 10 + (c - '0');
                continue;
            }
            if (digits > 0) ++count;
            digits = 0;
            if (c == '\0') break;
            // separators: - / . and the UTF-8 bytes of 年 月 日
            if (!(c == '-' || c == '/' || c == '.' || (static_cast<unsigned char>(c) >= 0x80))) ok = false;
        }
        if (ok && s.find_first_of("-/.") == std::string::npos && s.find("年") == std::string::npos) ok = false;
    }
    if (!ok || count != 3 || parts[0] < 1000) throw_invalid(field, "'" + std::string(raw) + "' is not a date (e.g. 2026-03-05 or 2026/3/5)");
    const auto y = static_cast<unsigned short>(parts[0]), m = static_cast<unsigned short>(parts[1]),
               d = static_cast<unsigned short>(parts[2]);
    if (m < 1 || m > 12 || d < 1 || d > boost::gregorian::gregorian_calendar::end_of_month_day(y, m))
        throw_invalid(field, "'" + std::string(raw) + "' is not a day of the calendar");
    return Date(y, m, d);
}

struct Column {
    std::size_t index;
    std::string header;
    std::string key;
};

class RowReader {
public:
    RowReader(detail::Store& store, const Site& site, const std::vector<Column>& columns, const LeadImportOptions& options)
        : columns_(columns), options_(options) {
        for (const Column& c : columns) headers_[c.key] = c.header;
        detail::Query q(store, "SELECT id, name FROM consultants WHERE site_id = ? AND active");
        q->bind(1, site.id);
        while (q->executeStep()) consultants_.emplace(q->getColumn(1).getString(), q->getColumn(0).getInt64());
    }

    // The customer a row describes; throws invalid_argument naming the field.
    NewCustomer read(const std::vector<std::string>& cells, std::vector<std::string>& phone_headers) const {
        NewCustomer c;
        c.site = options_.site;
        c.channel = options_.channel;
        c.consultant_id = options_.consultant_id;
        phone_headers.clear();
        // A mobile from a phone column is the customer's mobile only when the mobile column is
        // blank, whichever column comes first.
        bool mobile_given = false;
        for (const Column& col : columns_)
            mobile_given = mobile_given || (col.key == "mobile" && col.index < cells.size() &&
                                            !text::trim(cells[col.index]).empty());
        for (const Column& col : columns_) {
            const std::string value = col.index < cells.size() ? cells[col.index] : std::string();
            if (!text::is_valid_utf8(value)) throw_invalid(col.key, "is not valid UTF-8");
            const std::string_view v = text::trim(value);
            const std::string& k = col.key;
            if (k == "name") c.name = value;
            else if (k == "note") c.note = value;
            else if (v.empty()) continue;
            else if (k == "mobile") c.mobile = value;
            else if (k == "gender") c.gender = parse_gender(v, k);
            else if (k == "tier") c.tier = parse_tier(v, k);
            else if (k == "channel") c.channel = parse_channel(v, k);
            else if (k == "first_contact") c.first_contact = parse_sheet_date(v, k);
            else if (k == "consultant") c.consultant_id = consultant_named(std::string(v));
            else if (k == "phone" && !mobile_given && c.mobile.empty() && normalize_phone(v, k).mainland_mobile)
                c.mobile = value;
            else {
                const PhoneKind kind = k == "home_phone" ? PhoneKind::home
                                       : k == "office_phone" ? PhoneKind::office
                                                             : PhoneKind::other;
                c.phones.push_back(Phone{kind, value});
                phone_headers.push_back(col.header);
            }
        }
        return c;
    }

    // The column a field error is about, for the person fixing the spreadsheet.
    std::string column_of(const std::string& field, const std::vector<std::string>& phone_headers) const {
        if (field.rfind("phones[", 0) == 0) {
            const std::size_t i = std::stoul(field.substr(7));
            return i < phone_headers.size() ? phone_headers[i] : std::string();
        }
        auto it = headers_.find(field);
        if (it != headers_.end()) return it->second;
        if (field == "mobile") {
            it = headers_.find("phone");
            if (it != headers_.end()) return it->second;
        }
        return {};
    }

private:
    std::int64_t consultant_named(const std::string& name) const {
        const auto n = consultants_.count(name);
        if (n == 0) throw_invalid("consultant", "no active consultant called '" + name + "' at site " + options_.site);
        if (n > 1)
            throw_invalid("consultant", std::to_string(n) + " consultants at site " + options_.site + " are called '" +
                                            name + "'; leave the cell blank and assign by id after the import");
        return consultants_.find(name)->second;
    }

    const std::vector<Column>& columns_;
    const LeadImportOptions& options_;
    std::map<std::string, std::string> headers_;   // field key → header
    std::multimap<std::string, std::int64_t> consultants_;
};

std::vector<Column> map_columns(const std::vector<std::string>& header, const LeadImportOptions& options,
                                LeadImportReport& report) {
    std::map<std::string, std::string> mapping;   // normalised header → key
    for (const auto& [h, key] : options.mapping) {
        const std::string k = text::lower_ascii(text::trim(key));
        bool known = false;
        for (auto fk : field_keys) known = known || fk == k;
        if (!known) throw_invalid("mapping", "'" + key + "' (for column '" + h + "') is not a field; use name, mobile, "
                                             "phone, home_phone, office_phone, other_phone, gender, tier, "
                                             "first_contact, note, consultant, channel or ignore");
        mapping[header_key(h)] = k;
    }
    std::set<std::string> seen_headers;
    for (const auto& h : header) seen_headers.insert(header_key(h));
    for (const auto& [h, key] : options.mapping)
        if (!seen_headers.count(header_key(h)))
            throw_invalid("mapping", "column '" + h + "' is not in the file's header row");

    std::vector<Column> columns;
    std::set<std::string> used;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string h = header_key(header[i]);
        std::string key;
        if (auto it = mapping.find(h); it != mapping.end()) key = it->second;
        else if (options.mapping.empty())
            for (const auto& alias : known_headers)
                if (alias.header == h) key = std::string(alias.key);
        const std::string shown(text::trim(header[i]));
        if (key.empty() || key == "ignore") {
            if (!shown.empty()) report.ignored_columns.push_back(shown);
            continue;
        }
        const bool many = key == "phone" || key == "home_phone" || key == "office_phone" || key == "other_phone" ||
                          key == "note";
        if (!many && !used.insert(key).second)
            throw_invalid("mapping", "two columns map to " + key + " (the second is '" + shown + "')");
        columns.push_back(Column{i, shown, key});
        report.columns[shown] = key;
    }
    if (!used.count("name"))
        throw_invalid("mapping", "no column holds the customer's name (a header such as 姓名 or name, or a mapping to name)");
    return columns;
}

} // namespace

LeadImportReport LeadImporter::import_file(const std::string& path, const LeadImportOptions& options) {
    return import_data(file::read_all(path), options);
}

LeadImportReport LeadImporter::import_data(std::string_view data, const LeadImportOptions& options) {
    if (options.progress_every < 1) throw_invalid("progress_every", "must be at least 1");
    if (options.delimiter && options.delimiter != ',' && options.delimiter != '\t' && options.delimiter != ';')
        throw_invalid("delimiter", "must be ',', tab or ';'");
    LeadImportReport report;
    report.dry_run = options.dry_run;
    const detail::Decoded decoded = detail::decode_to_utf8(data, options.encoding);
    report.encoding = decoded.encoding;
    const char delimiter = options.delimiter ? options.delimiter : detail::detect_delimiter(decoded.text);
    const detail::CsvFile csv = detail::parse_csv(decoded.text, delimiter);
    if (csv.records.empty()) throw_invalid("data", "the file is empty: a header row is needed");
    const std::vector<Column> columns = map_columns(csv.records[0].cells, options, report);
    const std::size_t header_cells = csv.records[0].cells.size();

    return store_.write_if([&] {
        const Site site = detail::require_site(store_, options.site, "site");
        detail::Filing filing(store_);
        if (options.consultant_id) filing.check_consultant(*options.consultant_id, site.id, "consultant_id");
        const RowReader reader(store_, site, columns, options);
        std::map<std::int64_t, std::int64_t> line_of;   // customer filed by this import → its line
        std::vector<std::string> phone_headers;
        ImportProgress progress;
        progress.rows_total = static_cast<std::int64_t>(csv.records.size()) - 1;
        const auto report_progress = [&] {
            if (options.progress && !options.progress(progress))
                throw Error(Status::cancelled, "the lead import was cancelled; nothing was imported");
        };

        for (std::size_t r = 1; r < csv.records.size(); ++r) {
            const detail::CsvRecord& rec = csv.records[r];
            bool blank = true;
            for (const auto& cell : rec.cells) blank = blank && text::trim(cell).empty();
            if (!blank) {
                ++report.rows;
                const auto reject = [&](const std::string& field, const std::string& reason) {
                    report.rejected.push_back(RejectedRow{rec.line, field, reason});
                    ++progress.rejected;
                };
                if (csv.unterminated_line && rec.line >= csv.unterminated_line) {
                    reject("", "a quote opened on line " + std::to_string(csv.unterminated_line) + " is never closed");
                } else if (std::any_of(rec.cells.begin() + static_cast<std::ptrdiff_t>(std::min(rec.cells.size(), header_cells)),
                                       rec.cells.end(), [](const std::string& cell) { return !text::trim(cell).empty(); })) {
                    reject("", "has " + std::to_string(rec.cells.size()) + " cells; the header has " +
                                   std::to_string(header_cells));
                } else {
                    try {
                        const detail::CustomerDraft draft = filing.prepare(reader.read(rec.cells, phone_headers));
                        filing.check_phones(draft);
                        const std::int64_t id = filing.file({draft}).front().id;
                        line_of[id] = rec.line;
                        report.customer_ids.push_back(id);
                        ++progress.imported;
                    } catch (const Error& e) {
                        // A number format that repeats old numbers is the site's problem, not the
                        // row's: the import fails as a whole (and takes no number).
                        if ((e.status() != Status::invalid_argument && e.status() != Status::conflict &&
                             e.status() != Status::not_found && e.status() != Status::invalid_state) ||
                            e.field() == "number_format")
                            throw;
                        std::string reason = e.what();
                        const std::string column = reader.column_of(e.field(), phone_headers);
                        if (!column.empty() && reason.rfind(e.field() + ": ", 0) == 0)
                            reason = "column '" + column + "': " + reason.substr(e.field().size() + 2);
                        if (auto it = line_of.find(e.record_id()); it != line_of.end())
                            reason += ", filed from line " + std::to_string(it->second) + " of this file";
                        reject(e.field(), reason);
                    }
                }
            }
            ++progress.rows_done;
            if (progress.rows_done % options.progress_every == 0) report_progress();
        }
        if (progress.rows_done % options.progress_every != 0 || progress.rows_done == 0) report_progress();
        const bool commit = !options.dry_run && !(options.all_or_nothing && !report.rejected.empty());
        if (commit) report.imported = progress.imported;
        else report.customer_ids.clear();
        return std::pair<LeadImportReport, bool>{std::move(report), commit};
    });
}

} // namespace snowball
