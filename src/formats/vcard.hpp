// vCard 4.0 (RFC 6350) as plain values: a person (a customer or a family member) written as a
// card, and cards read back into persons. No storage here (the service is in formats.cpp).
#pragma once

#include "snowball/customers.hpp"
#include "snowball/profiles.hpp"
#include "snowball/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace snowball::detail::vcard {

// A content line as read: the property name upper-case without its group, its parameters (names
// upper-case, values without quotes, a bare value as TYPE) and its value as written (escaped).
struct Property {
    std::int64_t line = 0;
    std::string name;
    std::vector<std::pair<std::string, std::string>> params;
    std::string value;
    // Whether a TYPE parameter holds `type` (case-insensitive; TYPE=work,voice holds both).
    bool has_type(std::string_view type) const;
    std::string param(std::string_view key) const;    // the first value of the parameter, "" when none
};

// A card between BEGIN:VCARD and END:VCARD; `error` says what is wrong with it as a whole (no END,
// a line that is no property), at `error_line`.
struct Card {
    std::int64_t line = 0;
    std::vector<Property> properties;
    std::int64_t error_line = 0;
    std::string error;
    const Property* first(std::string_view name) const;
};

// The cards of a text; lines outside any card are ignored.
std::vector<Card> parse(std::string_view text);

// A person on a card.
struct Person {
    std::string uid;
    std::string name;
    Gender gender = Gender::unknown;
    std::string mobile;                  // TYPE=cell
    std::vector<Phone> phones;           // home (TYPE=home), office (TYPE=work), other
    std::optional<Birthday> birthday;
    std::string org;
    std::string title;
    std::string note;
    std::optional<Relation> relation;    // a family member: who they are to the customer
    std::vector<std::pair<std::string, std::string>> related;   // (TYPE, the related card's UID)
};

// The card of a person, appended to `out`.
void write(std::string& out, const Person& person);

// What is wrong with a card: the line and the property at fault, and why.
struct Problem {
    std::int64_t line = 0;
    std::string field;
    std::string reason;
};
// The person of a card, or the problem that keeps it from being read (in `problem`).
std::optional<Person> read(const Card& card, Problem& problem);

// The RELATED types between a customer and a family member of the given relation: what the member
// is to the customer (spouse, parent, child, kin) and what the customer is to the member.
const char* related_type(Relation member);
const char* inverse_related_type(Relation member);

} // namespace snowball::detail::vcard
