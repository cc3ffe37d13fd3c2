// The complaint tests' fixture: the service office (tests/support/office_fixtures.hpp) with four
// customers, and helpers that build a complaint, open it and walk it along the lifecycle.
#pragma once

#include "snowball/briefing.hpp"
#include "snowball/care.hpp"
#include "snowball/customers.hpp"
#include "snowball/feedback.hpp"

#include "office_fixtures.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>

namespace snowball::testing {

inline constexpr TicketStatus all_statuses[] = {TicketStatus::received, TicketStatus::acknowledged, TicketStatus::in_progress,
                                                TicketStatus::resolved, TicketStatus::closed};

// Two sites: XH with a manager (经理 周敏), consultants 王芳 (reports to 周敏) and 赵强 (no manager), and
// BJ with 李强. Customers at XH: 张伟 (王芳's), 陈静 (赵强's), 刘洋 (nobody's); at BJ: 孙丽 (李强's).
class FeedbackTest : public ServiceOfficeTest {
protected:
    void SetUp() override {
        ServiceOfficeTest::SetUp();
        zhang_ = customer("XH", "张伟", "13800138000", wang_);
        chen_ = customer("XH", "陈静", "13900139000", zhao_);
        liu_ = customer("XH", "刘洋", "13700137000", std::nullopt);
        sun_ = customer("BJ", "孙丽", "13600136000", li_);
    }

    std::int64_t customer(const char* site, const char* name, const char* mobile, std::optional<std::int64_t> consultant) {
        NewCustomer c;
        c.site = site;
        c.channel = Channel::call;
        c.name = name;
        c.mobile = mobile;
        c.consultant_id = consultant;
        c.first_contact = d("2025-01-10");
        c.filed_on = d("2025-01-10");
        return archive_.customers().add(c).id;
    }

    NewTicket complaint(std::optional<std::int64_t> customer, Severity severity = Severity::normal,
                        const char* received = "2025-09-30") {
        NewTicket t;
        t.channel = FeedbackChannel::phone;
        t.kind = FeedbackKind::complaint;
        t.category = "property_quality";
        t.severity = severity;
        t.text = "卫生间渗水，楼下邻居投诉";
        t.customer_id = customer;
        t.received_on = d(received);
        return t;
    }

    Ticket open(const NewTicket& t) { return archive_.feedback().open(t); }
    Feedback& feedback() { return archive_.feedback(); }

    // Walks a ticket to `status` along the lifecycle, each step on `on` (default today).
    Ticket walk(std::int64_t id, TicketStatus status, std::optional<Date> on = std::nullopt) {
        Ticket t = feedback().get(id);
        while (t.status != status && t.status != TicketStatus::closed)
            t = feedback().transition(id, static_cast<TicketStatus>(static_cast<int>(t.status) + 1), wang_, "", on);
        return t;
    }

    std::int64_t zhang_ = 0, chen_ = 0, liu_ = 0, sun_ = 0;
};

} // namespace snowball::testing
