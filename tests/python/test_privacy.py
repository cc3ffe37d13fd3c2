"""The audit log from Python: an erasure is recorded without the person's data, the chain verifies,
and a tampered entry is found."""

import json
import sqlite3

import snowball
from support import ArchiveTestCase


class AuditTest(ArchiveTestCase):
    def erase(self, name, mobile):
        customer = self.archive.customers.add(site="XH", channel="call", name=name, mobile=mobile)
        self.archive.customers.remove(customer)
        return customer.id

    def test_an_erasure_is_recorded_and_the_chain_verifies(self):
        first = self.erase("甄嬛", "13912345678")
        self.erase("果郡王", "13700001111")
        page = self.archive.audit.entries(subject=first)
        self.assertEqual(1, page.total)
        entry = page.items[0]
        self.assertIsInstance(entry, snowball.AuditEntry)
        self.assertEqual(("host", "customer.erase", first), (entry.actor, entry.action, entry.subject_id))
        self.assertNotIn("甄嬛", repr(list(self.archive.audit)))
        self.assertEqual(2, len(list(self.archive.audit)))
        check = self.archive.audit.verify()
        self.assertTrue(check.ok)
        self.assertIsNone(check.first_bad)
        self.assertEqual(2, check.entries)
        self.assertTrue(self.archive.audit.verify(check.head).ok)
        # The export: every entry as a JSON line with its links, for an auditor to keep.
        lines = self.archive.audit.export().splitlines()
        self.assertEqual(2, len(lines))
        exported = [json.loads(line) for line in lines]
        self.assertEqual(exported[0]["hash"], exported[1]["prev_hash"])
        self.assertEqual(entry.prev_hash, exported[0]["prev_hash"])
        self.assertEqual(1, len(self.archive.audit.export(subject=first).splitlines()))
        self.assertNotIn("甄嬛", self.archive.audit.export())

    def test_a_tampered_entry_is_found(self):
        for i in range(3):
            self.erase("客户%d" % i, "1391234567%d" % i)
        head = self.archive.audit.verify().head
        db = sqlite3.connect(self.path)
        with self.assertRaises(sqlite3.DatabaseError):      # append-only
            db.execute("UPDATE audit_log SET actor = 'consultant:1' WHERE id = 2")
        db.executescript("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'consultant:1' WHERE id = 2;")
        db.close()
        check = self.archive.audit.verify()
        self.assertFalse(check.ok)
        self.assertEqual(2, check.first_bad)
        self.assertIn("changed", check.problem)
        self.assertFalse(self.archive.audit.verify(head).ok)

    def test_bad_queries_are_refused(self):
        with self.assertRaises(snowball.InvalidArgument):
            self.archive.audit.entries(limit=0)
        import datetime
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.archive.audit.entries(from_=datetime.date(2026, 12, 2), to=datetime.date(2026, 12, 1))
        self.assertEqual("to", caught.exception.field)
        with self.assertRaises(TypeError):
            self.archive.audit.entries(subject="甄嬛")      # a customer or an id, not a name


class ConsentAndRightsTest(ArchiveTestCase):
    """The acceptance names of the PIPL issue: consent, masking and revealing, erasure, the person's
    copy, the retention sweep."""

    def setUp(self):
        super().setUp()
        self.zhen = self.add("甄嬛", mobile="13912345678", consultant=self.wang)
        self.manager = self.archive.consultants.add(site="XH", name="周经理", role="manager")

    def test_consent_is_granted_withdrawn_and_listed(self):
        consents = self.archive.consents
        self.assertFalse(consents.allows(self.zhen, "marketing"))
        c = consents.grant(self.zhen, "marketing", notice_version="2026-01", channel="wechat", by=self.wang)
        self.assertIsInstance(c, snowball.Consent)
        self.assertEqual(("marketing", "consultant:%d" % self.wang.id, True), (c.purpose, c.recorded_by, c.in_force))
        self.assertTrue(consents.allows(self.zhen, "marketing"))
        self.assertEqual(1, consents.withdraw(self.zhen, "marketing", by=self.wang))
        self.assertFalse(consents.allows(self.zhen, "marketing"))    # at once
        ledger = consents.of(self.zhen)
        self.assertIsInstance(ledger, list)
        self.assertEqual(1, len(ledger))
        self.assertFalse(ledger[0].in_force)
        consents.object(self.zhen, "sms")
        self.assertFalse(consents.allows(self.zhen, "service", "sms"))
        self.assertTrue(consents.allows(self.zhen, "service", "phone"))
        with self.assertRaises(snowball.InvalidArgument):
            consents.grant(self.zhen, "gossip")
        actions = [e.action for e in self.archive.audit.entries(subject=self.zhen).items]
        self.assertEqual(["consent.grant", "consent.withdraw", "consent.object"], actions)

    def test_a_sensitive_field_needs_its_consent_and_reads_masked(self):
        profiles = self.archive.profiles
        with self.assertRaises(snowball.ConsentRequired) as e:
            profiles.set(self.zhen, {"health": "哮喘", "position": "经理"})
        self.assertIsInstance(e.exception, snowball.SnowballError)
        self.assertEqual("health", e.exception.field)
        self.assertIsNone(profiles.get(self.zhen)["position"])            # nothing written
        with self.assertRaises(snowball.ConsentRequired):                 # a minor's data: a guardian's consent
            self.archive.consents.grant(self.zhen, "service", sensitive=True)
            profiles.set(self.zhen, {"children": "女儿，8岁"})
        self.archive.consents.grant(self.zhen, "service", sensitive=True, guardian="甄远道（父亲）")
        profiles.set(self.zhen, {"health": "哮喘", "plate_number": "浙A·12348", "children": "女儿，8岁"})
        masked = profiles.get(self.zhen)
        self.assertEqual("******", masked["health"])
        self.assertEqual("浙A·****8", masked["plate_number"])
        with self.assertRaises(snowball.InvalidArgument):
            profiles.get(self.zhen, reveal=True)                          # a reason is required
        shown = profiles.get(self.zhen, reveal=True, reason="客户投诉核实")
        self.assertEqual(("哮喘", "浙A·12348"), (shown["health"], shown["plate_number"]))
        reveal = self.archive.audit.entries(subject=self.zhen, action="profile.reveal").items
        self.assertEqual(1, len(reveal))
        self.assertIn("客户投诉核实", reveal[0].detail)
        self.assertNotIn("哮喘", reveal[0].detail)

        # Another site's consultant sees the contact data masked and may not reveal.
        with self.archive.as_actor("consultant:%d" % self.li.id) as other:
            self.assertEqual("consultant:%d" % self.li.id, other.actor)
            seen = other.customers.get(self.zhen.id)
            self.assertEqual(("甄*", "139****5678"), (seen.name, seen.mobile))
            with self.assertRaises(snowball.Forbidden):
                other.profiles.get(self.zhen.id, reveal=True, reason="好奇")
        # Her own consultant reveals with a reason while the consent is in force; not after withdrawal.
        with snowball.open(self.path, actor="consultant:%d" % self.wang.id) as own:
            self.assertEqual("甄嬛", own.customers.get(self.zhen.id).name)
            self.assertEqual("哮喘", own.profiles.get(self.zhen.id, reveal=True, reason="回访")["health"])
            self.archive.consents.withdraw(self.zhen, "service")
            with self.assertRaises(snowball.ConsentRequired):
                own.profiles.get(self.zhen.id, reveal=True, reason="回访")
            with self.assertRaises(snowball.Forbidden):
                own.privacy.erase(self.zhen.id)
        # A manager still may, with a reason (and it is audited).
        with self.archive.as_actor("manager:%d" % self.manager.id) as boss:
            self.assertEqual("哮喘", boss.profiles.get(self.zhen.id, reveal=True, reason="法务")["health"])

    def test_a_manager_grants_a_colleague_access(self):
        colleague = self.archive.consultants.add(site="XH", name="陈同事")
        with self.archive.as_actor("consultant:%d" % colleague.id) as cover:
            self.assertEqual("甄*", cover.customers.get(self.zhen.id).name)
            self.archive.privacy.grant_access(self.zhen, colleague, by=self.manager)
            self.assertEqual("甄嬛", cover.customers.get(self.zhen.id).name)
            self.archive.privacy.revoke_access(self.zhen, colleague)
            self.assertEqual("甄*", cover.customers.get(self.zhen.id).name)
        with self.assertRaises(snowball.NotFound):
            self.archive.privacy.revoke_access(self.zhen, colleague)

    def test_a_customer_who_objects_to_surveys_is_not_invited(self):
        other = self.add("果郡王", mobile="13700001111")
        survey = self.archive.surveys.create("回访", questions=[{"key": "q", "text": "满意度", "type": "rating5"}])
        self.archive.consents.object(self.zhen, "survey")
        campaign = self.archive.surveys.create_campaign(survey.id, channel="letter", customers=[self.zhen, other])
        self.assertEqual([other.id], campaign.invited)
        self.archive.consents.object(other, None)      # every channel of the service relationship
        with self.assertRaises(snowball.InvalidArgument) as e:
            self.archive.surveys.create_campaign(survey.id, channel="letter", customers=[self.zhen, other])
        self.assertIn("objects to surveys", str(e.exception))

    def test_the_persons_copy_and_erasure(self):
        self.archive.consents.grant(self.zhen, "marketing")
        self.customers.record_visit(self.zhen)
        copy = self.archive.privacy.export(self.zhen)
        self.assertIsInstance(copy, dict)
        self.assertEqual("甄嬛", copy["customer"]["name"])
        for key in ("visits", "deals", "profile", "profile_history", "family", "tickets", "survey_responses",
                    "referrals", "consents", "audit"):
            self.assertIn(key, copy)
        self.assertEqual(1, len(copy["visits"]))
        self.assertEqual("marketing", copy["consents"][0]["purpose"])
        self.assertIn("privacy.export", [e["action"] for e in copy["audit"]])
        html = self.archive.privacy.export(self.zhen, format="html")
        self.assertIn("个人信息副本", html)
        self.assertIn("甄嬛", html)
        self.archive.privacy.erase(self.zhen, by=self.manager)
        with self.assertRaises(snowball.NotFound):
            self.customers.get(self.zhen.id)
        erased = self.archive.audit.entries(subject=self.zhen, action="customer.erase").items
        self.assertEqual("manager:%d" % self.manager.id, erased[0].actor)
        check = self.archive.audit.verify()
        self.assertTrue(check.ok)
        self.assertIsNone(check.first_bad)

    def test_the_retention_sweep_keeps_held_customers(self):
        old = self.add("旧客户", first_contact=snowball_date(2020, 1, 1))
        held = self.add("诉讼客户", first_contact=snowball_date(2020, 1, 1))
        self.archive.privacy.set_retention("XH", "prospect", 3 * 365)
        self.assertEqual([("XH", "prospect", 1095)], [(r.site, r.stage, r.days) for r in self.archive.privacy.retention()])
        self.archive.privacy.hold(held, "诉讼中")
        report = self.archive.privacy.sweep(on=snowball_date(2026, 12, 1))
        self.assertIsInstance(report, snowball.SweepReport)
        self.assertEqual([old.id], report.erased)
        self.assertEqual([held.id], report.held)
        self.assertEqual("甄嬛", self.customers.get(self.zhen.id).name)   # filed today: within the period
        with self.assertRaises(snowball.NotFound):
            self.customers.get(old.id)
        self.archive.privacy.release(held)
        self.assertEqual([held.id], self.archive.privacy.sweep(on=snowball_date(2026, 12, 1), rehearsal=True).erased)


def snowball_date(y, m, d):
    import datetime
    return datetime.date(y, m, d)
