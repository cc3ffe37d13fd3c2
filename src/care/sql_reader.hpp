// The archive's occasion reader: the customers, birthdays, family birthdays and deals of a scope,
// by SQL over the customers, family_members and deals tables (through their indexes).
#pragma once

#include "archive/store.hpp"
#include "care/occasion_reader.hpp"

namespace snowball::detail {

class SqlOccasionReader final : public OccasionReader {
public:
    SqlOccasionReader(Store& store, std::int64_t site_id, std::optional<std::int64_t> consultant_id)
        : store_(store), site_id_(site_id), consultant_id_(consultant_id) {}

    std::optional<std::int64_t> consultant() const override { return consultant_id_; }
    void owners(Visit<std::int64_t, const Person&> visit) override;
    void birthdays(bool lunar, const MonthDays& days, int stages,
                   Visit<std::int64_t, const Person&, const Birthday&> visit) override;
    void customers_of_stage(Stage stage, Visit<std::int64_t> visit) override;
    void family_birthdays(bool lunar, const MonthDays& days, Visit<std::int64_t, std::int64_t> visit) override;
    std::optional<FamilyMember> family_member(std::int64_t id) override;
    std::optional<Person> customer(std::int64_t id, int stages) override;
    void deals_on(const MonthDays& days, Visit<std::int64_t, Date, std::int64_t> visit) override;
    void deals_between(std::optional<Date> from, Date to, Visit<std::int64_t, Date, std::int64_t> visit) override;
    void customers(std::optional<Stage> stage, Visit<std::int64_t, const Person&> visit) override;
    void audience_facts(std::optional<Stage> stage, const std::vector<std::string>& conditions,
                        Visit<std::int64_t, const CareAudienceFacts&> visit) override;

private:
    void bind_scope(SQLite::Statement& q, int first) const;

    Store& store_;
    std::int64_t site_id_;
    std::optional<std::int64_t> consultant_id_;
};

// name, tier, stage, archive_no, consultant_id from column `first` on.
Person person_from(SQLite::Statement& q, int first);

// Which of the audience conditions (audience_conditions keys) one customer meets.
std::vector<std::string> conditions_met(Store& store, std::int64_t customer_id, const std::vector<std::string>& conditions);

} // namespace snowball::detail
