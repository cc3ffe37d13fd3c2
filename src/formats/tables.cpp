// The lists of the archive as tables for CSV (snowball/csv.hpp).
#include "archive/store.hpp"
#include "snowball/formats.hpp"

namespace snowball {

Table Formats::customer_table(const CustomerQuery& query) const {
    return store_.read([&] {
        Table t;
        t.columns = {{"archive_no", "档案编号"}, {"site", "案场"},         {"name", "姓名"},
                     {"gender", "性别"},         {"mobile", "手机"},       {"phones", "其他电话"},
                     {"channel", "来源"},        {"stage", "阶段"},        {"tier", "等级"},
                     {"consultant_id", "顾问编号"}, {"first_contact", "首次接触"}, {"birthday", "生日"},
                     {"note", "备注"},           {"filed_at", "建档时间"}};
        CustomerQuery q = query;
        q.limit = 10000;
        q.offset = 0;
        for (;;) {
            const Page<Customer> page = customers_.list(q);
            for (const Customer& c : page.items) {
                std::string phones;
                for (const Phone& p : c.phones) phones += (phones.empty() ? "" : "; ") + std::string(to_string(p.kind)) + ":" + p.number;
                t.rows.push_back({c.archive_no, c.site, c.name, c.gender == Gender::unknown ? "" : to_string(c.gender),
                                  c.mobile, phones, to_string(c.channel), to_string(c.stage), to_string(c.tier),
                                  c.consultant_id ? std::to_string(*c.consultant_id) : "", to_iso(c.first_contact),
                                  c.birthday ? to_string(*c.birthday) : "", c.note, c.filed_at});
            }
            q.offset += static_cast<std::int64_t>(page.items.size());
            if (page.items.empty() || q.offset >= page.total) break;
        }
        return t;
    });
}

} // namespace snowball
