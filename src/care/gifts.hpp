// Gift records and budgets, as the agenda, the settings and the erasure step use them.
#pragma once

#include "archive/store.hpp"
#include "snowball/care.hpp"

#include <string>
#include <vector>

namespace snowball::detail {

// Each budget a sum of money, each tier once (errors name `field`.monthly / .tier); sorted by tier.
std::vector<GiftBudget> checked_budgets(std::vector<GiftBudget> budgets, const std::string& field);
// Stores a site's budgets (settings_store.cpp).
void store_gift_budgets(Store& store, std::int64_t site_id, const std::vector<GiftBudget>& budgets);
// Marks the open gift tasks (CareTask::over_budget) whose tier's budget of their month is spent.
void mark_over_budget(Store& store, const CareSettings& settings, std::int64_t site_id, std::vector<CareTask>& tasks);
// The erasure step: the customer's gifts stay counted, anonymous.
void erase_customer_gifts(Store& store, std::int64_t customer_id);

} // namespace snowball::detail
