#include "codec/contacts.hpp"

#include "codec/catalogue.hpp"

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(contacts)

namespace snowball::codec {

template <>
struct Record<ContactOutcome> {
    using T = ContactOutcome;
    static auto fields() {
        return std::make_tuple(required("key", &T::key), field("label", &T::label), field("reached", &T::reached),
                               out("builtin", &T::builtin));
    }
};

template <>
struct Record<IntentGrade> {
    using T = IntentGrade;
    static auto fields() {
        return std::make_tuple(required("key", &T::key), field("label", &T::label), field("every_days", &T::every_days));
    }
};

template <>
struct Record<QuietHours> {
    static auto fields() { return std::make_tuple(required("from", &QuietHours::from), required("to", &QuietHours::to)); }
};

template <>
struct Record<ContactSettings> {
    using T = ContactSettings;
    static auto fields() {
        return std::make_tuple(field("site", &T::site), field("grades", &T::grades), field("owner_every_days", &T::owner_every_days),
                               field("outcomes", &T::outcomes), field("quiet_hours", &T::quiet_hours));
    }
};

template <>
struct Record<ContactSettingsUpdate> {
    using T = ContactSettingsUpdate;
    static auto fields() {
        return std::make_tuple(in("grades", &T::grades), in("owner_every_days", &T::owner_every_days),
                               in("quiet_hours", &T::quiet_hours));
    }
};

template <>
struct Record<NextContact> {
    using T = NextContact;
    static auto fields() {
        return std::make_tuple(required("date", &T::date), field("time", &T::time), field("channel", &T::channel),
                               field("purpose", &T::purpose));
    }
};

template <>
struct Record<NewContact> {
    using T = NewContact;
    static auto fields() {
        return std::make_tuple(required("channel", &T::channel), in("direction", &T::direction), required("outcome", &T::outcome),
                               in("note", &T::note), in("intent", &T::intent), in("next_contact", &T::next_contact),
                               in("at", &T::at), in("duration_s", &T::duration_s), in("by", &T::by),
                               in("care_task_id", &T::care_task_id), in("ticket_id", &T::ticket_id),
                               in("campaign_id", &T::campaign_id), in("referral_id", &T::referral_id), in("deal_id", &T::deal_id));
    }
};

template <>
struct Record<ContactEntry> {
    using T = ContactEntry;
    static auto fields() {
        return std::make_tuple(
            out("id", &T::id), out("customer_id", &T::customer_id), out("site", &T::site), out("consultant_id", &T::consultant_id),
            out("at", &T::at), out("day", &T::day), out("channel", &T::channel), out("direction", &T::direction),
            out("duration_s", &T::duration_s), out("outcome", &T::outcome), out("reached", &T::reached), out("note", &T::note),
            out("intent_before", &T::intent_before), out("intent", &T::intent), out("next_contact", &T::next_contact),
            out("care_task_id", &T::care_task_id), out("ticket_id", &T::ticket_id), out("campaign_id", &T::campaign_id),
            out("referral_id", &T::referral_id), out("deal_id", &T::deal_id), out("event_id", &T::event_id),
            out("delivery_id", &T::delivery_id), out("quiet_hours", &T::quiet_hours),
            out("supersedes", &T::supersedes), out("superseded_by", &T::superseded_by), out("recorded_by", &T::recorded_by),
            out("recorded_at", &T::recorded_at));
    }
};

template <>
struct Record<FollowUp> {
    using T = FollowUp;
    static auto fields() {
        return std::make_tuple(out("customer_id", &T::customer_id), out("last_contact_at", &T::last_contact_at),
                               out("last_contact_day", &T::last_contact_day), out("last_channel", &T::last_channel),
                               out("last_reached_day", &T::last_reached_day), out("intent", &T::intent), out("next_on", &T::next_on),
                               out("next_time", &T::next_time), out("next_channel", &T::next_channel),
                               out("next_purpose", &T::next_purpose), out("next_source", &T::next_source));
    }
};

template <>
struct Record<ContactWindow> {
    using T = ContactWindow;
    static auto fields() {
        return std::make_tuple(out("days", &T::days), out("contacts", &T::contacts), out("reached", &T::reached),
                               out("customers", &T::customers), out("by_channel", &T::by_channel));
    }
};

template <>
struct Record<ContactFrequency> {
    using T = ContactFrequency;
    static auto fields() {
        return std::make_tuple(out("as_of", &T::as_of), out("last_contact_at", &T::last_contact_at), out("windows", &T::windows));
    }
};

template <>
struct Record<FrequencyQuery> {
    using T = FrequencyQuery;
    static auto fields() {
        return std::make_tuple(in("customer_id", &T::customer_id), in("consultant_id", &T::consultant_id), in("site", &T::site),
                               in("as_of", &T::as_of));
    }
};

template <>
struct Record<DueItem> {
    using T = DueItem;
    static auto fields() {
        return std::make_tuple(out("kind", &T::kind), out("due", &T::due), out("overdue", &T::overdue),
                               out("customer_id", &T::customer_id), out("customer_name", &T::customer_name),
                               out("archive_no", &T::archive_no), out("tier", &T::tier), out("stage", &T::stage),
                               out("consultant_id", &T::consultant_id), out("intent", &T::intent), out("channel", &T::channel),
                               out("time", &T::time), out("purpose", &T::purpose), out("source", &T::source),
                               out("care_task_id", &T::care_task_id), out("occasion", &T::occasion),
                               out("last_contact_day", &T::last_contact_day));
    }
};

template <>
struct Record<DueQuery> {
    using T = DueQuery;
    static auto fields() {
        return std::make_tuple(in("on", &T::on), in("consultant_id", &T::consultant_id), in("site", &T::site),
                               in("include_overdue", &T::include_overdue));
    }
};

template <>
struct Record<QuietCustomer> {
    using T = QuietCustomer;
    static auto fields() {
        return std::make_tuple(out("customer_id", &T::customer_id), out("name", &T::name), out("archive_no", &T::archive_no),
                               out("tier", &T::tier), out("stage", &T::stage), out("consultant_id", &T::consultant_id),
                               out("last_contact_day", &T::last_contact_day), out("days_since", &T::days_since));
    }
};

template <>
struct Record<NotContactedQuery> {
    using T = NotContactedQuery;
    static auto fields() {
        return std::make_tuple(required("site", &T::site), in("days", &T::days), in("stage", &T::stage), in("tier", &T::tier),
                               in("consultant_id", &T::consultant_id), in("as_of", &T::as_of), in("limit", &T::limit),
                               in("offset", &T::offset));
    }
};

template <>
struct Record<CareReportRow> {
    using T = CareReportRow;
    static auto fields() {
        return std::make_tuple(
            out("period_start", &T::period_start), out("period_end", &T::period_end), out("consultant_id", &T::consultant_id),
            out("consultant_name", &T::consultant_name), out("total", &T::total), out("tasks_due", &T::tasks_due),
            out("done_on_time", &T::done_on_time), out("done_late", &T::done_late), out("skipped", &T::skipped),
            out("skip_reasons", &T::skip_reasons), out("overdue", &T::overdue), out("contacts", &T::contacts),
            out("reached", &T::reached), out("customers_contacted", &T::customers_contacted), out("by_channel", &T::by_channel),
            out("by_outcome", &T::by_outcome), out("calls_in_quiet_hours", &T::calls_in_quiet_hours),
            out("grade_moves", &T::grade_moves), out("prospects_without_next", &T::prospects_without_next),
            out("owners_not_contacted_90", &T::owners_not_contacted_90));
    }
};

template <>
struct Record<CareReport> {
    using T = CareReport;
    static auto fields() {
        return std::make_tuple(out("site", &T::site), out("start", &T::start), out("end", &T::end), out("period", &T::period),
                               out("as_of", &T::as_of), out("rows", &T::rows));
    }
};

template <>
struct Record<CareReportQuery> {
    using T = CareReportQuery;
    static auto fields() {
        return std::make_tuple(required("site", &T::site), required("start", &T::start), required("end", &T::end),
                               in("period", &T::period), in("consultant_id", &T::consultant_id), in("as_of", &T::as_of));
    }
};

} // namespace snowball::codec

SNOWBALL_CODEC_WRITER(ContactOutcome)
SNOWBALL_CODEC_READER(ContactOutcome)
SNOWBALL_CODEC_WRITER(IntentGrade)
SNOWBALL_CODEC_READER(IntentGrade)
SNOWBALL_CODEC_WRITER(QuietHours)
SNOWBALL_CODEC_READER(QuietHours)
SNOWBALL_CODEC_WRITER(ContactSettings)
SNOWBALL_CODEC_READER(ContactSettings)
SNOWBALL_CODEC_READER(ContactSettingsUpdate)
SNOWBALL_CODEC_WRITER(NextContact)
SNOWBALL_CODEC_READER(NextContact)
SNOWBALL_CODEC_READER(NewContact)
SNOWBALL_CODEC_WRITER(ContactEntry)
SNOWBALL_CODEC_WRITER(FollowUp)
SNOWBALL_CODEC_WRITER(ContactWindow)
SNOWBALL_CODEC_WRITER(ContactFrequency)
SNOWBALL_CODEC_READER(FrequencyQuery)
SNOWBALL_CODEC_WRITER(DueItem)
SNOWBALL_CODEC_READER(DueQuery)
SNOWBALL_CODEC_WRITER(QuietCustomer)
SNOWBALL_CODEC_READER(NotContactedQuery)
SNOWBALL_CODEC_WRITER(CareReportRow)
SNOWBALL_CODEC_WRITER(CareReport)
SNOWBALL_CODEC_READER(CareReportQuery)
