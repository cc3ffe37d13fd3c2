"""Deal stages through Python: record at a stage, advance, cancel, the steps, the owner stage, lost customers."""

import datetime
import unittest

import snowball
from support import ArchiveTestCase, today_in_china

D = datetime.date


class DealStagesTest(ArchiveTestCase):
    def buyer(self, name="张伟", mobile="13800138000"):
        return self.customers.add(site="XH", channel="visit", name=name, mobile=mobile, consultant=self.wang,
                                  first_contact=D(2024, 1, 5), filed_on=D(2024, 1, 5))

    def test_a_reservation_advanced_to_contract(self):
        zhang = self.buyer()
        deal = self.customers.record_deal(zhang, unit="3-1-1201", area=128.5, price=3560000, date=D(2024, 2, 1),
                                          stage="reservation", deposit=50000)
        self.assertIsInstance(deal, snowball.Deal)
        self.assertEqual(("reservation", D(2024, 2, 1), 50000.0, None), (deal.stage, deal.reserved_on, deal.deposit,
                                                                         deal.contracted_on))
        self.assertEqual("visitor", self.customers.get(zhang.id).stage)
        self.assertEqual([], self.customers.closed_deals(site="XH").items)
        sub = self.archive.deals.advance(deal.id, "subscription", date=D(2024, 2, 10), amount=300000, by=self.wang)
        self.assertEqual(("subscription", D(2024, 2, 10)), (sub.stage, sub.date))
        signed = self.archive.deals.advance(deal.id, "contract", date=D(2024, 3, 1), by=self.wang)
        self.assertEqual(("contract", D(2024, 3, 1), D(2024, 3, 1), 3560000.0),
                         (signed.stage, signed.date, signed.contracted_on, signed.price))
        self.assertEqual("owner", self.customers.get(zhang.id).stage)
        self.assertEqual([deal.id], [c.deal.id for c in self.customers.closed_deals(site="XH").items])
        self.assertEqual(signed, self.archive.deals.get(deal.id))
        steps = self.archive.deals.steps(deal.id)
        self.assertEqual(["reservation", "subscription", "contract"], [s.step for s in steps])
        self.assertIsInstance(steps[0], snowball.DealStep)
        self.assertEqual([50000.0, 300000.0, 3560000.0], [s.amount for s in steps])
        self.assertEqual({self.wang.id}, {s.by for s in steps})

    def test_the_default_stage_is_contract_and_cancel_steps_back(self):
        zhang = self.buyer()
        deal = self.customers.record_deal(zhang, unit="1-1-101", area=90, price=2000000, date=D(2024, 2, 1))
        self.assertEqual(("contract", D(2024, 2, 1)), (deal.stage, deal.contracted_on))
        self.assertEqual("owner", self.customers.get(zhang.id).stage)
        cancelled = self.archive.deals.cancel(deal.id, "退房", by=self.wang)
        self.assertTrue(cancelled.cancelled)
        self.assertEqual(today_in_china(), cancelled.cancelled_on)
        self.assertEqual("visitor", self.customers.get(zhang.id).stage)
        self.assertEqual("cancellation", self.archive.deals.steps(deal.id)[-1].step)
        with self.assertRaises(snowball.InvalidState):
            self.archive.deals.cancel(deal.id, "again")

    def test_bad_steps(self):
        zhang = self.buyer()
        deal = self.customers.record_deal(zhang, unit="1-1-101", area=90, price=2000000, date=D(2024, 2, 1),
                                          stage="subscription")
        for kwargs, field in ((dict(stage="signed"), "stage"), (dict(amount=0), "amount"), (dict(amount=-3), "amount"),
                              (dict(date=D(2999, 1, 1)), "date"), (dict(date=D(2024, 1, 31)), "date"),
                              (dict(by=self.li), "by")):
            with self.subTest(kwargs=kwargs):
                args = dict(stage="contract", by=self.wang)
                args.update(kwargs)
                stage = args.pop("stage")
                with self.assertRaises(snowball.InvalidArgument) as caught:
                    self.archive.deals.advance(deal.id, stage, **args)
                self.assertEqual(field, caught.exception.field)
        with self.assertRaises(snowball.InvalidState) as caught:
            self.archive.deals.advance(deal.id, "reservation", by=self.wang)
        self.assertIn("only moves forward", str(caught.exception))
        with self.assertRaises(TypeError):
            self.archive.deals.advance(deal.id, "contract")   # by= is required
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.customers.record_deal(zhang, unit="1-1-102", area=90, price=2000000, stage="认筹x")
        self.assertEqual("stage", caught.exception.field)
        self.assertEqual(1, len(self.archive.deals.steps(deal.id)))

    def test_owner_stage_setting(self):
        self.assertEqual("contract", self.archive.deals.settings("XH").owner_stage)
        zhang = self.buyer()
        self.customers.record_deal(zhang, unit="1-1-101", area=90, price=2000000, stage="reservation")
        self.assertEqual("visitor", self.customers.get(zhang.id).stage)
        s = self.archive.deals.set_owner_stage("XH", "reservation")
        self.assertIsInstance(s, snowball.SalesSettings)
        self.assertEqual("reservation", s.owner_stage)
        self.assertEqual("owner", self.customers.get(zhang.id).stage)
        with self.assertRaises(snowball.InvalidArgument):
            self.archive.deals.set_owner_stage("XH", "cancellation")

    def test_lost_customers(self):
        zhang = self.buyer()
        mark = self.customers.mark_lost(zhang, "bought_elsewhere", competitor="万科城", note="价格", by=self.wang)
        self.assertIsInstance(mark, snowball.LostMark)
        self.assertEqual(("bought_elsewhere", "万科城", today_in_china(), ""),
                         (mark.reason, mark.competitor, mark.date, mark.undone_at))
        self.assertEqual({"bought_elsewhere": 1}, self.customers.lost_counts("XH"))
        with self.assertRaises(snowball.Conflict):
            self.customers.mark_lost(zhang, "price")
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.customers.mark_lost(self.buyer("李娜", "13900139000"), "cheaper")
        self.assertEqual("reason", caught.exception.field)
        undone = self.customers.undo_lost(zhang, by=self.wang)
        self.assertNotEqual("", undone.undone_at)
        self.assertEqual({}, self.customers.lost_counts("XH"))
        self.assertEqual([undone], self.customers.lost_marks(zhang))


if __name__ == "__main__":
    unittest.main()
