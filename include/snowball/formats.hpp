// Formats in and out of an archive: customers and their family as vCard 4.0 (RFC 6350) for phones
// and address books, any list or report as a CSV table for Excel (snowball/csv.hpp), and the whole
// archive as JSON lines for backup and for moving it to another machine.
//
// vCard: a customer is a card with UID urn:snowball:<archive number>; N splits a Chinese name into
// surname and given name (compound surnames known: 欧阳;娜娜); TEL carries TYPE=cell / home / work;
// BDAY the Gregorian birthday (a lunar birthday with its year: the Gregorian day of birth), and
// X-SNOWBALL-LUNAR-BDAY the lunar one ("1985-08-15", "1985-L04-15" for a leap month, "--08-15"),
// which other applications ignore; ORG and TITLE the profile's company and position. Each family
// member is a card of its own (UID urn:snowball:<archive number>:family:<id>) with
// X-SNOWBALL-RELATION, RELATED to the customer, whose card is RELATED to them.
#pragma once

#include "snowball/csv.hpp"
#include "snowball/customers.hpp"
#include "snowball/types.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snowball {

namespace detail {
class Store;
}

class Customers;
class Family;
class Profiles;
class Templates;

struct VcardExport {
    std::string site;                          // empty: every site
    std::vector<std::int64_t> customer_ids;    // empty: every customer on file (of the site), by id
    bool family = true;                        // the family members as cards of their own
};

struct VcardImport {
    std::string site;                          // required: where new customers are filed
    Channel channel = Channel::lead;           // how the new customers came
    std::optional<std::int64_t> consultant_id; // their consultant (of the site)
    bool dry_run = false;                      // check every card, write nothing
};

// What became of one card: filed as a new customer; matched to the customer of the site who has
// one of its phones (nothing of theirs changed); filed as a family member of a customer of the same
// file or of the archive (its RELATED names them); skipped, with the line and the reason.
enum class VcardAction { filed, matched, family, skipped };
const char* to_string(VcardAction value) noexcept;
VcardAction parse_vcard_action(std::string_view text, const std::string& field = "action");

struct VcardOutcome {
    std::int64_t line = 0;                     // the line of the card's BEGIN:VCARD
    VcardAction action = VcardAction::skipped;
    std::string uid;                           // the card's UID, as written
    std::optional<std::int64_t> customer_id;   // filed or matched; family: the customer they belong to
    std::optional<std::int64_t> family_member_id;
    std::int64_t error_line = 0;               // skipped: the line at fault
    std::string field;                         // skipped: the property at fault (TEL, BDAY, ...)
    std::string reason;                        // skipped: why
};

struct VcardImportReport {
    std::int64_t cards = 0;
    std::int64_t filed = 0;
    std::int64_t matched = 0;
    std::int64_t family = 0;
    std::int64_t skipped = 0;
    std::vector<VcardOutcome> outcomes;        // in file order
    bool dry_run = false;
};

// The archive as JSON lines: a header line {"format":"snowball-archive","schema_version":N,...},
// then one line per row of every table, {"table":...,"row":{column: value}}, tables by name, rows
// by key. Exporting an archive imported from an export gives the same bytes again.
struct ArchiveImportReport {
    int schema_version = 0;
    std::int64_t rows = 0;
    std::map<std::string, std::int64_t> tables;   // rows per table
};

class Formats {
public:
    Formats(detail::Store& store, Customers& customers, Family& family, Profiles& profiles, Templates& templates);

    // The customers as vCards (CRLF lines folded at 75 octets). An unknown customer id is not_found.
    std::string export_vcard(const VcardExport& what = {}) const;
    // Files the cards of `text` in one transaction: each card is filed, matched or skipped on its own
    // (a skipped card leaves nothing behind); a text with no card at all is invalid_argument.
    VcardImportReport import_vcard(std::string_view text, const VcardImport& options);

    // The customer list as a table: every customer `query` matches (its limit and offset are ignored).
    Table customer_table(const CustomerQuery& query) const;

    // The whole archive as JSON lines. Only the host may (forbidden otherwise): it holds everything.
    std::string export_archive() const;
    void export_archive(const std::string& path) const;
    // Loads an export into this archive, which must be empty (no site, no customer: conflict) and of
    // the export's schema version (version otherwise); a malformed line is invalid_argument naming
    // "line N". One transaction: all of it or nothing. Host only.
    ArchiveImportReport import_archive(std::string_view jsonl);
    ArchiveImportReport import_archive_file(const std::string& path);

private:
    detail::Store& store_;
    Customers& customers_;
    Family& family_;
    Profiles& profiles_;
    Templates& templates_;
};

} // namespace snowball
