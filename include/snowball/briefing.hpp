// The visit briefing (MISSION §2 tactics 1 and 3): what a consultant must know the moment a
// customer phones or walks in — who they are, how to address them, their family, what they like,
// their last visits and deals, and what to ask next. Recognition by phone is the hot path.
#pragma once

#include "snowball/archive.hpp"
#include "snowball/care.hpp"
#include "snowball/contacts.hpp"
#include "snowball/customers.hpp"
#include "snowball/feedback.hpp"
#include "snowball/profiles.hpp"

#include <optional>
#include <string>
#include <vector>

namespace snowball {

namespace detail {
class Store;
}

// A field of the profile as the briefing shows it: key, label and a text for people, in the
// briefing's language (profiles.hpp).
using BriefingItem = ProfileItem;

struct Briefing {
    Customer customer;
    // How to greet them: surname and 先生/女士 when the gender is known (欧阳先生), else the name.
    std::string salutation;
    std::optional<Consultant> consultant;
    std::vector<FamilyMember> family;
    // The template's briefing fields that have a value (preferences: cuisine, drinking, smoking, ...).
    std::vector<BriefingItem> profile;
    std::vector<Visit> recent_visits;   // newest first, at most 3
    std::int64_t visit_count = 0;
    std::vector<Deal> deals;            // open deals (not cancelled), at any stage: a reservation matters on a call
    double completeness = 0;
    std::vector<BriefingItem> ask_next; // the unfilled fields most worth asking about
    std::vector<Ticket> open_tickets;   // complaints and suggestions still open, newest first
    // The occasions of today and the next `upcoming_days` days (30), by date.
    std::vector<UpcomingOccasion> upcoming;
    // The contact log: the latest contacts (newest first, at most 3) and where the follow-up stands
    // (the next contact planned or due by the policy).
    std::vector<ContactEntry> recent_contacts;
    FollowUp follow_up;
};

// How far ahead the briefing looks for occasions.
constexpr int upcoming_days = 30;

// "张先生", "欧阳女士"; with the gender unknown "张伟先生/女士" (the name alone in English).
std::string salutation(const std::string& name, Gender gender, Language language = Language::zh);

// The briefing combines the public services of the modules below it, in one read of the archive.
class Briefings {
public:
    Briefings(detail::Store& store, Customers& customers, Consultants& consultants, Family& family,
              Profiles& profiles, Feedback& feedback, CareCalendar& calendar, Contacts& contacts);
    // Who is calling? nullopt when the phone is not on file (at `site`, or anywhere).
    std::optional<Briefing> by_phone(std::string_view phone, std::string_view site = {},
                                     Language language = Language::zh) const;
    Briefing for_customer(std::int64_t customer_id, Language language = Language::zh) const;

private:
    Briefing brief(Customer customer, Language language) const;

    detail::Store& store_;
    Customers& customers_;
    Consultants& consultants_;
    Family& family_;
    Profiles& profiles_;
    Feedback& feedback_;
    CareCalendar& calendar_;
    Contacts& contacts_;
};

} // namespace snowball
