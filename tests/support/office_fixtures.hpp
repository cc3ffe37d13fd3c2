// The offices the module suites start from: a fresh archive (ArchiveTest) with two sites, XH and
// BJ, and their consultants. Each module's fixture derives from one of them and adds what its
// tests need; the names and the order in which the consultants are added are the ones the tests
// were written against.
#pragma once

#include "snowball/archive.hpp"
#include "test_support.hpp"

#include <cstdint>

namespace snowball::testing {

// XH 祥和花园 and BJ 北京一期; 李娜 and 王强 at XH, 赵敏 at BJ (customers, lead import, profiles).
class GardenOfficeTest : public ArchiveTest {
protected:
    void SetUp() override {
        archive_.sites().add({"XH", "祥和花园", ""});
        archive_.sites().add({"BJ", "北京一期", ""});
        li_ = archive_.consultants().add({"XH", "李娜", ""}).id;
        wang_ = archive_.consultants().add({"XH", "王强", ""}).id;
        zhao_ = archive_.consultants().add({"BJ", "赵敏", ""}).id;
    }

    std::int64_t li_ = 0, wang_ = 0, zhao_ = 0;
};

// XH 西湖印象 and BJ 北京朝阳, with 王芳 at XH; the fixture adds its other consultants after her
// (the care calendar, referrals).
class WestLakeOfficeTest : public ArchiveTest {
protected:
    void SetUp() override {
        archive_.sites().add({"XH", "西湖印象", ""});
        archive_.sites().add({"BJ", "北京朝阳", ""});
        wang_ = archive_.consultants().add({"XH", "王芳", ""}).id;
    }

    std::int64_t wang_ = 0;
};

// The sales offices XH 西湖印象售楼处 (manager 周敏; 王芳 reports to 周敏; 赵强) and BJ 北京朝阳售楼处
// (李强), for the service desk: complaints and surveys.
class ServiceOfficeTest : public ArchiveTest {
protected:
    void SetUp() override {
        archive_.sites().add({"XH", "西湖印象售楼处", ""});
        archive_.sites().add({"BJ", "北京朝阳售楼处", ""});
        manager_ = archive_.consultants().add({"XH", "周敏", "", ConsultantRole::manager}).id;
        wang_ = archive_.consultants().add({"XH", "王芳", "", ConsultantRole::consultant, manager_}).id;
        zhao_ = archive_.consultants().add({"XH", "赵强", ""}).id;
        li_ = archive_.consultants().add({"BJ", "李强", ""}).id;
    }

    std::int64_t manager_ = 0, wang_ = 0, zhao_ = 0, li_ = 0;
};

} // namespace snowball::testing
