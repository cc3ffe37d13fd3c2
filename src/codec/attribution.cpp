#include "codec/attribution.hpp"

#include "codec/catalogue.hpp"

using namespace snowball;
using namespace snowball::codec;

SNOWBALL_CODEC_MODULE(attribution)

namespace snowball::codec {

template <>
struct Record<NewPartner> {
    using T = NewPartner;
    static auto fields() {
        return std::make_tuple(required("site", &T::site), in("kind", &T::kind), required("name", &T::name),
                               in("company", &T::company), in("phone", &T::phone));
    }
};

template <>
struct Record<Partner> {
    using T = Partner;
    static auto fields() {
        return std::make_tuple(out("id", &T::id), out("site", &T::site), out("kind", &T::kind), out("name", &T::name),
                               out("company", &T::company), out("phone", &T::phone), out("active", &T::active),
                               out("created_at", &T::created_at), out("updated_at", &T::updated_at));
    }
};

template <>
struct Record<PartnerUpdate> {
    using T = PartnerUpdate;
    static auto fields() {
        return std::make_tuple(in("kind", &T::kind), in("name", &T::name), in("company", &T::company), in("phone", &T::phone),
                               in("active", &T::active));
    }
};

template <>
struct Record<NewRegistration> {
    using T = NewRegistration;
    static auto fields() {
        return std::make_tuple(required("site", &T::site), required("phone", &T::phone), in("name", &T::name),
                               in("consultant_id", &T::consultant_id), in("partner_id", &T::partner_id),
                               in("channel", &T::channel), in("note", &T::note), in("at", &T::at));
    }
};

template <>
struct Record<Registration> {
    using T = Registration;
    static auto fields() {
        return std::make_tuple(out("id", &T::id), out("site", &T::site), out("phone", &T::phone), out("partial", &T::partial),
                               out("name", &T::name), out("channel", &T::channel), out("consultant_id", &T::consultant_id),
                               out("partner_id", &T::partner_id), out("customer_id", &T::customer_id), out("status", &T::status),
                               out("registered_at", &T::registered_at), out("registered_on", &T::registered_on),
                               out("expires", &T::expires), out("renewed_on", &T::renewed_on),
                               out("confirmed_on", &T::confirmed_on), out("note", &T::note), out("created_by", &T::created_by));
    }
};

template <>
struct Record<RegistrationQuery> {
    using T = RegistrationQuery;
    static auto fields() {
        return std::make_tuple(required("site", &T::site), in("consultant_id", &T::consultant_id), in("partner_id", &T::partner_id),
                               in("status", &T::status), in("valid_only", &T::valid_only), in("as_of", &T::as_of),
                               in("limit", &T::limit));
    }
};

template <>
struct Record<JudgeRequest> {
    using T = JudgeRequest;
    static auto fields() {
        return std::make_tuple(required("site", &T::site), required("phone", &T::phone), in("consultant_id", &T::consultant_id),
                               in("name", &T::name), in("at", &T::at));
    }
};

template <>
struct Record<Judgement> {
    using T = Judgement;
    static auto fields() {
        return std::make_tuple(out("site", &T::site), out("phone", &T::phone), out("owner_consultant_id", &T::owner_consultant_id),
                               out("owner_consultant", &T::owner_consultant), out("owner_partner_id", &T::owner_partner_id),
                               out("owner_partner", &T::owner_partner), out("registration", &T::registration),
                               out("customer_id", &T::customer_id), out("family_of", &T::family_of), out("reason", &T::reason),
                               out("explanation", &T::explanation), out("expires", &T::expires), out("in_pool", &T::in_pool));
    }
};

template <>
struct Record<Attribution> {
    using T = Attribution;
    static auto fields() {
        return std::make_tuple(out("customer_id", &T::customer_id), out("site", &T::site), out("consultant_id", &T::consultant_id),
                               out("partner_id", &T::partner_id), out("registration_id", &T::registration_id),
                               out("source", &T::source), out("since", &T::since), out("expires", &T::expires),
                               out("in_pool", &T::in_pool));
    }
};

template <>
struct Record<PoolEntry> {
    using T = PoolEntry;
    static auto fields() {
        return std::make_tuple(out("customer_id", &T::customer_id), out("site", &T::site), out("archive_no", &T::archive_no),
                               out("since", &T::since), out("previous_consultant_id", &T::previous_consultant_id),
                               out("registration_id", &T::registration_id));
    }
};

template <>
struct Record<NewDispute> {
    using T = NewDispute;
    static auto fields() {
        return std::make_tuple(required("customer_id", &T::customer_id), in("consultant_id", &T::consultant_id),
                               in("partner_id", &T::partner_id), in("registration_id", &T::registration_id),
                               required("note", &T::note));
    }
};

template <>
struct Record<Decision> {
    using T = Decision;
    static auto fields() {
        return std::make_tuple(in("consultant_id", &T::consultant_id), in("partner_id", &T::partner_id), required("by", &T::by),
                               in("note", &T::note));
    }
};

template <>
struct Record<Dispute> {
    using T = Dispute;
    static auto fields() {
        return std::make_tuple(out("id", &T::id), out("site", &T::site), out("customer_id", &T::customer_id),
                               out("claimant_consultant_id", &T::claimant_consultant_id),
                               out("claimant_partner_id", &T::claimant_partner_id), out("registration_id", &T::registration_id),
                               out("note", &T::note), out("status", &T::status), out("winner_consultant_id", &T::winner_consultant_id),
                               out("winner_partner_id", &T::winner_partner_id), out("decided_by", &T::decided_by),
                               out("decision_note", &T::decision_note), out("created_at", &T::created_at),
                               out("created_by", &T::created_by), out("decided_at", &T::decided_at));
    }
};

template <>
struct Record<AttributionChange> {
    using T = AttributionChange;
    static auto fields() {
        return std::make_tuple(out("id", &T::id), out("customer_id", &T::customer_id), out("site", &T::site), out("reason", &T::reason),
                               out("consultant_id", &T::consultant_id), out("partner_id", &T::partner_id),
                               out("previous_consultant_id", &T::previous_consultant_id),
                               out("previous_partner_id", &T::previous_partner_id), out("registration_id", &T::registration_id),
                               out("dispute_id", &T::dispute_id), out("note", &T::note), out("at", &T::at), out("by", &T::by));
    }
};

template <>
struct Record<AttributionSettings> {
    using T = AttributionSettings;
    static auto fields() {
        return std::make_tuple(field("site", &T::site), field("phone_inquiry_days", &T::phone_inquiry_days),
                               field("walk_in_days", &T::walk_in_days), field("distributor_days", &T::distributor_days),
                               field("agency_days", &T::agency_days), field("broker_days", &T::broker_days),
                               field("claim_days", &T::claim_days), field("family_follows", &T::family_follows));
    }
};

template <>
struct Record<AttributionSettingsUpdate> {
    using T = AttributionSettingsUpdate;
    static auto fields() {
        return std::make_tuple(in("phone_inquiry_days", &T::phone_inquiry_days), in("walk_in_days", &T::walk_in_days),
                               in("distributor_days", &T::distributor_days), in("agency_days", &T::agency_days),
                               in("broker_days", &T::broker_days), in("claim_days", &T::claim_days),
                               in("family_follows", &T::family_follows));
    }
};

} // namespace snowball::codec

SNOWBALL_CODEC_READER(NewPartner)
SNOWBALL_CODEC_WRITER(Partner)
SNOWBALL_CODEC_READER(PartnerUpdate)
SNOWBALL_CODEC_READER(NewRegistration)
SNOWBALL_CODEC_WRITER(Registration)
SNOWBALL_CODEC_READER(RegistrationQuery)
SNOWBALL_CODEC_READER(JudgeRequest)
SNOWBALL_CODEC_WRITER(Judgement)
SNOWBALL_CODEC_WRITER(Attribution)
SNOWBALL_CODEC_WRITER(PoolEntry)
SNOWBALL_CODEC_READER(NewDispute)
SNOWBALL_CODEC_READER(Decision)
SNOWBALL_CODEC_WRITER(Dispute)
SNOWBALL_CODEC_WRITER(AttributionChange)
SNOWBALL_CODEC_WRITER(AttributionSettings)
SNOWBALL_CODEC_READER(AttributionSettings)
SNOWBALL_CODEC_READER(AttributionSettingsUpdate)
