"""Profiles through Python: the default template, site templates, typed values with their history,
completeness, the leaderboard, distributions, family members and the visit briefing, with the
names the acceptance checks call."""

import collections.abc
import datetime
import sqlite3
import typing
import unittest
from unittest import mock

import snowball
from support import ArchiveTestCase, UTC, today_in_china

D = datetime.date


class DefaultTemplateTest(unittest.TestCase):
    def test_the_42_fields_in_order(self):
        t = snowball.default_template()
        self.assertIsInstance(t, collections.abc.Sequence)
        self.assertEqual(42, len(t))
        self.assertEqual(list(range(1, 43)), [f.number for f in t])
        keys = [f.key for f in t]
        self.assertEqual(42, len(set(keys)))
        self.assertEqual(keys, t.keys())
        self.assertEqual(["basic", "family", "lifestyle", "property", "standing", "self_image"], [s.key for s in t.sections])
        sections = [f.section for f in t]
        self.assertEqual(["basic"] * 8 + ["family"] * 8 + ["lifestyle"] * 9 + ["property"] * 7 + ["standing"] * 6
                         + ["self_image"] * 4, sections)
        for f in t:
            self.assertTrue(f.label_zh and f.label_zh_hant and f.label_en, f.key)
            self.assertIn(f.type, {"text", "long_text", "single_choice", "multi_choice", "date", "phone", "number",
                                   "yes_no"})
            self.assertEqual(f.type in ("single_choice", "multi_choice"), bool(f.options), f.key)
        self.assertEqual(("gender", "basic", "性别", "single_choice"), (t[0].key, t[0].section, t[0].label_zh, t[0].type))
        self.assertEqual("mobile", t[5].key)
        self.assertEqual("移动电话", t["mobile"].label_zh)
        self.assertEqual("移動電話", t["mobile"].label_zh_hant)
        self.assertIn("学位", t["education"].help_zh)
        self.assertIn("degree", t["education"].help_en)
        self.assertEqual("health", t["health"].sensitivity)
        self.assertEqual("whereabouts", t["plate_number"].sensitivity)
        self.assertEqual("minors", t["children"].sensitivity)
        self.assertEqual({"financial"}, {t[n - 1].sensitivity for n in (9, 26, 27)})
        self.assertEqual({1: "gender", 4: "office_phone", 5: "home_phone", 6: "mobile"},
                         {f.number: f.bound_to for f in t if f.bound_to})
        ideal = t[27]
        self.assertEqual(("ideal_residence", "multi_choice"), (ideal.key, ideal.type))
        self.assertEqual(["社区规划", "户型设计"], [o.label.zh for o in ideal.options[:2]])
        self.assertEqual(7, len(ideal.options))
        self.assertIsNone(t.site)
        self.assertEqual(0, t.version)
        with self.assertRaises(KeyError):
            t["nope"]

    def test_type_hints_resolve(self):
        for fn in (snowball.Profiles.set, snowball.Profiles.set_many, snowball.Profiles.history,
                   snowball.Family.add, snowball.Templates.add_field, snowball.Archive.briefing):
            typing.get_type_hints(fn)


class TemplatesTest(ArchiveTestCase):
    def test_a_site_edits_its_template_in_versions(self):
        templates = self.archive.templates
        self.assertEqual(snowball.default_template().keys(), templates.get("XH").keys())
        t = templates.add_field("XH", key="parking", section="standing", label={"zh": "车位需求", "en": "Parking"},
                                type="single_choice", options=[("none", "不需要"), {"key": "one", "label": "一个"}],
                                weight=2, in_briefing=True, after="car_brand", by=self.wang)
        self.assertEqual(("XH", 1), (t.site, t.version))
        self.assertIsInstance(t.created_at, datetime.datetime)
        self.assertEqual(t.keys().index("car_brand") + 1, t.keys().index("parking"))
        self.assertEqual(0, t["parking"].number)
        self.assertEqual(["none", "one"], [o.key for o in t["parking"].options])
        self.assertEqual("Parking", t["parking"].label_en)
        self.assertTrue(templates.hide("XH", "plate_number")["plate_number"].hidden)
        self.assertFalse(templates.show("XH", "plate_number")["plate_number"].hidden)
        self.assertEqual("对建业房产的了解", templates.rename("XH", "knowledge_of_us", "对建业房产的了解")["knowledge_of_us"].label_zh)
        moved = templates.move("XH", "health", after="position")
        self.assertEqual("standing", moved["health"].section)
        self.assertEqual(moved.keys().index("position") + 1, moved.keys().index("health"))
        extended = templates.extend_options("XH", "ideal_residence", [("school_district", {"zh": "学区", "en": "School district"})])
        self.assertEqual("school_district", extended["ideal_residence"].options[-1].key)
        self.assertEqual(5, templates.set_weight("XH", "car_brand", 5)["car_brand"].weight)
        self.assertTrue(templates.set_in_briefing("XH", "health", True)["health"].in_briefing)
        t = templates.edit("XH", [{"op": "add_section", "key": "investment", "label": "投资意向"},
                                  {"op": "add_field", "field": {"key": "budget", "section": "investment", "label": "预算",
                                                                "type": "number"}}], note="新栏目")
        self.assertEqual(9, t.version)
        self.assertEqual("investment", t.sections[-1].key)
        self.assertEqual("budget", t[-1].key)
        versions = templates.versions("XH")
        self.assertEqual(list(range(10)), [v.version for v in versions])
        self.assertIsInstance(versions[0], snowball.TemplateVersion)
        self.assertEqual(self.wang.id, versions[1].by)
        self.assertEqual("新栏目", versions[9].note)
        self.assertIsInstance(versions[1].created_at, datetime.datetime)
        self.assertEqual(43, len(templates.get("XH", version=1)))
        self.assertEqual(42, len(templates.get("XH", version=0)))
        self.assertEqual(0, templates.get("BJ").version)

    def test_what_is_left_out_takes_the_librarys_defaults(self):
        pets = self.archive.templates.add_field("BJ", key="pets", section="lifestyle", label="宠物")["pets"]
        self.assertEqual(("text", 1, "none", False, False), (pets.type, pets.weight, pets.sensitivity, pets.in_briefing,
                                                             pets.hidden))
        self.assertEqual(snowball.Label("宠物", "", ""), pets.label)
        c = self.add("张伟", site="BJ")
        self.assertEqual(3, len(self.archive.profiles.completeness_detail(c).ask_next))
        self.assertEqual("饮酒", {f.key: f for s in self.archive.profiles.profile(c).sections for f in s.fields}["drinking"].label)

    def test_bad_edits_change_nothing(self):
        templates = self.archive.templates
        with self.assertRaises(snowball.NotFound) as e:
            templates.edit("XH", [{"op": "hide", "key": "health"}, {"op": "hide", "key": "no_such_field"}])
        self.assertEqual("edits[1].key", e.exception.field)
        with self.assertRaises(snowball.Conflict) as e:
            templates.add_field("XH", key="mobile", section="basic", label="手机", type="phone")
        self.assertEqual("edits[0].field.key", e.exception.field)
        with self.assertRaises(snowball.Conflict):
            templates.extend_options("XH", "ideal_residence", [("unit_design", "户型")])
        with self.assertRaises(snowball.InvalidArgument) as e:
            templates.add_field("XH", key="pets", section="hobbies", label="宠物")
        self.assertEqual("edits[0].field.section", e.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as e:
            templates.add_field("XH", key="pets", section="lifestyle", label="宠物", type="single_choice")
        self.assertEqual("edits[0].field.options", e.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as e:
            templates.set_weight("XH", "car_brand", -1)
        self.assertEqual("edits[0].weight", e.exception.field)
        with self.assertRaises(snowball.NotFound) as e:
            templates.move("XH", "health", after="nowhere")
        self.assertEqual("edits[0].after", e.exception.field)
        with self.assertRaises(snowball.NotFound) as e:
            templates.hide("ZZ", "health")
        self.assertEqual("site", e.exception.field)
        with self.assertRaises(snowball.NotFound) as e:
            templates.hide("XH", "health", by=9999)
        self.assertEqual("by", e.exception.field)
        self.assertEqual([0], [v.version for v in templates.versions("XH")])
        self.assertFalse(templates.get("XH")["health"].hidden)


class ProfilesTest(ArchiveTestCase):
    def setUp(self):
        super().setUp()
        self.profiles = self.archive.profiles
        self.zhang = self.add("张伟", mobile="13800138000", gender="male", consultant=self.wang)

    def typed_fields(self):
        self.archive.templates.edit("XH", [
            {"op": "add_field", "field": {"key": "move_in", "section": "property", "label": "入住日期", "type": "date"}},
            {"op": "add_field", "field": {"key": "budget", "section": "property", "label": "预算", "type": "number"}},
            {"op": "add_field", "field": {"key": "assistant_phone", "section": "basic", "label": "助理电话",
                                          "type": "phone"}}])

    def test_the_acceptance_names(self):
        c = self.zhang.id
        self.profiles.set(c, {"position": "总经理", "drinking": ["红酒", "白酒"], "cares_about_neighbours": True,
                              "marital_status": "已婚"}, by=self.wang.id)
        values = self.profiles.get(c)
        self.assertIsInstance(values, dict)
        self.assertEqual(snowball.default_template().keys(), list(values))   # template order
        self.assertEqual("总经理", values["position"])
        self.assertEqual(["baijiu", "wine"], values["drinking"])
        self.assertIs(True, values["cares_about_neighbours"])
        self.assertEqual("married", values["marital_status"])
        self.assertEqual("male", values["gender"])
        self.assertEqual("13800138000", values["mobile"])
        self.assertIsNone(values["health"])

        history = self.profiles.history(c)
        self.assertEqual(4, len(history))
        for h in history:
            self.assertEqual(self.wang.id, h.by)
            self.assertUtcTimestamp(h.at)
            self.assertIsNone(h.old)
        self.assertEqual({"position", "drinking", "cares_about_neighbours", "marital_status"}, {h.field for h in history})
        self.profiles.set(c, {"position": "董事长"}, by=self.wang)
        self.profiles.set(c, {"position": "董事长"})   # unchanged: not recorded
        position = self.profiles.history(c, field="position")
        self.assertEqual([(None, "总经理"), ("总经理", "董事长")], [(h.old, h.new) for h in position])
        self.assertEqual([], self.profiles.history(c, "car_brand"))

        score = self.profiles.completeness(c)
        self.assertIsInstance(score, float)
        self.assertGreater(score, 0.0)
        self.assertLess(score, 1.0)
        self.assertEqual(0.0, self.profiles.completeness(self.add("李娜", channel="lead")))

        self.assertEqual(self.profiles.get(self.zhang), self.profiles.get(c))   # a Customer works as well

    def test_typed_values_and_dates(self):
        self.typed_fields()
        c = self.zhang
        with self.assertRaises(snowball.ConsentRequired) as e:   # nothing written without the consent
            self.profiles.set(c, {"budget": 300, "health": "高血压\n每年体检"})
        self.assertEqual("health", e.exception.field)
        self.assertIsNone(self.profiles.get(c)["budget"])
        self.archive.consents.grant(c, "service", sensitive=True)   # health needs the separate consent
        self.profiles.set(c, {"move_in": D(2026, 10, 1), "budget": 300, "assistant_phone": "+86 139-0013-9000",
                              "favourite_cuisine": ("川菜", "hotpot", "sichuan"), "sociability": "Keen",
                              "health": "高血压\n每年体检"})
        values = self.profiles.get(c, reveal=True, reason="资料核对")
        self.assertEqual(D(2026, 10, 1), values["move_in"])
        self.assertIs(type(values["move_in"]), datetime.date)
        self.assertEqual(300, values["budget"])
        self.assertEqual("13900139000", values["assistant_phone"])
        self.assertEqual(["sichuan", "hotpot"], values["favourite_cuisine"])
        self.assertEqual("keen", values["sociability"])
        self.assertEqual("高血压\n每年体检", values["health"])
        self.profiles.set(c, {"move_in": "2027-01-15", "favourite_cuisine": {"粤菜"}})
        self.assertEqual(D(2027, 1, 15), self.profiles.get(c)["move_in"])
        moves = self.profiles.history(c, "move_in")
        self.assertEqual((None, D(2026, 10, 1)), (moves[0].old, moves[0].new))
        self.assertEqual((D(2026, 10, 1), D(2027, 1, 15)), (moves[1].old, moves[1].new))
        self.assertIs(type(moves[1].new), datetime.date)
        self.assertEqual(["date", "date"], [h.type for h in moves])
        # One call: each entry carries its field's type (the profile is not read to learn it).
        with mock.patch.object(snowball.profiles.lib, "snowball_profile_get", side_effect=AssertionError("read")):
            self.assertEqual(moves, self.profiles.history(c, "move_in"))
        # None clears.
        self.profiles.set(c, {"move_in": None})
        self.assertIsNone(self.profiles.get(c)["move_in"])
        self.assertIsNone(self.profiles.history(c, "move_in")[-1].new)
        with self.assertRaises(TypeError):
            self.profiles.set(c, {"move_in": datetime.datetime(2026, 1, 1, 9, 0)})

    def test_bad_values_write_nothing(self):
        self.typed_fields()
        c = self.zhang.id
        self.profiles.set(c, {"position": "经理"})
        before, history = self.profiles.get(c), self.profiles.history(c)

        def rejected(values, field, error=snowball.InvalidArgument):
            with self.assertRaises(error) as e:
                self.profiles.set(c, values, by=self.wang)
            self.assertEqual(field, e.exception.field, e.exception.message)
            self.assertEqual(before, self.profiles.get(c))
            self.assertEqual(history, self.profiles.history(c))

        rejected({"drinking": ["红酒", "威士忌"]}, "drinking")
        rejected({"marital_status": "engaged"}, "marital_status")
        rejected({"move_in": "2026-02-30"}, "move_in")
        rejected({"move_in": "2026/03/05"}, "move_in")
        rejected({"assistant_phone": "12345"}, "assistant_phone")
        rejected({"budget": "三百万"}, "budget")
        rejected({"cares_about_neighbours": "maybe"}, "cares_about_neighbours")
        rejected({"position": 42}, "position")
        rejected({"position": {"title": "x"}}, "position")
        rejected({"favourite_colour": "红"}, "favourite_colour")
        rejected({"mobile": "010-65521234"}, "mobile")
        # The third value is bad: none of the four is written.
        rejected({"car_brand": "宝马", "dress_style": "休闲", "drinking": "威士忌", "position": "总经理"}, "drinking")
        rejected({}, "values")
        other = self.add("李娜", mobile="13900139000")
        with self.assertRaises(snowball.Conflict) as e:
            self.profiles.set(c, {"mobile": "139 0013 9000"})
        self.assertEqual(("mobile", other.id), (e.exception.field, e.exception.record_id))
        with self.assertRaises(snowball.NotFound) as e:
            self.profiles.set(424242, {"position": "x"})
        self.assertEqual("customer_id", e.exception.field)
        with self.assertRaises(snowball.NotFound) as e:
            self.profiles.set(c, {"position": "x"}, by=9999)
        self.assertEqual("by", e.exception.field)
        with self.assertRaises(TypeError):
            self.profiles.set("张伟", {"position": "x"})
        # A hidden field keeps its value and history, and cannot be set.
        self.archive.consents.grant(c, "service", sensitive=True)   # a plate number tells whereabouts
        self.profiles.set(c, {"plate_number": "浙A12345"})
        self.archive.templates.hide("XH", "plate_number")
        self.assertEqual("浙A12345", self.profiles.get(c, reveal=True, reason="资料核对")["plate_number"])
        self.assertEqual(["浙A12345"], [h.new for h in self.profiles.history(c, "plate_number", reveal=True, reason="资料核对")])
        with self.assertRaises(snowball.InvalidState) as e:
            self.profiles.set(c, {"plate_number": "浙B00000"})
        self.assertEqual("plate_number", e.exception.field)
        self.assertTrue([f for s in self.profiles.profile(c).sections for f in s.fields if f.key == "plate_number"][0].hidden)
        self.assertEqual("浙A****5", self.profiles.get(c)["plate_number"])   # masked unless revealed

    def test_set_text_and_set_many(self):
        c = self.zhang
        self.archive.consents.grant(c, "service", sensitive=True)   # smoking is health information
        self.profiles.set_text(c, {"drinking": "红酒、白酒", "cares_about_neighbours": "是",
                                   "ideal_residence": "户型设计、周边配套（学校、医院、商场等）",
                                   "smoking": "不抽烟，不介意别人抽烟"}, by=self.wang)
        values = self.profiles.get(c, reveal=True, reason="资料核对")
        self.assertEqual(["baijiu", "wine"], values["drinking"])
        self.assertIs(True, values["cares_about_neighbours"])
        self.assertEqual(["unit_design", "surrounding_amenities"], values["ideal_residence"])
        self.assertEqual(["none_tolerant"], values["smoking"])
        self.profiles.set_text(c, {"cares_about_neighbours": "否", "drinking": ""})
        self.assertIs(False, self.profiles.get(c)["cares_about_neighbours"])
        self.assertIsNone(self.profiles.get(c)["drinking"])
        with self.assertRaises(snowball.InvalidArgument) as e:
            self.profiles.set_text(c, {"drinking": "红酒、威士忌"})
        self.assertEqual("drinking", e.exception.field)

        li = self.add("李娜", channel="lead")
        self.profiles.set_many([(c, {"position": "经理"}), (li.id, {"position": "教师"})], by=self.wang)
        self.assertEqual(("经理", "教师"), (self.profiles.get(c)["position"], self.profiles.get(li)["position"]))
        with self.assertRaises(snowball.InvalidArgument) as e:
            self.profiles.set_many([(c, {"position": "董事长"}), (li, {"drinking": "威士忌"})])
        self.assertEqual("updates[1].drinking", e.exception.field)
        self.assertEqual("经理", self.profiles.get(c)["position"])

    def test_the_profile_by_section_in_a_language_and_as_of_a_day(self):
        c = self.zhang
        self.profiles.set(c, {"drinking": ["wine"], "position": "经理"}, by=self.wang)
        p = self.profiles.profile(c, language="en")
        self.assertIsInstance(p, snowball.Profile)
        self.assertEqual(("XH", 0, None), (p.site, p.template_version, p.as_of))
        self.assertEqual("Basic information", p.sections[0].label)
        fields = {f.key: f for s in p.sections for f in s.fields}
        self.assertEqual("Drinking", fields["drinking"].label)
        self.assertEqual("Wine", fields["drinking"].display)
        self.assertEqual(self.wang.id, fields["drinking"].updated_by)
        self.assertUtcTimestamp(fields["drinking"].updated_at)
        self.assertEqual("health", fields["health"].sensitivity)
        self.assertEqual(p.values, self.profiles.get(c))   # the same values, by key
        self.assertEqual("饮酒", {f.key: f for s in self.profiles.profile(c).sections for f in s.fields}["drinking"].label)

        # Move the record into the past: filed 2024-01-01, position set 2024-02-01, changed 2024-03-01.
        self.profiles.set(c, {"position": "总经理"})
        with sqlite3.connect(str(self.path)) as db:
            db.execute("UPDATE customers SET filed_at = '2024-01-01T02:00:00Z' WHERE id = ?", (c.id,))
            db.execute("UPDATE profile_history SET changed_at = '2024-02-01T03:00:00Z' WHERE customer_id = ? "
                       "AND old_value IS NULL", (c.id,))
            db.execute("UPDATE profile_history SET changed_at = '2024-03-01T03:00:00Z' WHERE customer_id = ? "
                       "AND old_value IS NOT NULL", (c.id,))
        db.close()
        self.assertIsNone(self.profiles.get(c, as_of=D(2023, 12, 31))["gender"])
        self.assertIsNone(self.profiles.get(c, as_of=D(2024, 1, 15))["position"])
        self.assertEqual("male", self.profiles.get(c, as_of=D(2024, 1, 15))["gender"])
        self.assertEqual("经理", self.profiles.get(c, as_of=D(2024, 2, 20))["position"])
        self.assertEqual("总经理", self.profiles.get(c, as_of=D(2024, 3, 1))["position"])
        self.assertEqual(D(2024, 2, 20), self.profiles.profile(c, as_of=D(2024, 2, 20)).as_of)
        self.assertEqual(self.profiles.get(c), self.profiles.get(c, as_of=today_in_china()))

    def test_bound_fields_and_history_through_the_customer_record(self):
        c = self.zhang
        self.profiles.set(c, {"gender": "女", "home_phone": "010-6552 1234"}, by=self.wang)
        customer = self.customers.get(c.id)
        self.assertEqual("female", customer.gender)
        self.assertEqual([snowball.Phone("home", "01065521234")], customer.phones)
        self.customers.update(c, gender="male", by=self.wang)
        gender = self.profiles.history(c, "gender")
        self.assertEqual([("male", "female"), ("female", "male")], [(h.old, h.new) for h in gender])
        self.assertEqual([self.wang.id, self.wang.id], [h.by for h in gender])
        with self.assertRaises(snowball.NotFound) as e:
            self.customers.update(c, gender="female", by=9999)
        self.assertEqual("by", e.exception.field)
        self.assertEqual("male", self.customers.get(c.id).gender)

    def test_completeness_leaderboard_and_distribution(self):
        zhang = self.zhang
        li = self.add("李娜", mobile="13900139000", consultant=self.wang, first_contact=D(2024, 2, 1))
        lone = self.add("赵六", channel="lead", first_contact=D(2024, 3, 1))
        self.profiles.set(zhang, {"ideal_residence": ["unit_design", "brand_strength"], "purchase_reason": ["upgrade"]})
        self.profiles.set(li, {"ideal_residence": ["unit_design"]})
        detail = self.profiles.completeness_detail(zhang, ask_next=2)
        self.assertEqual(detail.score, self.profiles.completeness(zhang))
        self.assertEqual(["company", "marital_status"], detail.ask_next)
        self.assertEqual(["basic", "family", "lifestyle", "property", "standing", "self_image"],
                         [s.section for s in detail.sections])
        self.assertEqual((2, 8), (detail.sections[0].filled, detail.sections[0].fields))

        board = self.profiles.leaderboard("XH")
        self.assertEqual([1, 2], [b.rank for b in board])
        self.assertEqual([self.wang.id, None], [b.consultant_id for b in board])
        self.assertEqual(["王芳", ""], [b.name for b in board])
        self.assertEqual([2, 1], [b.customers for b in board])
        expected = (self.profiles.completeness(zhang) + self.profiles.completeness(li)) / 2
        self.assertAlmostEqual(expected, board[0].mean)
        self.assertEqual(0.0, board[1].mean)
        site = self.profiles.site_completeness("XH")
        self.assertEqual(("XH", 3), (site.site, site.customers))
        self.assertAlmostEqual(expected * 2 / 3, site.mean)

        d = self.profiles.distribution("ideal_residence", site="XH")
        self.assertEqual("理想居住状况", d.label)
        unit = d.options[1]
        self.assertEqual(("unit_design", "户型设计", 2, 1.0), (unit.key, unit.label, unit.total, unit.share))
        self.assertEqual({"prospect": 2, "visitor": 0, "owner": 0}, unit.by_stage)
        self.assertEqual({"prospect": 2, "visitor": 0, "owner": 0}, d.answered)
        self.assertEqual({"prospect": 3, "visitor": 0, "owner": 0}, d.customers)
        self.assertEqual(0.5, d.options[6].share)
        cohort = self.profiles.distribution("ideal_residence", site="XH", start=D(2024, 1, 15), end=D(2024, 3, 1),
                                            language="en")
        self.assertEqual("Unit design", cohort.options[1].label)
        self.assertEqual(1, cohort.options[1].total)
        self.assertEqual({"prospect": 2, "visitor": 0, "owner": 0}, cohort.customers)
        with self.assertRaises(snowball.InvalidArgument) as e:
            self.profiles.distribution("health", site="XH")
        self.assertEqual("field", e.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as e:
            self.profiles.distribution("drinking", site="XH", start=D(2024, 3, 1), end=D(2024, 1, 1))
        self.assertEqual("from", e.exception.field)
        del lone


class FamilyTest(ArchiveTestCase):
    def test_family_members_and_birthdays(self):
        c = self.add("张伟", mobile="13800138000", gender="male")
        family = self.archive.family
        with self.assertRaises(snowball.ConsentRequired) as caught:    # a minor: the guardian's consent
            family.add(c.id, relation="child", name="张小宝", birthday=D(2015, 9, 1), school="学军小学")
        self.assertEqual("relation", caught.exception.field)
        self.archive.consents.grant(c, "service", sensitive=True, guardian="张伟（父亲）")
        son = family.add(c.id, relation="child", name="张小宝", birthday=D(2015, 9, 1), school="学军小学")
        wife = family.add(c, relation="配偶", name="李娜", lunar_birthday=snowball.LunarDate(1986, 8, 15),
                          phone="139 0013 9000", employer="浙江大学", closest=True)
        father = family.add(c.id, relation="father", name="张建国", lunar_birthday=(3, 3))
        mother = family.add(c.id, relation="mother", name="王秀英", lunar_birthday=(2020, 4, 1, True))
        self.assertIsInstance(wife, snowball.FamilyMember)
        self.assertEqual("spouse", wife.relation)
        self.assertEqual("13900139000", wife.phone)
        self.assertEqual(snowball.Birthday(True, 8, 15, 1986, False, "lunar:1986-08-15"), wife.birthday)
        self.assertEqual("lunar:1986-08-15", wife.birthday.text)
        self.assertIsNone(wife.birthday.as_date())
        self.assertEqual(D(2015, 9, 1), son.birthday.as_date())
        self.assertEqual(snowball.Birthday(True, 3, 3, None, False, "lunar:--03-03"), father.birthday)
        self.assertEqual("lunar:--03-03", father.birthday.text)
        self.assertTrue(mother.birthday.leap_month)
        self.assertUtcTimestamp(wife.created_at)
        self.assertEqual(["李娜", "张建国", "王秀英", "张小宝"], [m.name for m in family.list(c)])
        self.assertEqual(wife, family.get(wife.id))

        updated = family.update(son, closest=True, birthday=None, interests="钢琴")
        self.assertIsNone(updated.birthday)
        self.assertTrue(updated.closest)
        self.assertEqual("学军小学", updated.school)
        self.assertFalse(family.get(wife.id).closest)
        self.assertEqual("--02-29", family.update(son, birthday="--02-29").birthday.text)
        self.assertEqual("lunar:--12-30", family.update(son.id, lunar_birthday=(12, 30)).birthday.text)
        family.remove(father)
        with self.assertRaises(snowball.NotFound):
            family.get(father.id)
        self.assertEqual(3, len(family.list(c)))

        # Family records complete fields 11-16.
        detail = self.archive.profiles.completeness_detail(c, ask_next=100)
        for key in ("spouse", "parents", "children", "closest_family_member"):
            self.assertNotIn(key, detail.ask_next)

    def test_bad_family_input(self):
        c = self.add("张伟")
        family = self.archive.family

        def rejected(field, error=snowball.InvalidArgument, customer=None, **member):
            with self.assertRaises(error) as e:
                family.add(customer or c.id, **member)
            self.assertEqual(field, e.exception.field, e.exception.message)

        rejected("relation", relation="cousin", name="李娜")
        rejected("name", relation="spouse", name=" ")
        rejected("birthday", relation="spouse", name="李娜", birthday="1985-02-30")
        rejected("birthday", relation="spouse", name="李娜", birthday=D(today_in_china().year + 1, 1, 1))
        rejected("birthday", relation="spouse", name="李娜", lunar_birthday=(2021, 4, 10, True))   # 2021 had no leap month
        rejected("birthday", relation="spouse", name="李娜", lunar_birthday=(13, 1))
        rejected("phone", relation="spouse", name="李娜", phone="12")
        rejected("customer_id", snowball.NotFound, customer=424242, relation="spouse", name="李娜")
        with self.assertRaises(TypeError):
            family.add(c.id, relation="spouse", name="李娜", birthday=D(1985, 6, 15), lunar_birthday=(8, 15))
        with self.assertRaises(TypeError):
            family.add(c.id, relation="spouse", name="李娜", birthday=datetime.datetime(1985, 6, 15))
        self.assertEqual([], family.list(c))
        with self.assertRaises(snowball.NotFound):
            family.list(424242)

    def test_customer_birthdays(self):
        c = self.add("张伟", birthday=D(1980, 5, 6))
        self.assertEqual(D(1980, 5, 6), c.birthday.as_date())
        c = self.customers.update(c, lunar_birthday=(8, 15))
        self.assertEqual(snowball.Birthday(True, 8, 15, None, False, "lunar:--08-15"), c.birthday)
        self.assertIsNone(self.customers.update(c, birthday=None).birthday)
        with self.assertRaises(snowball.InvalidArgument) as e:
            self.customers.update(c, birthday="--02-30")
        self.assertEqual("birthday", e.exception.field)


class BriefingTest(ArchiveTestCase):
    def test_the_briefing_by_phone(self):
        c = self.add("欧阳娜娜", channel="visit", mobile="13800138000", gender="female", consultant=self.wang,
                     tier="vip", first_contact=D(2024, 3, 1))
        self.archive.consents.grant(c, "service", sensitive=True)
        self.archive.profiles.set(c, {"favourite_cuisine": ["cantonese"], "drinking": ["wine"], "health": "良好"})
        self.archive.family.add(c, relation="spouse", name="王强")
        for day in (5, 20, 10):
            self.customers.record_visit(c, D(2024, 3, day))
        b = self.archive.briefing(phone="+86 138-0013-8000")
        self.assertIsInstance(b, snowball.Briefing)
        self.assertEqual({"customer", "salutation", "consultant", "family", "profile", "recent_visits", "visit_count",
                          "deals", "completeness", "ask_next", "open_tickets", "upcoming", "recent_contacts", "follow_up"},
                         set(b.to_json()))
        self.assertEqual("欧阳女士", b.salutation)
        self.assertIsInstance(b.customer, snowball.Customer)
        self.assertEqual("欧阳娜娜", b.customer.name)
        self.assertEqual("vip", b.customer.tier)
        self.assertEqual(self.wang, b.consultant)
        self.assertEqual(["王强"], [m.name for m in b.family])
        self.assertIsInstance(b.family[0], snowball.FamilyMember)
        self.assertEqual([("favourite_cuisine", "最偏爱的菜式", "粤菜"), ("drinking", "饮酒", "红酒")],
                         [(i.key, i.label, i.value) for i in b.profile])
        self.assertEqual([D(2024, 3, 20), D(2024, 3, 10), D(2024, 3, 5)], [v.date for v in b.recent_visits])
        self.assertEqual(4, b.visit_count)
        # Each visit is an entry of the contact log: the latest three, newest first, and the last contact.
        self.assertEqual([("visit_office", D(2024, 3, 20)), ("visit_office", D(2024, 3, 10)), ("visit_office", D(2024, 3, 5))],
                         [(e.channel, e.day) for e in b.recent_contacts])
        self.assertIsInstance(b.follow_up, snowball.FollowUp)
        self.assertEqual(D(2024, 3, 20), b.follow_up.last_contact_day)
        self.assertEqual([], b.deals)
        self.assertAlmostEqual(self.archive.profiles.completeness(c), b.completeness)
        self.assertEqual("ideal_residence", b.ask_next[0].key)
        self.assertEqual("理想居住状况", b.ask_next[0].label)

        en = self.archive.briefing(customer=c, language="en")
        self.assertEqual("Ms. 欧阳娜娜", en.salutation)
        self.assertEqual("Cantonese", en.profile[0].value)
        self.assertEqual(b.customer, self.archive.briefing(phone="13800138000", site="XH").customer)

        self.assertIsNone(self.archive.briefing(phone="13700137000"))
        self.assertIsNone(self.archive.briefing(phone="13800138000", site="BJ"))
        with self.assertRaises(snowball.NotFound) as e:
            self.archive.briefing(phone="13800138000", site="ZZ")
        self.assertEqual("site", e.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as e:
            self.archive.briefing(phone="call me")
        self.assertEqual("phone", e.exception.field)
        with self.assertRaises(snowball.NotFound):
            self.archive.briefing(customer=424242)
        with self.assertRaises(TypeError):
            self.archive.briefing()
        with self.assertRaises(TypeError):
            self.archive.briefing(phone="13800138000", customer=c)
        other = self.add("张伟", site="BJ", mobile="13800138000")
        with self.assertRaises(snowball.Conflict) as e:
            self.archive.briefing(phone="13800138000")
        self.assertEqual("site", e.exception.field)
        self.assertEqual("张伟先生/女士", self.archive.briefing(phone="13800138000", site="BJ").salutation)
        self.assertEqual(other.id, self.archive.briefing(phone="13800138000", site="BJ").customer.id)

    def test_upcoming_occasions_in_the_briefing(self):
        today = today_in_china()
        days = datetime.timedelta
        soon = today + days(5)
        c = self.add("欧阳娜娜", mobile="13800138000", gender="female", consultant=self.wang, tier="vip",
                     first_contact=today - days(60),
                     birthday=datetime.date(1984, soon.month, soon.day) if (soon.month, soon.day) != (2, 29)
                     else datetime.date(1984, 2, 29))
        in_ten = snowball.calendar.to_lunar(today + days(10))
        family = self.archive.family.add(c, relation="spouse", name="王强",
                                         lunar_birthday=(in_ten.month, in_ten.day))
        deal = self.customers.record_deal(c, unit="3-1-1201", area=120, price=3_000_000, date=today - days(23))

        upcoming = self.archive.briefing(phone="13800138000").upcoming
        for u in upcoming:
            self.assertIsInstance(u, snowball.calendar.UpcomingOccasion)
            self.assertLessEqual(today, u.date)
            self.assertLessEqual(u.date, today + days(30))
        self.assertEqual(sorted(u.date for u in upcoming), [u.date for u in upcoming])
        by_kind = {}
        for u in upcoming:
            by_kind.setdefault(u.kind, []).append(u)

        birthday, = by_kind["birthday"]
        self.assertEqual(soon, birthday.date)
        self.assertEqual("欧阳娜娜生日", birthday.title)
        # A VIP owner's birthday: flowers or a cake two days ahead, and a call on the day.
        self.assertEqual([("flowers_or_cake", soon - days(2)), ("call", soon)],
                         [(a.action, a.start) for a in birthday.actions])

        if not in_ten.leap:   # born in a leap month: greeted in the regular month, outside this window
            spouse, = by_kind["family_birthday"]
            self.assertEqual(today + days(10), spouse.date)
            self.assertEqual(family.id, spouse.family_member_id)
            self.assertEqual("配偶王强生日", spouse.title)

        follow_up, = by_kind["follow_up"]   # 7 days after the deal is past; 30 days is in a week
        self.assertEqual(today + days(7), follow_up.date)
        self.assertEqual("follow_up:30d", follow_up.key)
        self.assertEqual(deal.id, follow_up.deal_id)
        self.assertNotIn("deal_anniversary", by_kind)

        # Every owner is greeted on every festival: the festivals of the window, as the calendar has them.
        expected = sorted((d, key) for year in {today.year, (today + days(30)).year}
                          for key, d in snowball.calendar.festivals(year) if today <= d <= today + days(30))
        self.assertEqual(expected, sorted((u.date, u.key) for u in by_kind.get("festival", [])))
        for u in by_kind.get("festival", []):
            self.assertEqual(["call_or_sms"], [a.action for a in u.actions])

        # A prospect: the default policy asks nothing, but the briefing still tells the occasions.
        p = self.add("李雷", mobile="13900139000", birthday=datetime.date(1990, soon.month, min(soon.day, 28)))
        prospect = self.archive.briefing(customer=p).upcoming
        self.assertEqual(["birthday"], [u.kind for u in prospect])
        self.assertEqual([], prospect[0].actions)
        self.assertNotIn("festival", [u.kind for u in prospect])

if __name__ == "__main__":
    unittest.main()
