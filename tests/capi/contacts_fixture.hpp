// What the contact log's C tests share: the C fixture plus 张伟, a customer of 王芳 at XH filed in
// January 2025 (so that contacts can be dated in the past), and logging a contact that must work.
#pragma once

#include "capi_support.hpp"

#include <cstdint>

namespace capi_test {

class ContactsTest : public ArchiveTest {
protected:
    void SetUp() override {
        ArchiveTest::SetUp();
        zhang_ = add_customer({{"site", "XH"}, {"channel", "call"}, {"name", "张伟"}, {"mobile", "13800138000"},
                               {"consultant_id", xh_consultant_}, {"first_contact", "2025-01-06"}, {"filed_on", "2025-01-06"}})["id"]
                     .get<std::int64_t>();
    }

    json log(std::int64_t customer, const json& contact) {
        return ok([&](char** out) { return snowball_contact_log(out, archive_, customer, contact.dump().c_str()); });
    }

    std::int64_t zhang_ = 0;
};

} // namespace capi_test
