// Site tours and owner events: kinds, events and series, invitations, answers, reminders,
// check-in and outcomes.
#include "documents.hpp"

#include "codec/events.hpp"
#include "snowball/events.hpp"

using namespace snowball;
using namespace snowball::capi;

extern "C" {

int snowball_event_kinds(char** out_json, snowball_archive* archive, const char* site) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.events().kinds(required_text(site, "site")));
    SNOWBALL_API_END
}

int snowball_event_add_kind(char** out_json, snowball_archive* archive, const char* site, const char* kind_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string s = required_text(site, "site");
    give_json(out_json, a.events().add_kind(s, input<EventKind>(kind_json, "kind_json")));
    SNOWBALL_API_END
}

int snowball_event_create(char** out_json, snowball_archive* archive, const char* event_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.events().create(input<NewEvent>(event_json, "event_json")));
    SNOWBALL_API_END
}

int snowball_event_create_series(char** out_json, snowball_archive* archive, const char* series_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.events().create_series(input<NewEventSeries>(series_json, "series_json")));
    SNOWBALL_API_END
}

int snowball_event_get(char** out_json, snowball_archive* archive, int64_t event_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).events().get(event_id));
    SNOWBALL_API_END
}

int snowball_event_list(char** out_json, snowball_archive* archive, const char* query_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.events().list(input<EventQuery>(query_json, "query_json")));
    SNOWBALL_API_END
}

int snowball_event_series(char** out_json, snowball_archive* archive, int64_t series_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).events().series(series_id));
    SNOWBALL_API_END
}

int snowball_event_update(char** out_json, snowball_archive* archive, int64_t event_id, const char* update_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.events().update(event_id, input<EventUpdate>(update_json, "update_json")));
    SNOWBALL_API_END
}

int snowball_event_cancel(char** out_json, snowball_archive* archive, int64_t event_id, const char* reason, const char* channel,
                          int64_t by, snowball_sender_fn fn, void* user) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const std::string why = required_text(reason, "reason");
    const std::optional<ContactChannel> told =
        channel ? std::optional<ContactChannel>(parse_contact_channel(channel, "channel")) : std::nullopt;
    give_json(out_json, a.events().cancel(event_id, why, told, sender_from_c(fn, user), optional_consultant(by)));
    SNOWBALL_API_END
}

int snowball_event_invite(char** out_json, snowball_archive* archive, int64_t event_id, const char* request_json,
                          snowball_sender_fn fn, void* user) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    InviteRequest request = input<InviteRequest>(request_json, "request_json");
    request.sender = sender_from_c(fn, user);
    give_json(out_json, a.events().invite(event_id, request));
    SNOWBALL_API_END
}

int snowball_event_rsvp(char** out_json, snowball_archive* archive, int64_t event_id, int64_t customer_id, const char* answer,
                        int party) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const RsvpAnswer given = parse_rsvp_answer(required_text(answer, "answer"), "answer");
    give_json(out_json, a.events().rsvp(event_id, customer_id, given, party));
    SNOWBALL_API_END
}

int snowball_event_invitations(char** out_json, snowball_archive* archive, int64_t event_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).events().invitations(event_id));
    SNOWBALL_API_END
}

int snowball_event_remind(char** out_json, snowball_archive* archive, int64_t event_id, const char* channel, const char* text,
                          const char* at, snowball_sender_fn fn, void* user) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    const ContactChannel c = parse_contact_channel(required_text(channel, "channel"), "channel");
    give_json(out_json, a.events().remind(event_id, c, sender_from_c(fn, user), optional_text(text), optional_text(at)));
    SNOWBALL_API_END
}

int snowball_event_check_in(char** out_json, snowball_archive* archive, int64_t event_id, const char* check_in_json) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    Archive& a = archive_of(archive);
    give_json(out_json, a.events().check_in(event_id, input<CheckIn>(check_in_json, "check_in_json")));
    SNOWBALL_API_END
}

int snowball_event_close(int64_t* out_count, snowball_archive* archive, int64_t event_id) {
    SNOWBALL_API_BEGIN
    init_out(out_count, "out_count");
    *out_count = archive_of(archive).events().close(event_id);
    SNOWBALL_API_END
}

int snowball_event_link_campaign(snowball_archive* archive, int64_t event_id, int64_t campaign_id) {
    SNOWBALL_API_BEGIN
    archive_of(archive).events().link_campaign(event_id, campaign_id);
    SNOWBALL_API_END
}

int snowball_event_outcome(char** out_json, snowball_archive* archive, int64_t event_id) {
    SNOWBALL_API_BEGIN
    init_out(out_json, "out_json");
    give_json(out_json, archive_of(archive).events().outcome(event_id));
    SNOWBALL_API_END
}

} // extern "C"
