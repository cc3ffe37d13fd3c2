"""Outreach through Python with the acceptance names: a send renders per recipient and is never made
twice for one key; do-not-contact and missing phones are skipped; an unknown placeholder fails before
anything is recorded; a sender that raises is a failure kept and retried; a sender that hangs does
not hold the handle; statistics and receipts; news items; the festival greetings as one batch."""

import datetime
import threading
import time
import unittest

import snowball
from support import ArchiveTestCase, today_in_china


class Recorder:
    """A test sender: keeps what it got, answers with an id."""

    def __init__(self):
        self.got = []

    def __call__(self, customer_id, channel, text):
        self.got.append((customer_id, channel, text))
        return "msg-%d" % len(self.got)


class OutreachTest(ArchiveTestCase):
    def setUp(self):
        super().setUp()
        filed = datetime.date(2024, 1, 8)
        self.zhang = self.add("张伟", gender="male", consultant=self.wang, mobile="13800138000", filed_on=filed,
                              first_contact=filed)
        self.li_na = self.add("李娜", gender="female", consultant=self.wang, mobile="13900139000", filed_on=filed,
                              first_contact=filed)
        self.outreach = self.archive.outreach
        self.morning = datetime.datetime.combine(today_in_china(), datetime.time(10, 0))

    def test_a_send_renders_per_recipient_and_a_second_send_sends_nothing(self):
        sender = Recorder()
        first = self.outreach.send("{salutation}您好，{festival}快乐！", customers=[self.zhang.id, self.li_na.id],
                                   channel="sms", key="mid-autumn", sender=sender, festival="中秋节", at=self.morning)
        self.assertEqual(2, first.sent)
        self.assertEqual(0, first.skipped)
        self.assertEqual([(self.zhang.id, "sms", "张先生您好，中秋节快乐！"), (self.li_na.id, "sms", "李女士您好，中秋节快乐！")],
                         sender.got)
        second = self.outreach.send("{salutation}您好，{festival}快乐！", customers=[self.zhang.id, self.li_na.id],
                                    channel="sms", key="mid-autumn", sender=sender, festival="中秋节", at=self.morning)
        self.assertEqual(0, second.sent)
        self.assertEqual(2, second.skipped)
        self.assertEqual({"already_sent": 2}, second.reasons)
        self.assertEqual(2, len(sender.got))
        from snowball import outreach as module
        kept = len(module._THUNKS)
        self.outreach.send("{salutation}", customers=[self.zhang], key="again", sender=sender, at=self.morning)
        self.assertEqual(kept, len(module._THUNKS), "a send whose sender answered every call lets its thunk go")

        stats = self.outreach.stats("mid-autumn")
        self.assertIsInstance(stats, snowball.ItemStats)
        self.assertEqual((2, 2, 0), (stats.total.recipients, stats.total.sent, stats.total.failed))
        # Each delivery is a contact of the customer's log.
        entry = self.archive.contacts.history(self.zhang)[0]
        self.assertEqual(("sms", "sent"), (entry.channel, entry.outcome))
        self.assertIsNotNone(entry.delivery_id)

    def test_do_not_contact_and_a_missing_phone_are_skipped(self):
        nophone = self.add("王强", gender="male")
        self.archive.contacts.do_not_contact(self.li_na, channel="sms")
        sender = Recorder()
        result = self.outreach.send("{salutation}您好", customers=[self.zhang, self.li_na, nophone], key="n1",
                                    sender=sender, at=self.morning)
        self.assertEqual(1, result.sent)
        self.assertEqual(2, result.skipped)
        self.assertEqual({"do_not_contact": 1, "no_address": 1}, result.reasons)
        self.assertEqual([self.zhang.id], [g[0] for g in sender.got])

    def test_bad_input_records_nothing(self):
        sender = Recorder()
        with self.assertRaises(snowball.InvalidArgument) as raised:
            self.outreach.send("{salutation}您好，{festivl}", customers=[self.zhang], key="bad", sender=sender)
        self.assertEqual("text", raised.exception.field)
        self.assertIn("{festivl}", str(raised.exception))
        with self.assertRaises(snowball.InvalidArgument):
            self.outreach.send("{festival}", customers=[self.zhang], key="bad", sender=sender)   # no value given
        with self.assertRaises(snowball.NotFound):
            self.outreach.stats("bad")
        with self.assertRaises(TypeError):
            self.outreach.send("您好", customers=[self.zhang], key="bad", sender="not callable")
        self.assertEqual([], sender.got)
        self.assertEqual(["salutation", "site"], self.outreach.check_template("{salutation}，{site}欢迎您"))
        self.assertEqual(2, self.outreach.sms_length("中" * 71).segments)

    def test_a_sender_that_raises_is_a_failure_kept_and_retried(self):
        calls = []

        def flaky(customer_id, channel, text):
            calls.append(customer_id)
            if len(calls) == 1:
                raise RuntimeError("网关超时")
            return "ok-%d" % len(calls)

        first = self.outreach.send("{salutation}您好", customers=[self.zhang], key="flaky", sender=flaky, at=self.morning)
        self.assertEqual((0, 1), (first.sent, first.failed))
        failure = self.outreach.failures("flaky")[0]
        self.assertEqual(("failed", "网关超时", 1), (failure.status, failure.error, failure.attempts))
        again = self.outreach.retry("flaky", sender=flaky, at=self.morning)
        self.assertEqual(1, again.sent)
        self.assertEqual("ok-2", self.outreach.deliveries("flaky")[0].message_id)
        self.assertEqual([], self.outreach.failures("flaky"))

    def test_a_sender_that_hangs_does_not_hold_the_handle(self):
        self.outreach.update_settings("XH", timeout_ms=200)
        release = threading.Event()

        def hangs(customer_id, channel, text):
            if customer_id == self.zhang.id:
                release.wait(5)
            return "late"

        from snowball import outreach as module
        kept = len(module._THUNKS)
        started = time.monotonic()
        result = self.outreach.send("{salutation}您好", customers=[self.zhang, self.li_na], key="hang", sender=hangs,
                                    at=self.morning)
        took = time.monotonic() - started
        # The hung call still holds the sender's C thunk: it is kept alive past the send.
        self.assertEqual(kept + 1, len(module._THUNKS))
        release.set()
        self.assertEqual((1, 1), (result.sent, result.timed_out))
        self.assertLess(took, 4.0)
        hung = self.outreach.deliveries("hang", status="sending")
        self.assertEqual([self.zhang.id], [d.customer_id for d in hung])
        # The handle answers at once, and the record is never lost.
        self.assertEqual(2, self.outreach.stats("hang").total.recipients)
        settled = self.outreach.receipt(hung[0], status="delivered")
        self.assertEqual("delivered", settled.status)

    def test_receipts_news_and_settings(self):
        sender = Recorder()
        item = self.outreach.add_news("XH", "3号楼封顶", "顺利封顶。", kind="progress",
                                      attachments=["https://example.com/3.jpg"])
        self.assertIsInstance(item, snowball.NewsItem)
        self.outreach.send("{salutation}您好，{title}", customers=[self.zhang], key="news-3", news=item, sender=sender,
                           at=self.morning)
        self.assertEqual("张先生您好，3号楼封顶", sender.got[0][2])
        d = self.outreach.receipt(message_id="msg-1", channel="sms", status="read")
        self.assertEqual("read", d.status)
        self.assertEqual(1, self.outreach.stats("news-3").total.read)
        self.assertEqual(["news-3"], [d.key for d in self.outreach.received(self.zhang)])
        settings = self.outreach.update_settings("XH", weekly_cap=None, max_attempts=5)
        self.assertEqual((None, 5), (settings.weekly_cap, settings.max_attempts))
        tpl = self.outreach.add_template("spring", "{salutation}新春快乐", site="XH", purpose="festival")
        self.assertEqual(["salutation"], tpl.placeholders)
        self.assertEqual("李女士新春快乐", self.outreach.render(tpl.text, self.li_na))

    def test_festival_greetings_go_out_as_one_batch(self):
        self.customers.record_deal(self.zhang, unit="1-1-101", area=90, price=1000000, date=datetime.date(2024, 3, 1))
        sender = Recorder()
        result = self.outreach.send_greetings("XH", datetime.date(2026, 9, 25), sender=sender, at=self.morning)
        self.assertEqual(1, result.sent)
        self.assertIn("中秋节", sender.got[0][2])
        again = self.outreach.send_greetings("XH", datetime.date(2026, 9, 25), sender=sender, at=self.morning)
        self.assertEqual(0, again.sent)
        self.assertEqual(1, len(sender.got))


if __name__ == "__main__":
    unittest.main()
