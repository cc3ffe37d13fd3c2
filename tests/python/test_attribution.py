"""Registration and protection through Python with the acceptance names: register (full and partial
phones) → .id, .expires; judge → .owner_consultant_id (None in the public pool) and .reason; the
conflict names the owner; the pool and a claim; a dispute decided; the history; bad input; and two
processes registering the same phone at once, round after round: exactly one wins."""

import datetime
import multiprocessing
import os
import unittest

import snowball
from support import ArchiveTestCase, today_in_china


def _race(path, consultant, other_name, rounds, queue):
    archive = snowball.open(path)
    wins, bad = 0, []
    for i in range(rounds):
        try:
            archive.registrations.register(site="XH", phone="1370000%04d" % i, consultant=consultant)
            wins += 1
        except snowball.Conflict as e:
            if other_name not in str(e) or not e.record_id:
                bad.append(str(e))
        except Exception as e:  # noqa: BLE001 - reported to the parent
            bad.append(repr(e))
    archive.close()
    queue.put((consultant, wins, bad))


class AttributionTest(ArchiveTestCase):
    def setUp(self):
        super().setUp()
        self.regs = self.archive.registrations
        self.zhao = self.archive.consultants.add(site="XH", name="赵敏")
        self.manager = self.archive.consultants.add(site="XH", name="周经理", role="manager")
        self.agency = self.regs.add_partner("XH", "链家", kind="中介", company="链家地产", phone="13900001111")
        self.today = today_in_china()

    def ago(self, n):
        return self.today - datetime.timedelta(days=n)

    def test_register_and_judge_with_the_acceptance_names(self):
        r = self.regs.register(site="XH", phone="138****8000", name="刘先生", partner=self.agency)
        self.assertIsInstance(r.id, int)
        self.assertEqual(self.today + datetime.timedelta(days=30), r.expires)
        self.assertTrue(r.partial)
        j = self.regs.judge(site="XH", phone="13812348000")
        self.assertEqual("registration", j.reason)
        self.assertIsNone(j.owner_consultant_id)
        self.assertEqual(self.agency.id, j.owner_partner_id)
        self.assertEqual("13812348000", j.registration.phone)
        self.assertIn("链家", j.explanation)
        c = self.regs.register(site="XH", phone="139 0013 9000", name="张伟", consultant=self.wang)
        self.assertEqual(self.today + datetime.timedelta(days=7), c.expires)
        j = self.regs.judge(site="XH", phone="13900139000")
        self.assertEqual(self.wang.id, j.owner_consultant_id)
        self.assertEqual("王芳", j.owner_consultant)

    def test_a_phone_registered_to_someone_else_is_a_conflict_naming_the_owner(self):
        r = self.regs.register(site="XH", phone="13800138000", consultant=self.wang)
        with self.assertRaises(snowball.Conflict) as raised:
            self.regs.register(site="XH", phone="138****8000", partner=self.agency)
        self.assertIn("王芳", str(raised.exception))
        self.assertEqual(r.id, raised.exception.record_id)
        self.assertEqual("phone", raised.exception.field)

    def test_an_expired_registration_is_the_public_pool_and_a_claim_takes_the_customer(self):
        c = self.add("张伟", mobile="13800138000", consultant=self.wang, first_contact=self.ago(40))
        j = self.regs.judge(site="XH", phone="13800138000")
        self.assertEqual("pool", j.reason)
        self.assertIsNone(j.owner_consultant_id)
        self.assertTrue(j.in_pool)
        self.assertEqual([c.id], [p.customer_id for p in self.regs.pool("XH")])
        a = self.regs.claim(c, self.zhao)
        self.assertEqual(self.zhao.id, a.consultant_id)
        self.assertEqual(self.zhao.id, self.customers.get(c.id).consultant_id)
        self.assertEqual("protected", self.regs.judge(site="XH", phone="13800138000").reason)
        self.assertEqual(["pool", "claim"], [h.reason for h in self.regs.history(c)])

    def test_an_effective_contact_renews_the_protection(self):
        c = self.add("张伟", mobile="13800138000", consultant=self.wang, first_contact=self.ago(30))
        self.assertEqual("pool", self.regs.judge(site="XH", phone="13800138000", at=self.ago(20)).reason)
        c2 = self.add("李雷", mobile="13700137000", consultant=self.wang, first_contact=self.ago(30))
        self.archive.contacts.log(c2, channel="phone", outcome="reached", by=self.wang, at=self.ago(3))
        j = self.regs.judge(site="XH", phone="13700137000")
        self.assertEqual("protected", j.reason)
        self.assertEqual(self.ago(3) + datetime.timedelta(days=7), j.expires)
        self.assertIsNotNone(c)

    def test_disputes_are_decided_and_kept(self):
        c = self.add("张伟", mobile="13800138000", channel="visit")
        self.regs.register(site="XH", phone="13800138000", consultant=self.wang)
        d = self.regs.dispute(c, "客户说赵敏先接待", consultant=self.zhao)
        self.assertEqual("open", d.status)
        decided = self.regs.decide(d, by=self.manager, consultant=self.zhao, note="查监控")
        self.assertEqual("decided", decided.status)
        self.assertEqual(self.manager.id, decided.decided_by)
        self.assertEqual(self.zhao.id, self.regs.attribution(c).consultant_id)
        self.assertEqual(["registration", "dispute"], [h.reason for h in self.regs.history(c)])
        with self.assertRaises(snowball.InvalidState):
            self.regs.decide(d, by=self.manager, consultant=self.wang)

    def test_settings_and_family(self):
        s = self.regs.update_settings("XH", phone_inquiry_days=3, family_follows=False)
        self.assertEqual(3, s.phone_inquiry_days)
        self.assertFalse(self.regs.settings("XH").family_follows)
        self.assertEqual(30, self.regs.settings("XH").agency_days)

    def test_bad_input(self):
        with self.assertRaises(snowball.InvalidArgument) as raised:
            self.regs.register(site="XH", phone="138**8**000", consultant=self.wang)
        self.assertEqual("phone", raised.exception.field)
        with self.assertRaises(snowball.NotFound) as raised:
            self.regs.register(site="XH", phone="13800138000", partner=424242)
        self.assertEqual("partner_id", raised.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as raised:
            self.regs.register(site="XH", phone="13800138000", consultant=self.li)
        self.assertEqual("consultant_id", raised.exception.field)
        with self.assertRaises(snowball.InvalidArgument):
            self.regs.judge(site="XH", phone="138****8000")
        with self.assertRaises(snowball.InvalidArgument):
            self.regs.update_settings("XH", walk_in_days=0)
        with self.assertRaises(snowball.InvalidState):
            c = self.add("张伟", mobile="13800138000", consultant=self.wang)
            self.regs.claim(c, self.zhao)
        consultant = self.archive.as_actor("consultant:%d" % self.li.id)
        self.addCleanup(consultant.close)
        with self.assertRaises(snowball.Forbidden):
            consultant.registrations.judge(site="XH", phone="13800138000")

    def test_two_processes_registering_the_same_phones_exactly_one_wins_each(self):
        rounds = 40
        ctx = multiprocessing.get_context("spawn")
        queue = ctx.Queue()
        workers = [ctx.Process(target=_race, args=(str(self.path), who.id, other.name, rounds, queue))
                   for who, other in ((self.wang, self.zhao), (self.zhao, self.wang))]
        for w in workers:
            w.start()
        results = [queue.get(timeout=120) for _ in workers]
        for w in workers:
            w.join(60)
            self.assertEqual(0, w.exitcode)
        for _, _, bad in results:
            self.assertEqual([], bad)
        self.assertEqual(rounds, sum(wins for _, wins, _ in results))
        for i in range(rounds):
            self.assertEqual(1, len(self.regs.matching("XH", "1370000%04d" % i)))


if __name__ == "__main__":
    unittest.main()
