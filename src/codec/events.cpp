// The JSON form of the events records.
#include "codec/events.hpp"

#include "codec/catalogue.hpp"

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(events)

namespace snowball::codec {

template <>
struct Record<EventKind> {
    using T = EventKind;
    static auto fields() {
        return std::make_tuple(required("key", &T::key), required("label", &T::label),
                               field("at_construction_site", &T::at_construction_site), out("builtin", &T::builtin));
    }
};

template <>
struct Record<NewEvent> {
    using T = NewEvent;
    static auto fields() {
        return std::make_tuple(required("site", &T::site), in("kind", &T::kind), required("title", &T::title),
                               required("start", &T::start), in("duration_minutes", &T::duration_minutes), in("place", &T::place),
                               in("capacity", &T::capacity), in("host", &T::host), in("description", &T::description));
    }
};

template <>
struct Record<NewEventSeries> {
    using T = NewEventSeries;
    static auto fields() {
        return std::make_tuple(required("first", &T::first), in("every_weeks", &T::every_weeks), in("until", &T::until),
                               in("count", &T::count));
    }
};

template <>
struct Record<Event> {
    using T = Event;
    static auto fields() {
        return std::make_tuple(
            out("id", &T::id), out("site", &T::site), out("series_id", &T::series_id), out("kind", &T::kind),
            out("title", &T::title), out("start", &T::start), out("date", &T::date), out("time", &T::time),
            out("duration_minutes", &T::duration_minutes), out("place", &T::place), out("capacity", &T::capacity),
            out("host", &T::host), out("description", &T::description), out("status", &T::status),
            out("cancel_reason", &T::cancel_reason), out("changed", &T::changed), out("invited", &T::invited),
            out("confirmed_people", &T::confirmed_people), out("waitlisted", &T::waitlisted), out("created_at", &T::created_at));
    }
};

template <>
struct Record<EventUpdate> {
    using T = EventUpdate;
    static auto fields() {
        return std::make_tuple(in("title", &T::title), in("start", &T::start), in("duration_minutes", &T::duration_minutes),
                               in("place", &T::place), in("capacity", &T::capacity), in("host", &T::host),
                               in("description", &T::description));
    }
};

template <>
struct Record<EventQuery> {
    using T = EventQuery;
    static auto fields() {
        return std::make_tuple(required("site", &T::site), in("from", &T::from), in("to", &T::to), in("kind", &T::kind),
                               in("include_cancelled", &T::include_cancelled));
    }
};

template <>
struct Record<Invitation> {
    using T = Invitation;
    static auto fields() {
        return std::make_tuple(out("event_id", &T::event_id), out("customer_id", &T::customer_id), out("answer", &T::answer),
                               out("party", &T::party), out("waitlisted", &T::waitlisted),
                               out("waitlist_position", &T::waitlist_position), out("attendance", &T::attendance),
                               out("guest_of", &T::guest_of), out("walk_in", &T::walk_in), nullable_text("invited_at", &T::invited_at),
                               nullable_text("answered_at", &T::answered_at), nullable_text("reminded_at", &T::reminded_at),
                               nullable_text("checked_in_at", &T::checked_in_at));
    }
};

template <>
struct Record<InviteRequest> {
    using T = InviteRequest;
    static auto fields() {
        return std::make_tuple(required("audience", &T::audience), in("channel", &T::channel), in("text", &T::text),
                               in("at", &T::at), in("by", &T::by));
    }
};

template <>
struct Record<InviteResult> {
    using T = InviteResult;
    static auto fields() {
        return std::make_tuple(out("invited", &T::invited), out("already", &T::already), out("skipped", &T::skipped),
                               out("skipped_ids", &T::skipped_ids), out("sent", &T::sent));
    }
};

template <>
struct Record<RsvpResult> {
    using T = RsvpResult;
    static auto fields() { return std::make_tuple(out("invitation", &T::invitation), out("promoted", &T::promoted)); }
};

template <>
struct Record<CheckIn> {
    using T = CheckIn;
    static auto fields() {
        return std::make_tuple(in("customer_id", &T::customer_id), in("guest_of", &T::guest_of), in("name", &T::name),
                               in("phone", &T::phone), in("gender", &T::gender), in("at", &T::at), in("by", &T::by));
    }
};

template <>
struct Record<CheckInResult> {
    using T = CheckInResult;
    static auto fields() {
        return std::make_tuple(out("customer_id", &T::customer_id), out("new_prospect", &T::new_prospect),
                               out("referral_id", &T::referral_id), out("referral_note", &T::referral_note),
                               out("invitation", &T::invitation));
    }
};

template <>
struct Record<EventOutcome> {
    using T = EventOutcome;
    static auto fields() {
        return std::make_tuple(out("event_id", &T::event_id), out("invited", &T::invited), out("answered_yes", &T::answered_yes),
                               out("attended", &T::attended), out("no_show", &T::no_show), out("guests", &T::guests),
                               out("new_prospects", &T::new_prospects), out("attendance_rate", &T::attendance_rate),
                               out("deals_90d_attendees", &T::deals_90d_attendees), out("deals_90d_guests", &T::deals_90d_guests),
                               out("survey_responses", &T::survey_responses), out("csat", &T::csat),
                               out("average_rating", &T::average_rating));
    }
};

} // namespace snowball::codec

SNOWBALL_CODEC_WRITER(EventKind)
SNOWBALL_CODEC_READER(EventKind)
SNOWBALL_CODEC_READER(NewEvent)
SNOWBALL_CODEC_READER(NewEventSeries)
SNOWBALL_CODEC_WRITER(Event)
SNOWBALL_CODEC_READER(EventUpdate)
SNOWBALL_CODEC_READER(EventQuery)
SNOWBALL_CODEC_WRITER(Invitation)
SNOWBALL_CODEC_READER(InviteRequest)
SNOWBALL_CODEC_WRITER(InviteResult)
SNOWBALL_CODEC_WRITER(RsvpResult)
SNOWBALL_CODEC_READER(CheckIn)
SNOWBALL_CODEC_WRITER(CheckInResult)
SNOWBALL_CODEC_WRITER(EventOutcome)
