// Every C function of snowball/deals.h with NULL for each pointer parameter and with invalid
// arguments: advancing (unknown stage, backwards, amount <= 0, a future date, a consultant of another
// site), cancelling with `by`, the steps, the sales settings, lost customers.
#include "capi_support.hpp"
#include "bad_input_fixture.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace capi_test;

class DealInput : public CustomerInput {
protected:
    void SetUp() override {
        CustomerInput::SetUp();
        deal_ = ok([&](char** out) {
            return snowball_deal_record(out, archive_, zhang_id_,
                                        R"({"unit": "3-1-1201", "area": 89.5, "price": 1200000, "date": "2024-04-01",
                                            "stage": "reservation", "amount": 20000})");
        });
        deal_id_ = deal_["id"].get<std::int64_t>();
    }
    int advance(char** out, const char* stage, const std::string& step) {
        return snowball_deal_advance(out, archive_, deal_id_, stage, step.c_str());
    }
    std::string by(const char* rest = "") { return "{\"by\": " + std::to_string(xh_consultant_) + rest + "}"; }
    json deal() { return ok([&](char** out) { return snowball_deal_get(out, archive_, deal_id_); }); }

    json deal_;
    std::int64_t deal_id_ = 0;
};

TEST_F(DealInput, RecordAtAStage) {
    EXPECT_EQ("reservation", deal_["stage"]);
    EXPECT_EQ(20000, deal_["deposit"]);
    EXPECT_EQ("2024-04-01", deal_["reserved_on"]);
    EXPECT_EQ(nullptr, deal_["contracted_on"]);
    EXPECT_EQ("prospect", ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); })["stage"]);
    const json li = add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "李娜"}, {"first_contact", "2024-01-01"}});
    const std::int64_t li_id = li["id"].get<std::int64_t>();
    EXPECT_FAILS(SNOWBALL_EINVALID, "stage", snowball_deal_record(out, archive_, li_id,
                 R"({"unit": "3-1-1202", "area": 89.5, "price": 1200000, "stage": "signed"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "amount", snowball_deal_record(out, archive_, li_id,
                 R"({"unit": "3-1-1202", "area": 89.5, "price": 1200000, "stage": "reservation", "amount": 0})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "amount", snowball_deal_record(out, archive_, li_id,
                 R"({"unit": "3-1-1202", "area": 89.5, "price": 1200000, "amount": 5})"));
    const std::string other = R"({"unit": "3-1-1202", "area": 89.5, "price": 1200000, "by": )" +
                              std::to_string(bj_consultant_) + "}";
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_deal_record(out, archive_, li_id, other.c_str()));
    // The reserved unit is held.
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "unit", snowball_deal_record(out, archive_, li_id,
                 R"({"unit": "3-1-1201", "area": 89.5, "price": 1200000})"));
    EXPECT_EQ(deal_id_, snowball_error_last()->record_id);
}

TEST_F(DealInput, Advance) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_deal_advance(nullptr, archive_, deal_id_, "contract", by().c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_deal_advance(out, nullptr, deal_id_, "contract", by().c_str()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "stage", advance(out, nullptr, by()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "stage", advance(out, "signed", by()));
    EXPECT_FAILS(SNOWBALL_EINVALID, "step_json", snowball_deal_advance(out, archive_, deal_id_, "contract", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "step_json", advance(out, "contract", "{"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", advance(out, "contract", "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", advance(out, "contract", R"({"by": "1"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "dat", advance(out, "contract", by(R"(, "dat": "2024-05-01")")));
    EXPECT_FAILS(SNOWBALL_EINVALID, "amount", advance(out, "subscription", by(R"(, "amount": 0)")));
    EXPECT_FAILS(SNOWBALL_EINVALID, "amount", advance(out, "subscription", by(R"(, "amount": -1)")));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", advance(out, "subscription", by(R"(, "date": "2999-01-01")")));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", advance(out, "subscription", by(R"(, "date": "2024-03-31")")));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", advance(out, "contract", "{\"by\": " + std::to_string(bj_consultant_) + "}"));
    EXPECT_FAILS(SNOWBALL_ESTATE, "by", advance(out, "contract", "{\"by\": " + std::to_string(left_consultant_) + "}"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "by", advance(out, "contract", R"({"by": 9999})"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "deal_id", snowball_deal_advance(out, archive_, 424242, "contract", by().c_str()));
    EXPECT_FAILS(SNOWBALL_ESTATE, "stage", advance(out, "reservation", by()));
    EXPECT_EQ(deal_, deal());

    const json k = ok([&](char** out) { return advance(out, "contract", by(R"(, "date": "2024-05-01")")); });
    EXPECT_EQ("contract", k["stage"]);
    EXPECT_EQ("2024-05-01", k["date"]);
    EXPECT_EQ("2024-05-01", k["contracted_on"]);
    EXPECT_EQ("owner", ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); })["stage"]);
    EXPECT_FAILS(SNOWBALL_ESTATE, "stage", advance(out, "subscription", by()));
    EXPECT_EQ(deal_id_, snowball_error_last()->record_id);
}

TEST_F(DealInput, CancelByAndSteps) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_deal_cancel_by(nullptr, archive_, deal_id_, "退订", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_deal_cancel_by(out, nullptr, deal_id_, "退订", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_deal_cancel_by(out, archive_, deal_id_, nullptr, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", snowball_deal_cancel_by(out, archive_, deal_id_, "", 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_deal_cancel_by(out, archive_, deal_id_, "退订", -1));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_deal_cancel_by(out, archive_, deal_id_, "退订", bj_consultant_));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "deal_id", snowball_deal_cancel_by(out, archive_, 424242, "退订", 0));
    EXPECT_EQ(deal_, deal());
    const json x = ok([&](char** out) { return snowball_deal_cancel_by(out, archive_, deal_id_, "退订", xh_consultant_); });
    EXPECT_TRUE(x["cancelled"].get<bool>());
    EXPECT_FAILS(SNOWBALL_ESTATE, "deal_id", snowball_deal_cancel_by(out, archive_, deal_id_, "again", 0));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_deal_steps(nullptr, archive_, deal_id_));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_deal_steps(out, nullptr, deal_id_));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "deal_id", snowball_deal_steps(out, archive_, 424242));
    const json steps = ok([&](char** out) { return snowball_deal_steps(out, archive_, deal_id_); });
    ASSERT_EQ(2u, steps.size());
    EXPECT_EQ("reservation", steps[0]["step"]);
    EXPECT_EQ(20000, steps[0]["amount"]);
    EXPECT_EQ("cancellation", steps[1]["step"]);
    EXPECT_EQ("退订", steps[1]["reason"]);
    EXPECT_EQ(xh_consultant_, steps[1]["by"]);
}

TEST_F(DealInput, SalesSettings) {
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_sales_settings(nullptr, archive_, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_sales_settings(out, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_sales_settings(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_sales_settings(out, archive_, "ZZ"));
    EXPECT_EQ("contract", ok([&](char** out) { return snowball_sales_settings(out, archive_, "XH"); })["owner_stage"]);

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_sales_set_owner_stage(nullptr, archive_, "XH", "reservation"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_sales_set_owner_stage(out, nullptr, "XH", "reservation"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_sales_set_owner_stage(out, archive_, nullptr, "reservation"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "owner_stage", snowball_sales_set_owner_stage(out, archive_, "XH", nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "owner_stage", snowball_sales_set_owner_stage(out, archive_, "XH", "cancellation"));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_sales_set_owner_stage(out, archive_, "ZZ", "reservation"));
    const json s = ok([&](char** out) { return snowball_sales_set_owner_stage(out, archive_, "XH", "认筹"); });
    EXPECT_EQ("reservation", s["owner_stage"]);
    // The reserved buyer is an owner now.
    EXPECT_EQ("owner", ok([&](char** out) { return snowball_customer_get(out, archive_, zhang_id_); })["stage"]);
}

TEST_F(DealInput, LostCustomers) {
    const json li = add_customer({{"site", "XH"}, {"channel", "lead"}, {"name", "李娜"}, {"first_contact", "2024-01-01"}});
    const std::int64_t id = li["id"].get<std::int64_t>();
    const auto mark = [&](char** out, const char* doc) { return snowball_customer_mark_lost(out, archive_, id, doc); };
    const char* good = R"({"reason": "bought_elsewhere", "competitor": "万科城", "date": "2024-06-01"})";
    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_mark_lost(nullptr, archive_, id, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_mark_lost(out, nullptr, id, good));
    EXPECT_FAILS(SNOWBALL_EINVALID, "mark_json", mark(out, nullptr));
    EXPECT_FAILS(SNOWBALL_EINVALID, "mark_json", mark(out, "[]"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", mark(out, "{}"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "reason", mark(out, R"({"reason": "cheaper"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "competitr", mark(out, R"({"reason": "price", "competitr": "x"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", mark(out, R"({"reason": "price", "date": "2999-01-01"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "date", mark(out, R"({"reason": "price", "date": "2023-12-31"})"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", mark(out, ("{\"reason\": \"price\", \"by\": " + std::to_string(bj_consultant_) + "}").c_str()));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_customer_mark_lost(out, archive_, 424242, good));
    // An open deal: not lost.
    EXPECT_FAILS(SNOWBALL_ESTATE, "customer_id", snowball_customer_mark_lost(out, archive_, zhang_id_, good));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_lost_marks(nullptr, archive_, id));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_lost_marks(out, nullptr, id));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_customer_lost_marks(out, archive_, 424242));
    EXPECT_EQ(json::array(), ok([&](char** out) { return snowball_customer_lost_marks(out, archive_, id); }));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_customer_undo_lost(nullptr, archive_, id, 0));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_customer_undo_lost(out, nullptr, id, 0));
    EXPECT_FAILS(SNOWBALL_ESTATE, "customer_id", snowball_customer_undo_lost(out, archive_, id, 0));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "customer_id", snowball_customer_undo_lost(out, archive_, 424242, 0));

    const json m = ok([&](char** out) { return mark(out, good); });
    EXPECT_EQ("bought_elsewhere", m["reason"]);
    EXPECT_EQ("", m["undone_at"]);
    EXPECT_FAILS(SNOWBALL_ECONFLICT, "customer_id", mark(out, good));
    EXPECT_EQ(m["id"].get<std::int64_t>(), snowball_error_last()->record_id);
    EXPECT_FAILS(SNOWBALL_EINVALID, "by", snowball_customer_undo_lost(out, archive_, id, -1));

    EXPECT_FAILS_NO_OUT(SNOWBALL_EINVALID, "out_json", snowball_lost_counts(nullptr, archive_, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "archive", snowball_lost_counts(out, nullptr, "XH"));
    EXPECT_FAILS(SNOWBALL_EINVALID, "site", snowball_lost_counts(out, archive_, nullptr));
    EXPECT_FAILS(SNOWBALL_ENOTFOUND, "site", snowball_lost_counts(out, archive_, "ZZ"));
    EXPECT_EQ(json::parse(R"([{"reason": "bought_elsewhere", "count": 1}])"),
              ok([&](char** out) { return snowball_lost_counts(out, archive_, "XH"); }));
    const json undone = ok([&](char** out) { return snowball_customer_undo_lost(out, archive_, id, xh_consultant_); });
    EXPECT_NE("", undone["undone_at"]);
    EXPECT_EQ(json::array(), ok([&](char** out) { return snowball_lost_counts(out, archive_, "XH"); }));
}

} // namespace
