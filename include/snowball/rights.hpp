// The person's rights over their data (PIPL Art. 44-47) and the archive's retention (Art. 19):
// erasure, the person's copy, retention periods with legal holds. Built on every module's public
// service, like the briefing; docs/PRIVACY.md maps the articles to these calls.
#pragma once

#include "snowball/archive.hpp"
#include "snowball/care.hpp"
#include "snowball/contacts.hpp"
#include "snowball/customers.hpp"
#include "snowball/feedback.hpp"
#include "snowball/privacy.hpp"
#include "snowball/profiles.hpp"
#include "snowball/referrals.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snowball {

namespace detail {
class Store;
}

// How long a site keeps the customers of one stage after their last contact (first contact, a visit
// or a deal, whichever is latest).
struct RetentionRule {
    std::string site;
    Stage stage = Stage::prospect;
    int days = 0;
};

struct LegalHold {
    std::int64_t customer_id = 0;
    std::string reason;
    std::string held_by;       // the actor
    std::string held_at;       // UTC, ISO 8601
};

// What a retention sweep did (or, as a rehearsal, would do): customer ids only.
struct SweepReport {
    Date on;
    bool rehearsal = false;
    std::vector<std::int64_t> erased;       // past their period: erased (Customers::remove)
    std::vector<std::int64_t> held;         // past their period but under a legal hold: kept
    std::vector<std::int64_t> owners_kept;  // past their period but owners with a closed deal: kept
};

class Privacy {
public:
    Privacy(detail::Store& store, Customers& customers, Profiles& profiles, Family& family, Feedback& feedback,
            Surveys& surveys, Referrals& referrals, Contacts& contacts, Consents& consents, Audit& audit);

    // Erases the person (Art. 47): every module's erasure step in one transaction, the file scrubbed
    // before it returns (Customers::remove). The site's manager or administrator, or the host.
    void erase(std::int64_t customer_id, std::optional<std::int64_t> by = std::nullopt);

    // The person's copy (Art. 45): everything the archive holds about one customer — the record,
    // visits, deals, the profile (revealed) and its history, family, tickets with their history,
    // survey responses, referrals, the contact log, the consent ledger and the audit entries about them — as one JSON
    // document. The site's manager or administrator, or the host; recorded in the audit log.
    std::string personal_copy(std::int64_t customer_id, std::optional<std::int64_t> by = std::nullopt);
    // The same copy as a readable page in Chinese (HTML, UTF-8, no scripts or outside resources).
    std::string personal_copy_html(std::int64_t customer_id, std::optional<std::int64_t> by = std::nullopt);

    // Lets a consultant see a customer who is not theirs (a colleague covering a visit), or stops it.
    // The site's manager or administrator, or the host; the consultant must be of the customer's
    // site. Audited.
    void grant_access(std::int64_t customer_id, std::int64_t consultant_id, std::optional<std::int64_t> by = std::nullopt);
    void revoke_access(std::int64_t customer_id, std::int64_t consultant_id, std::optional<std::int64_t> by = std::nullopt);

    // Retention (Art. 19). The host or the site's administrator sets a site's periods; days nullopt
    // removes the period of that stage (kept until erased by hand).
    void set_retention(std::string_view site, Stage stage, std::optional<int> days);
    std::vector<RetentionRule> retention(std::string_view site = {}) const;
    // A legal hold stops the sweep for one customer until released (manager, administrator, host).
    LegalHold hold(std::int64_t customer_id, const std::string& reason, std::optional<std::int64_t> by = std::nullopt);
    void release(std::int64_t customer_id, std::optional<std::int64_t> by = std::nullopt);
    std::vector<LegalHold> holds(std::string_view site = {}) const;
    // Erases every customer past their site's period for their stage on `on` (default today, China)
    // in one transaction, except those held and owners with a closed deal. An administrator sweeps
    // their site; the host every site. `rehearsal`: report only, erase nothing.
    SweepReport sweep(std::optional<Date> on = std::nullopt, bool rehearsal = false);

private:
    detail::Store& store_;
    Customers& customers_;
    Profiles& profiles_;
    Family& family_;
    Feedback& feedback_;
    Surveys& surveys_;
    Referrals& referrals_;
    Contacts& contacts_;
    Consents& consents_;
    Audit& audit_;
};

} // namespace snowball
