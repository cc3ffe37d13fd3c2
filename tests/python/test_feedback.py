"""Complaints, suggestions and satisfaction surveys through Python: the acceptance names,
intake from anyone, the lifecycle and its history, deadlines in working days, overdue and escalation
lists, the visit briefing, versioned questionnaires, campaigns, responses with bad input, statistics
checked against an independent computation written here, and closing the loop."""

import datetime
import math
import random
import statistics
import unittest

import snowball
from support import ArchiveTestCase, today_in_china

D = datetime.date

CHANNELS = ("phone", "letter", "face_to_face", "online")
KINDS = ("complaint", "suggestion", "praise")
CATEGORIES = ("property_quality", "service", "contract", "delivery", "property_management", "other")
SEVERITIES = ("low", "normal", "high", "urgent")
STATUSES = ("received", "acknowledged", "in_progress", "resolved", "closed")
SURVEY_CHANNELS = ("letter", "phone", "online")

# ---------------------------------------------------------------------------------------------
# Working days, independently of the library: the State Council's 2025 arrangement (国办发明电
# 〔2024〕12号) — days off on weekdays, and the weekend days that are make-up working days.

_OFF_2025 = ([D(2025, 1, 1)] + [D(2025, 1, 28) + datetime.timedelta(days=i) for i in range(8)]
             + [D(2025, 4, 4), D(2025, 4, 5), D(2025, 4, 6)] + [D(2025, 5, i) for i in range(1, 6)]
             + [D(2025, 5, 31), D(2025, 6, 1), D(2025, 6, 2)] + [D(2025, 10, i) for i in range(1, 9)])
_MAKE_UP_2025 = {D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)}
OFF_2025 = set(_OFF_2025)


def is_working_day(day):
    assert day.year == 2025, "the tests' own calendar knows 2025 only: %s" % day
    return day in _MAKE_UP_2025 or (day.weekday() < 5 and day not in OFF_2025)


def add_working_days(start, n):
    """The n-th working day after start (start itself does not count)."""
    day = start
    while n > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def working_days_between(start, end):
    """Working days in (start, end]."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day)
    return count


# ---------------------------------------------------------------------------------------------
# Survey statistics, independently of the library

Z95 = statistics.NormalDist().inv_cdf(0.975)


def nps_of(scores):
    """(nps, (low, high), promoters, passives, detractors) of 0-10 scores; None without scores. The
    interval is the normal approximation for the mean of per-respondent +1 / 0 / -1 values."""
    if not scores:
        return None
    values = [1 if s >= 9 else (-1 if s <= 6 else 0) for s in scores]
    n = len(values)
    mean = sum(values) / n
    variance = sum((v - mean) ** 2 for v in values) / n
    se = 100 * math.sqrt(variance / n)
    nps = 100 * mean
    return (nps, (max(-100.0, nps - Z95 * se), min(100.0, nps + Z95 * se)),
            values.count(1), values.count(0), values.count(-1))


def csat_of(scores):
    return 100 * sum(1 for s in scores if s >= 4) / len(scores) if scores else None


QUESTIONS = [
    {"key": "quality", "text": "房屋质量满意度", "type": "rating5", "topic": "property"},
    {"key": "service", "text": "置业顾问服务满意度", "type": "rating5", "topic": "service"},
    {"key": "recommend", "text": "您向亲友推荐的可能性", "type": "nps", "topic": "service"},
    {"key": "heard", "text": "从何得知本项目", "type": "single", "topic": "marketing",
     "options": ["ad", {"key": "friend", "label": "亲友介绍"}, {"key": "web", "label": "网络"}]},
    {"key": "liked", "text": "最满意的方面", "type": "multi", "topic": "property",
     "options": [{"key": "view", "label": "景观"}, {"key": "layout", "label": "户型"}, {"key": "school", "label": "学区"}]},
    {"key": "comment", "text": "其他意见", "type": "text", "topic": "general"},
]
TYPES = {q["key"]: q["type"] for q in QUESTIONS}
TOPICS = {q["key"]: q["topic"] for q in QUESTIONS}
OPTIONS = {"heard": ["ad", "friend", "web"], "liked": ["view", "layout", "school"]}


def answered(answers):
    """The answers as the survey keeps them: None, an empty list and blank text are unanswered."""
    out = {}
    for key, value in answers.items():
        if value is None or value == [] or (isinstance(value, str) and not value.strip()):
            continue
        out[key] = value.strip() if TYPES[key] == "text" else value
    return out


def expected_stats(records, keys=None):
    """What Surveys.stats must say about `records` (dicts: date, site, consultant, channel, answers)
    limited to the questions `keys` (default every question)."""
    keys = set(keys or TYPES)
    rows = [(r, {k: v for k, v in answered(r["answers"]).items() if k in keys}) for r in records]
    rows = [(r, a) for r, a in rows if a]
    rating = [v for _, a in rows for k, v in a.items() if TYPES[k] == "rating5"]
    nps_scores = [v for _, a in rows for k, v in a.items() if TYPES[k] == "nps"]
    out = {"responses": len(rows), "csat": csat_of(rating), "csat_answers": len(rating), "nps": nps_of(nps_scores),
           "questions": {}, "topics": {}, "trend": {}, "channels": {c: 0 for c in SURVEY_CHANNELS}}
    for q in QUESTIONS:
        if q["key"] not in keys:
            continue
        values = [a[q["key"]] for _, a in rows if q["key"] in a]
        entry = {"answered": len(values), "mean": None, "csat": None, "nps": None}
        if q["type"] in ("rating5", "nps"):
            scale = range(1, 6) if q["type"] == "rating5" else range(0, 11)
            entry["distribution"] = {str(v): values.count(v) for v in scale}
            entry["mean"] = sum(values) / len(values) if values else None
            if q["type"] == "rating5":
                entry["csat"] = csat_of(values)
            else:
                entry["nps"] = nps_of(values)
        elif q["type"] == "single":
            entry["distribution"] = {o: values.count(o) for o in OPTIONS[q["key"]]}
        elif q["type"] == "multi":
            entry["distribution"] = {o: sum(o in v for v in values) for o in OPTIONS[q["key"]]}
        else:
            entry["distribution"] = {}
        out["questions"][q["key"]] = entry
    for topic in sorted({TOPICS[k] for k in keys}):
        of_topic = [(k, v) for _, a in rows for k, v in a.items() if TOPICS[k] == topic]
        out["topics"][topic] = {
            "answers": len(of_topic),
            "csat": csat_of([v for k, v in of_topic if TYPES[k] == "rating5"]),
            "nps": nps_of([v for k, v in of_topic if TYPES[k] == "nps"]),
        }
    for r, a in rows:
        month = r["date"].strftime("%Y-%m")
        m = out["trend"].setdefault(month, {"responses": 0, "rating": [], "nps": []})
        m["responses"] += 1
        m["rating"] += [v for k, v in a.items() if TYPES[k] == "rating5"]
        m["nps"] += [v for k, v in a.items() if TYPES[k] == "nps"]
        out["channels"][r["channel"]] += 1
    return out


class FeedbackTestCase(ArchiveTestCase):
    """Beside the shared XH and BJ: manager 周敏 at XH, 赵强 reporting to her (王芳 reports to nobody);
    owners 张伟 (赵强's) and 陈静 (王芳's), prospect 刘洋 (王芳's) at XH; owner 孙丽 (李强's) at BJ."""

    def setUp(self):
        super().setUp()
        consultants = self.archive.consultants
        self.manager = consultants.add(site="XH", name="周敏", role="manager")
        self.zhao = consultants.add(site="XH", name="赵强", manager=self.manager)
        self.zhang = self.owner("张伟", "13800138000", self.zhao, "1-1-101")
        self.chen = self.owner("陈静", "13900139000", self.wang, "1-1-102")
        self.liu = self.add("刘洋", mobile="13700137000", consultant=self.wang, first_contact=D(2025, 1, 6))
        self.sun = self.owner("孙丽", "13600136000", self.li, "8-2-1501", site="BJ")

    def owner(self, name, mobile, consultant, unit, site="XH"):
        c = self.add(name, site=site, mobile=mobile, consultant=consultant, channel="visit", first_contact=D(2025, 1, 6))
        self.customers.record_deal(c, unit=unit, area=89.5, price=2100000, date=D(2025, 3, 1))
        return self.customers.get(c.id)

    def complaint(self, customer=None, severity="normal", received_on=D(2025, 9, 26), **fields):
        return self.archive.feedback.open(channel=fields.pop("channel", "phone"), kind=fields.pop("kind", "complaint"),
                                          category=fields.pop("category", "property_quality"), severity=severity,
                                          text=fields.pop("text", "卫生间渗水"),
                                          customer_id=customer.id if customer else None,
                                          received_on=received_on, **fields)

    def walk(self, ticket, to, by=None, on=None):
        """Moves a ticket along the lifecycle up to `to`."""
        fb = self.archive.feedback
        t = fb.get(ticket.id)
        order = ["received", "acknowledged", "in_progress", "resolved", "closed"]
        for status in order[order.index(t.status) + 1:order.index(to) + 1]:
            t = fb.transition(t.id, status, by=by or self.wang, on=on)
        return t

    def survey(self, site=None, questions=QUESTIONS, title="交付满意度调查"):
        return self.archive.surveys.create(title, questions=questions, site=site)

    def low_scores_off(self, *sites):
        for site in sites or ("XH", "BJ"):
            self.archive.feedback.update_settings(site, low_rating5=None, low_nps=None)


# ---------------------------------------------------------------------------------------------
# Intake


class IntakeTest(FeedbackTestCase):
    def test_open_with_the_acceptance_names(self):
        fb = self.archive.feedback
        t = fb.open(channel="phone", kind="complaint", category="property_quality", severity="high",
                    text="卫生间渗水，已两周无人处理", customer_id=self.zhang.id, phone=None)
        self.assertIsInstance(t, snowball.Ticket)
        self.assertIsInstance(t.id, int)
        self.assertEqual("received", t.status)
        self.assertTrue(t.open)   # the library says which statuses are open
        self.assertTrue(t.is_open)
        self.assertEqual(("phone", "complaint", "property_quality", "high"), (t.channel, t.kind, t.category, t.severity))
        self.assertEqual(("XH", self.zhang.id, "张伟"), (t.site, t.customer_id, t.name))
        self.assertEqual(self.zhao.id, t.assignee_id)          # the customer's consultant
        self.assertEqual(today_in_china(), t.received_on)
        self.assertTrue(t.number.startswith("XH-F%d-" % today_in_china().year), t.number)
        self.assertEqual(t, fb.get(t.id))
        self.assertEqual(t, fb.find_number(t.number))
        # A number as people type it: lower case, full-width, with blanks around.
        full_width = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}
        self.assertEqual(t, fb.find_number(" %s " % t.number.lower()))
        self.assertEqual(t, fb.find_number(t.number.lower().translate(full_width)))
        self.assertIsNone(fb.find_number("XH-F1999-99999"))
        self.assertUtcTimestamp(t.created_at)
        # A Customer record works as customer_id; numbers count up per site and year.
        second = fb.open(channel="letter", kind="suggestion", category="service", severity="low",
                         text="建议周末延长开放时间", customer_id=self.chen)
        self.assertEqual(int(t.number[-5:]) + 1, int(second.number[-5:]))
        self.assertEqual(self.wang.id, second.assignee_id)

    def test_every_key_of_the_issue_is_accepted(self):
        fb = self.archive.feedback
        seen = set()
        for i in range(12):
            channel, kind = CHANNELS[i % 4], KINDS[i % 3]
            category, severity = CATEGORIES[i % 6], SEVERITIES[i % 4]
            t = fb.open(channel=channel, kind=kind, category=category, severity=severity, text="第%d条" % i,
                        customer_id=self.zhang.id)
            self.assertEqual((channel, kind, category, severity), (t.channel, t.kind, t.category, t.severity))
            seen |= {channel, kind, category, severity}
        self.assertEqual(set(CHANNELS + KINDS + CATEGORIES + SEVERITIES), seen)
        self.assertEqual(list(CATEGORIES), [c.key for c in fb.categories()])
        self.assertTrue(all(c.builtin and c.label for c in fb.categories("XH")))

    def test_an_unknown_caller_by_phone_only_is_never_refused_and_linked_later(self):
        fb = self.archive.feedback
        t = fb.open(channel="phone", kind="complaint", category="service", severity="normal",
                    text="售楼处电话总是占线", phone="139 1111 2222")
        self.assertEqual(("received", None, "13911112222"), (t.status, t.customer_id, t.phone))
        self.assertIsNone(t.site)                    # two sites: taken in at group level
        self.assertIsNone(t.assignee_id)
        self.assertTrue(t.number.startswith("F"), t.number)
        # Only a name, or nobody at all (an anonymous letter): taken in all the same.
        named = fb.open(channel="face_to_face", kind="praise", category="service", severity="low", text="讲解很专业",
                        name="路人甲")
        self.assertEqual(("路人甲", None), (named.name, named.customer_id))
        anonymous = fb.open(channel="letter", kind="complaint", category="other", severity="normal", text="匿名来信")
        self.assertEqual(("", "", None), (anonymous.name, anonymous.phone, anonymous.customer_id))
        self.assertEqual(3, fb.list().total)

        # The caller is filed later; the ticket is linked to them and takes their site and consultant.
        caller = self.add("吴敏", mobile="13911112222", consultant=self.zhao)
        linked = fb.link(t.id, caller, by=self.wang)
        self.assertEqual((caller.id, "XH", "吴敏", self.zhao.id), (linked.customer_id, linked.site, linked.name,
                                                                  linked.assignee_id))
        self.assertEqual(t.number, linked.number)    # a number never changes
        history = fb.history(t.id)
        self.assertEqual(["received", "linked", "assigned"], [e.action for e in history])
        self.assertEqual((self.wang.id, caller.id), (history[1].by, history[1].customer_id))
        self.assertEqual([linked.id], [x.id for x in fb.open_tickets(caller)])
        # Now on file, the same phone links a new ticket at intake.
        again = fb.open(channel="phone", kind="complaint", category="service", severity="high", text="还是占线",
                        phone="13911112222")
        self.assertEqual((caller.id, "XH"), (again.customer_id, again.site))
        # A site's ticket cannot take a customer of another site.
        with self.assertRaises(snowball.InvalidArgument) as caught:
            fb.link(again.id, self.sun, by=self.wang)
        self.assertEqual("customer_id", caught.exception.field)
        self.assertEqual(caller.id, fb.get(again.id).customer_id)

    def test_bad_intake_is_refused_and_nothing_is_written(self):
        fb = self.archive.feedback
        good = dict(channel="phone", kind="complaint", category="service", severity="normal", text="投诉",
                    customer_id=self.zhang.id)
        cases = [
            (dict(channel="email"), snowball.InvalidArgument, "channel"),
            (dict(channel="fax"), snowball.InvalidArgument, "channel"),
            (dict(kind="question"), snowball.InvalidArgument, "kind"),
            (dict(category="parking"), snowball.InvalidArgument, "category"),
            (dict(severity="critical"), snowball.InvalidArgument, "severity"),
            (dict(text="   "), snowball.InvalidArgument, "text"),
            (dict(customer_id=424242), snowball.NotFound, "customer_id"),
            (dict(customer_id=None, phone="12"), snowball.InvalidArgument, "phone"),
            (dict(received_on=today_in_china() + datetime.timedelta(days=1)), snowball.InvalidArgument, "received_on"),
            (dict(site="BJ"), snowball.InvalidArgument, "customer_id"),
            (dict(site="SH"), snowball.NotFound, "site"),
        ]
        for change, error, field in cases:
            with self.subTest(**{k: str(v) for k, v in change.items()}):
                with self.assertRaises(error) as caught:
                    fb.open(**dict(good, **change))
                self.assertEqual(field, caught.exception.field)
        self.assertEqual(0, fb.list().total)
        with self.assertRaises(TypeError):
            fb.open(**dict(good, customer_id="张伟"))

    def test_a_site_extends_its_categories(self):
        fb = self.archive.feedback
        keys = [c.key for c in fb.add_category("XH", "parking", "车位")]
        self.assertEqual(list(CATEGORIES) + ["parking"], keys)
        self.assertEqual("parking", self.complaint(self.zhang, category="parking").category)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.complaint(self.sun, category="parking")       # BJ does not have it
        self.assertEqual("category", caught.exception.field)
        with self.assertRaises(snowball.Conflict):
            fb.add_category("XH", "service", "服务2")
        with self.assertRaises(snowball.InvalidArgument):
            fb.add_category("XH", "Bad Key", "坏")


# ---------------------------------------------------------------------------------------------
# The lifecycle


class LifecycleTest(FeedbackTestCase):
    def test_the_whole_lifecycle_with_who_and_when_in_the_history(self):
        fb = self.archive.feedback
        t = self.complaint(self.zhang, received_on=D(2025, 9, 26), received_by=self.wang.id)
        steps = [("acknowledged", self.wang, "已致电客户", D(2025, 9, 28)),
                 ("in_progress", self.zhao, None, D(2025, 9, 29)),
                 ("resolved", self.zhao, "已更换防水层", D(2025, 10, 9)),
                 ("closed", self.manager, "客户确认", D(2025, 10, 10)),
                 ("in_progress", self.manager, "客户反映仍渗水", D(2025, 10, 13)),
                 ("resolved", self.zhao, "二次维修", D(2025, 10, 20)),
                 ("closed", self.manager, None, D(2025, 10, 21))]
        for status, by, note, on in steps:
            t = fb.transition(t.id, status, by=by, note=note, on=on)
            self.assertEqual(status, t.status)
            if status == "in_progress" and on == D(2025, 10, 13):
                # Reopened: counted, the resolution and the resolved and closed days are cleared.
                self.assertEqual((1, None, None, ""), (t.reopened, t.resolved_on, t.closed_on, t.resolution))
        self.assertEqual((D(2025, 9, 28), D(2025, 10, 20), D(2025, 10, 21)), (t.acknowledged_on, t.resolved_on, t.closed_on))
        self.assertEqual(("二次维修", 1, False), (t.resolution, t.reopened, t.is_open))

        history = fb.history(t.id)
        self.assertEqual(["received", "assigned"] + ["acknowledged", "in_progress", "resolved", "closed", "reopened",
                                                     "resolved", "closed"], [e.action for e in history])
        self.assertEqual((None, "received", self.wang.id, D(2025, 9, 26)),
                         (history[0].from_status, history[0].to_status, history[0].by, history[0].on))
        self.assertEqual(self.zhao.id, history[1].assignee_id)
        previous = "received"
        for event, (status, by, note, on) in zip(history[2:], steps):
            self.assertEqual((previous, status, by.id, note or "", on),
                             (event.from_status, event.to_status, event.by, event.note, event.on))
            self.assertUtcTimestamp(event.at)
            previous = status
        self.assertEqual(sorted(e.id for e in history), [e.id for e in history])   # oldest first
        # Assignment and notes are in the history too, with who.
        fb.transition(t.id, "in_progress", by=self.manager, on=D(2025, 10, 22))
        fb.assign(t.id, self.manager, by=self.wang, note="经理亲自跟进")
        fb.note(t.id, "已约上门时间", by=self.manager)
        tail = fb.history(t.id)[-2:]
        self.assertEqual([("assigned", self.wang.id, self.manager.id, "经理亲自跟进"), ("note", self.manager.id, None, "已约上门时间")],
                         [(e.action, e.by, e.assignee_id, e.note) for e in tail])
        self.assertEqual(today_in_china(), tail[-1].on)
        self.assertEqual(self.manager.id, fb.get(t.id).assignee_id)

    def test_every_forbidden_transition_is_invalid_state(self):
        fb = self.archive.feedback
        allowed = {s: {STATUSES[i + 1]} if i + 1 < len(STATUSES) else set() for i, s in enumerate(STATUSES)}
        allowed["resolved"].add("in_progress")
        allowed["closed"].add("in_progress")
        refused = 0
        for source in STATUSES:
            t = self.walk(self.complaint(self.zhang), source, on=D(2025, 9, 26))
            before = fb.history(t.id)
            for target in STATUSES:
                if target in allowed[source]:
                    continue
                with self.subTest(source=source, target=target):
                    with self.assertRaises(snowball.InvalidState) as caught:
                        fb.transition(t.id, target, by=self.wang)
                    self.assertEqual("status", caught.exception.field)
                    self.assertIn(source, str(caught.exception))
                    self.assertIn(target, str(caught.exception))
                    refused += 1
            self.assertEqual(source, fb.get(t.id).status)
            self.assertEqual(before, fb.history(t.id))
        self.assertEqual(25 - 6, refused)
        t = self.complaint(self.zhang)
        for status, by, error, field in [("done", self.wang, snowball.InvalidArgument, "status"),
                                         ("acknowledged", 424242, snowball.NotFound, "by")]:
            with self.assertRaises(error) as caught:
                fb.transition(t.id, status, by=by)
            self.assertEqual(field, caught.exception.field)
        with self.assertRaises(snowball.NotFound):
            fb.transition(424242, "acknowledged", by=self.wang)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            fb.transition(t.id, "acknowledged", by=self.wang, on=D(2025, 9, 25))   # before it was received
        self.assertEqual("on", caught.exception.field)
        self.assertEqual("received", fb.get(t.id).status)

    def test_reopening_starts_the_resolve_deadline_again(self):
        fb = self.archive.feedback
        resolve_days = fb.settings("XH").deadlines["high"].resolve_days
        t = self.walk(self.complaint(self.zhang, severity="high", received_on=D(2025, 9, 1)), "resolved", on=D(2025, 9, 3))
        self.assertEqual(add_working_days(D(2025, 9, 1), resolve_days), t.resolve_due)
        t = fb.reopen(t.id, by=self.manager, note="客户不满意", on=D(2025, 9, 30))
        self.assertEqual(("in_progress", 1), (t.status, t.reopened))
        self.assertEqual(add_working_days(D(2025, 9, 30), resolve_days), t.resolve_due)
        self.assertEqual("reopened", fb.history(t.id)[-1].action)


# ---------------------------------------------------------------------------------------------
# Deadlines, overdue, escalation, the briefing


class DeadlineTest(FeedbackTestCase):
    def test_due_dates_count_working_days_across_national_day(self):
        fb = self.archive.feedback
        defaults = fb.settings("XH").deadlines
        self.assertEqual(set(SEVERITIES), set(defaults))
        received = D(2025, 9, 26)   # a Friday; Sun Sep 28 is worked, Oct 1-8 are off, Sat Oct 11 is worked
        for severity in SEVERITIES:
            with self.subTest(severity=severity):
                t = self.complaint(self.zhang, severity=severity, received_on=received)
                d = defaults[severity]
                self.assertLessEqual(d.acknowledge_days, d.resolve_days)
                self.assertEqual(add_working_days(received, d.acknowledge_days), t.acknowledge_due)
                self.assertEqual(add_working_days(received, d.resolve_days), t.resolve_due)
                self.assertFalse(t.acknowledge_due_estimated or t.resolve_due_estimated)
        # More severe, never more time.
        days = [(defaults[s].acknowledge_days, defaults[s].resolve_days) for s in SEVERITIES]
        self.assertEqual(days, sorted(days, reverse=True))

    def test_deadlines_are_configurable_per_site(self):
        fb = self.archive.feedback
        settings = fb.update_settings("XH", deadlines={"high": (2, 4), "urgent": snowball.Deadline(0, 1)},
                                      escalate_after_days=3)
        self.assertEqual((snowball.Deadline(2, 4), 3), (settings.deadlines["high"], settings.escalate_after_days))
        self.assertEqual(settings, fb.settings("XH"))
        received = D(2025, 9, 30)
        xh = self.complaint(self.zhang, severity="high", received_on=received)
        self.assertEqual((add_working_days(received, 2), add_working_days(received, 4)), (xh.acknowledge_due, xh.resolve_due))
        urgent = self.complaint(self.zhang, severity="urgent", received_on=received)
        self.assertEqual((received, add_working_days(received, 1)), (urgent.acknowledge_due, urgent.resolve_due))
        bj_days = fb.settings("BJ").deadlines["high"]
        self.assertNotEqual((2, 4), (bj_days.acknowledge_days, bj_days.resolve_days))
        bj = self.complaint(self.sun, severity="high", received_on=received)
        self.assertEqual(add_working_days(received, bj_days.resolve_days), bj.resolve_due)
        for bad, field in [(dict(deadlines={"high": (5, 3)}), "deadlines.high.resolve_days"),
                           (dict(deadlines={"high": (-1, 3)}), "deadlines.high.acknowledge_days"),
                           (dict(escalate_after_days=0), "escalate_after_days"),
                           (dict(low_rating5=5), "low_rating5")]:
            with self.subTest(field=field):
                with self.assertRaises(snowball.InvalidArgument) as caught:
                    fb.update_settings("XH", **bad)
                self.assertEqual(field, caught.exception.field)
        self.assertEqual(settings, fb.settings("XH"))

    def tickets_on(self, received):
        """Open tickets of every severity received on `received`, one resolved, one acknowledged."""
        tickets = [self.complaint(self.zhang, severity=s, received_on=received) for s in SEVERITIES]
        tickets.append(self.complaint(self.chen, severity="normal", received_on=received))
        tickets.append(self.complaint(self.sun, severity="urgent", received_on=received))
        self.walk(tickets[0], "resolved", on=received)
        self.walk(tickets[1], "acknowledged", on=received)
        return [self.archive.feedback.get(t.id) for t in tickets]

    @staticmethod
    def missed(t, on):
        """(due, deadline) of the earliest deadline an open ticket has missed on `on`, or None."""
        if not t.is_open:
            return None
        misses = []
        if t.status == "received" and t.acknowledge_due < on:
            misses.append((t.acknowledge_due, "acknowledge"))
        if t.resolve_due < on:
            misses.append((t.resolve_due, "resolve"))
        return min(misses) if misses else None

    def test_the_overdue_list_on_a_day(self):
        fb = self.archive.feedback
        tickets = self.tickets_on(D(2025, 9, 26))
        lists = 0
        for on in [D(2025, 9, 26), D(2025, 9, 29), D(2025, 9, 30), D(2025, 10, 9), D(2025, 10, 15), D(2025, 10, 17),
                   D(2025, 10, 24)]:
            with self.subTest(on=on):
                expected = sorted((self.missed(t, on)[0], t.id) for t in tickets if self.missed(t, on))
                got = fb.overdue(on=on)
                self.assertEqual([i for _, i in expected], [t.id for t in got])
                self.assertEqual([i for _, i in expected if fb.get(i).site == "XH"], [t.id for t in fb.overdue(on, site="XH")])
                lists += bool(got)
        self.assertGreaterEqual(lists, 3)
        self.assertNotIn(tickets[0].id, [t.id for t in fb.overdue(on=D(2025, 12, 31))])   # resolved
        with self.assertRaises(snowball.NotFound):
            fb.overdue(on=D(2025, 10, 9), site="SH")

    def test_escalations_go_to_the_manager(self):
        fb = self.archive.feedback
        # 王芳's customer 陈静: 王芳 has no manager, the site's manager takes it.
        tickets = self.tickets_on(D(2025, 9, 26))
        after = fb.settings("XH").escalate_after_days
        self.assertEqual(after, fb.settings("BJ").escalate_after_days)
        managers = {self.zhao.id: self.manager.id, self.wang.id: self.manager.id, self.li.id: None}
        checked = 0
        for on in [D(2025, 9, 30), D(2025, 10, 10), D(2025, 10, 14), D(2025, 10, 20), D(2025, 11, 3)]:
            with self.subTest(on=on):
                expected = []
                for t in tickets:
                    m = self.missed(t, on)
                    if m and working_days_between(m[0], on) >= after:
                        expected.append((m[0], t.id, m[1], working_days_between(m[0], on), managers[t.assignee_id]))
                expected.sort()
                got = fb.escalations(on=on)
                self.assertEqual([(e[1], e[2], e[0], e[3], e[4]) for e in expected],
                                 [(e.ticket.id, e.deadline, e.due, e.working_days_overdue, e.escalate_to) for e in got])
                checked += len(got)
        self.assertGreaterEqual(checked, 5)
        self.assertTrue(all(isinstance(e, snowball.Escalation) for e in fb.escalations(on=D(2025, 11, 3))))


class BriefingTest(FeedbackTestCase):
    def test_open_tickets_are_in_the_visit_briefing(self):
        fb = self.archive.feedback
        first = self.complaint(self.zhang, received_on=D(2025, 9, 1))
        newer = self.complaint(self.zhang, kind="suggestion", category="service", received_on=D(2025, 10, 9))
        done = self.walk(self.complaint(self.zhang, received_on=D(2025, 8, 1)), "resolved", on=D(2025, 8, 4))
        self.complaint(self.chen, received_on=D(2025, 10, 10))
        briefing = self.archive.briefing(phone="138 0013 8000")
        self.assertEqual(self.zhang.id, briefing.customer.id)
        open_tickets = briefing.open_tickets
        self.assertEqual([newer.id, first.id], [t.id for t in open_tickets])   # newest first
        self.assertEqual(["received", "received"], [t.status for t in open_tickets])
        self.assertTrue(all(isinstance(t, snowball.Ticket) and t.open for t in open_tickets))
        self.assertEqual(newer.number, open_tickets[0].number)
        self.assertNotIn(done.id, [t.id for t in open_tickets])
        # The same list through the feedback service and by customer.
        self.assertEqual(fb.open_tickets(self.zhang), open_tickets)
        self.assertEqual(open_tickets, self.archive.briefing(customer=self.zhang).open_tickets)
        # Resolved: gone from the briefing; reopened: back.
        self.walk(newer, "resolved", on=D(2025, 10, 10))
        self.assertEqual([first.id], [t.id for t in self.archive.briefing(phone="13800138000").open_tickets])
        fb.reopen(newer.id, by=self.wang)
        self.assertEqual({first.id, newer.id}, {t.id for t in self.archive.briefing(phone="13800138000").open_tickets})
        self.assertEqual([], self.archive.briefing(phone="13600136000").open_tickets)


# ---------------------------------------------------------------------------------------------
# Surveys


class SurveyTest(FeedbackTestCase):
    def test_create_with_the_acceptance_names(self):
        s = self.archive.surveys.create("交付满意度调查", questions=QUESTIONS)
        self.assertIsInstance(s, snowball.Survey)
        self.assertIsInstance(s.id, int)
        self.assertEqual((1, 1, True, 0, None), (s.version, s.current_version, s.active, s.responses, s.site))
        self.assertEqual([q["key"] for q in QUESTIONS], [q.key for q in s.questions])
        self.assertEqual([q["type"] for q in QUESTIONS], [q.type for q in s.questions])
        self.assertEqual([q["topic"] for q in QUESTIONS], [q.topic for q in s.questions])
        self.assertEqual([("ad", "ad"), ("friend", "亲友介绍"), ("web", "网络")],
                         [(o.key, o.label) for o in s.question("heard").options])
        self.assertEqual(s, self.archive.surveys.get(s.id))
        self.assertEqual([s.id], [x.id for x in self.archive.surveys.list()])
        # Question records are accepted as well as dicts; a topic defaults to "general".
        other = self.archive.surveys.create("回访", questions=[s.question("quality"), {"key": "q2", "text": "其他",
                                                                                      "type": "text"}], site="XH")
        self.assertEqual(("XH", "general"), (other.site, other.question("q2").topic))
        self.assertEqual([s.id, other.id], [x.id for x in self.archive.surveys.list("XH")])
        self.assertEqual([s.id], [x.id for x in self.archive.surveys.list("BJ")])

    def test_bad_questionnaires_are_refused(self):
        surveys = self.archive.surveys
        q = {"key": "q", "text": "质量", "type": "rating5"}
        cases = [
            ([dict(q, type="stars")], "questions[0].type"),
            ([dict(q, key="Bad key")], "questions[0].key"),
            ([q, dict(q, text="again")], "questions[1].key"),
            ([dict(q, type="single", options=["only"])], "questions[0].options"),
            ([dict(q, options=["a", "b"])], "questions[0].options"),
            ([], "questions"),
        ]
        for questions, field in cases:
            with self.subTest(field=field):
                with self.assertRaises(snowball.InvalidArgument) as caught:
                    surveys.create("坏问卷", questions=questions)
                self.assertEqual(field, caught.exception.field)
        self.assertEqual([], surveys.list(include_inactive=True))

    def test_questionnaires_are_versioned(self):
        surveys = self.archive.surveys
        s = self.survey(questions=QUESTIONS[:3])
        # No responses yet: an edit changes version 1 in place.
        s = surveys.update(s.id, title="交付满意度调查（一期）")
        self.assertEqual((1, "交付满意度调查（一期）"), (s.current_version, s.title))
        campaign = surveys.create_campaign(s.id, channel="letter", customers=[self.zhang, self.chen], send_on=D(2025, 9, 1))
        first = surveys.respond(s.id, self.liu.id, answers={"quality": 4}, channel="online", date=D(2025, 9, 2))
        self.assertEqual(1, first.version)
        # With responses (or a campaign), an edit is the next version; version 1 is kept as it was.
        v2 = surveys.update(s.id, questions=QUESTIONS[:3] + [QUESTIONS[3]], by=self.wang)
        self.assertEqual((2, 2, 0, self.wang.id), (v2.version, v2.current_version, v2.responses, v2.created_by))
        v1 = surveys.get(s.id, version=1)
        self.assertEqual((1, 2, 1), (v1.version, v1.current_version, v1.responses))
        self.assertEqual(["quality", "service", "recommend"], [q.key for q in v1.questions])
        self.assertEqual(["quality", "service", "recommend", "heard"], [q.key for q in v2.questions])
        second = surveys.respond(s.id, self.liu.id, answers={"quality": 5, "heard": "web"}, channel="online",
                                 date=D(2025, 9, 3))
        self.assertEqual(2, second.version)
        self.assertEqual(1, surveys.response(first.id).version)
        # The campaign keeps the version it sent: version 1 does not ask "heard".
        with self.assertRaises(snowball.InvalidArgument) as caught:
            surveys.respond(s.id, self.zhang.id, answers={"heard": "ad"}, campaign=campaign)
        self.assertEqual("answers.heard", caught.exception.field)
        self.assertEqual(1, surveys.respond(s.id, self.zhang.id, answers={"quality": 3}, campaign=campaign,
                                            date=D(2025, 9, 4)).version)
        # Statistics of one version, or across versions.
        self.assertEqual(2, surveys.stats(s.id, version=1).responses)
        self.assertEqual(1, surveys.stats(s.id, version=2).responses)
        across = surveys.stats(s.id)
        self.assertEqual((3, statistics.mean([4, 5, 3])), (across.responses, across.question("quality").mean))
        # A key keeps its type across versions.
        with self.assertRaises(snowball.InvalidArgument) as caught:
            surveys.update(s.id, questions=[dict(QUESTIONS[0], type="nps")])
        self.assertEqual("questions[0].type", caught.exception.field)
        self.assertEqual(2, surveys.get(s.id).current_version)
        # Inactive: no new responses.
        surveys.update(s.id, active=False)
        with self.assertRaises(snowball.InvalidState):
            surveys.respond(s.id, self.liu.id, answers={"quality": 4}, channel="phone")
        self.assertEqual([], surveys.list())

    def test_respond_with_the_acceptance_names_and_partial_answers(self):
        surveys = self.archive.surveys
        s = self.survey()
        full = {"quality": 4, "service": 5, "recommend": 9, "heard": "friend", "liked": ["school", "view"],
                "comment": "  物业响应快  "}
        r = surveys.respond(s.id, self.zhang.id, answers=full, channel="phone")
        self.assertIsInstance(r, snowball.Response)
        self.assertEqual((s.id, self.zhang.id, "phone", "XH", self.zhao.id, True, today_in_china()),
                         (r.survey_id, r.customer_id, r.channel, r.site, r.consultant_id, r.complete, r.date))
        # Multiple choices come back in the options' order, text trimmed.
        self.assertEqual(dict(full, liked=["view", "school"], comment="物业响应快"), r.answers)
        self.assertEqual(r, surveys.response(r.id))
        # Partial: questions left out, None, an empty choice or blank text are unanswered.
        partial = surveys.respond(s.id, self.chen, {"quality": 3, "heard": None, "liked": [], "comment": " "}, "letter",
                                  date=D(2025, 10, 9))
        self.assertEqual(({"quality": 3}, False, D(2025, 10, 9)), (partial.answers, partial.complete, partial.date))
        whole = surveys.respond(s.id, self.chen, {"quality": 4.0}, "letter")
        self.assertEqual(4, whole.answers["quality"])
        # Links to a ticket, a deal and an event of the customer.
        ticket = self.complaint(self.zhang)
        deal = self.customers.deals(self.zhang)[0]
        linked = surveys.respond(s.id, self.zhang, {"service": 4}, "online", ticket=ticket, deal=deal.id,
                                 event="2025 业主答谢会", by=self.zhao)
        self.assertEqual((ticket.id, deal.id, "2025 业主答谢会", self.zhao.id),
                         (linked.ticket_id, linked.deal_id, linked.event, linked.recorded_by))
        for kwargs, field in [(dict(ticket=ticket), "ticket_id"), (dict(deal=deal.id), "deal_id")]:
            with self.assertRaises(snowball.InvalidArgument) as caught:
                surveys.respond(s.id, self.chen, {"service": 4}, "online", **kwargs)   # not 陈静's
            self.assertEqual(field, caught.exception.field)
        page = surveys.responses(survey=s, limit=2)
        self.assertEqual((4, [linked.id, whole.id]), (page.total, [x.id for x in page.items]))   # newest first

    def test_bad_answers_are_refused_naming_the_question_and_nothing_is_written(self):
        surveys = self.archive.surveys
        s = self.survey()
        cases = [
            ({"quality": 0}, "answers.quality"),
            ({"quality": 6}, "answers.quality"),
            ({"quality": 3.5}, "answers.quality"),
            ({"quality": "good"}, "answers.quality"),
            ({"recommend": -1}, "answers.recommend"),
            ({"recommend": 11}, "answers.recommend"),
            ({"heard": "tv"}, "answers.heard"),
            ({"heard": ["ad"]}, "answers.heard"),
            ({"liked": ["view", "pool"]}, "answers.liked"),
            ({"liked": ["view", "view"]}, "answers.liked"),
            ({"liked": "view"}, "answers.liked"),
            ({"comment": 5}, "answers.comment"),
            ({"parking": 3}, "answers.parking"),
            ({"quality": True}, "answers.quality"),
            ({}, "answers"),
            ({"heard": None}, "answers"),
        ]
        for answers, field in cases:
            with self.subTest(answers=answers):
                with self.assertRaises(snowball.InvalidArgument) as caught:
                    # Good answers beside the bad one are not written either.
                    surveys.respond(s.id, self.zhang.id, dict(answers, service=5) if answers and field != "answers" else answers,
                                    channel="phone")
                self.assertEqual(field, caught.exception.field)
        self.assertEqual(0, surveys.responses(survey=s).total)
        self.assertEqual(0, surveys.stats(s.id).responses)
        # A batch is all or none and names the response at fault.
        with self.assertRaises(snowball.InvalidArgument) as caught:
            surveys.respond_many([dict(survey_id=s.id, customer_id=self.zhang.id, answers={"quality": 5}, channel="phone"),
                                  dict(survey_id=s.id, customer_id=self.chen.id, answers={"quality": 9}, channel="phone")])
        self.assertEqual("responses[1].answers.quality", caught.exception.field)
        self.assertEqual(0, surveys.responses(survey=s).total)
        with self.assertRaises(snowball.NotFound) as caught:
            surveys.respond(s.id, 424242, {"quality": 4}, "phone")
        self.assertEqual("customer_id", caught.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            surveys.respond(s.id, self.zhang, {"quality": 4}, "phone", date=today_in_china() + datetime.timedelta(days=1))
        self.assertEqual("date", caught.exception.field)
        site_survey = self.survey(site="BJ")
        with self.assertRaises(snowball.InvalidArgument) as caught:
            surveys.respond(site_survey.id, self.zhang, {"quality": 4}, "phone")
        self.assertEqual("customer_id", caught.exception.field)

    def test_an_unknown_channel_is_refused_everywhere(self):
        s = self.survey()
        calls = [
            lambda channel: self.archive.surveys.respond(s.id, self.zhang.id, answers={"quality": 4}, channel=channel),
            lambda channel: self.archive.surveys.create_campaign(s.id, channel=channel, customers=[self.zhang]),
            lambda channel: self.archive.feedback.open(channel=channel, kind="complaint", category="service",
                                                       severity="normal", text="投诉", customer_id=self.zhang.id),
            lambda channel: self.archive.feedback.update_settings("XH", follow_up_channel=channel),
        ]
        for i, call in enumerate(calls):
            for channel in ("email", "wechat", ""):
                with self.subTest(call=i, channel=channel):
                    with self.assertRaises(snowball.InvalidArgument) as caught:
                        call(channel)
                    self.assertIn("channel", caught.exception.field)
        # Outside a campaign a response must say how it came.
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.archive.surveys.respond(s.id, self.zhang.id, answers={"quality": 4})
        self.assertEqual("channel", caught.exception.field)
        # face_to_face is a feedback channel, not a survey channel.
        with self.assertRaises(snowball.InvalidArgument):
            self.archive.surveys.respond(s.id, self.zhang.id, answers={"quality": 4}, channel="face_to_face")
        self.assertEqual(0, self.archive.surveys.responses().total)
        self.assertEqual(0, self.archive.feedback.list().total)
        self.assertEqual([], self.archive.surveys.campaigns(s))


class CampaignTest(FeedbackTestCase):
    def setUp(self):
        super().setUp()
        self.low_scores_off()
        self.s = self.survey()

    def test_campaigns_to_their_audiences(self):
        surveys = self.archive.surveys
        owners = surveys.create_campaign(self.s.id, channel="letter", owners_of="XH", name="2025 交付回访",
                                         send_on=D(2025, 9, 1), by=self.manager)
        expected = sorted(c.id for c in self.customers.iter(site="XH") if c.stage == "owner")
        self.assertEqual(sorted([self.zhang.id, self.chen.id]), expected)
        self.assertEqual(expected, owners.invited)
        self.assertEqual(("letter", "site_owners", "XH", "XH", 1, D(2025, 9, 1), self.manager.id),
                         (owners.channel, owners.audience.kind, owners.audience.site, owners.site, owners.version,
                          owners.send_on, owners.created_by))
        of_wang = surveys.create_campaign(self.s, channel="phone", consultant=self.wang)
        self.assertEqual(sorted(c.id for c in self.customers.iter(consultant=self.wang)), of_wang.invited)
        self.assertEqual(sorted([self.chen.id, self.liu.id]), of_wang.invited)
        listed = surveys.create_campaign(self.s, channel="online", customers=[self.sun, self.zhang.id, self.sun])
        self.assertEqual(sorted([self.sun.id, self.zhang.id]), listed.invited)
        self.assertIsNone(listed.site)   # customers of two sites
        # A ticket's customer, once it is resolved.
        ticket = self.complaint(self.chen)
        with self.assertRaises(snowball.InvalidState):
            surveys.create_campaign(self.s, channel="phone", ticket=ticket)
        self.walk(ticket, "resolved", on=D(2025, 9, 29))
        after = surveys.create_campaign(self.s, channel="phone", ticket=ticket)
        self.assertEqual(([self.chen.id], ticket.id), (after.invited, after.audience.ticket_id))
        self.assertEqual([owners.id, of_wang.id, listed.id, after.id], [c.id for c in surveys.campaigns(self.s)])
        self.assertEqual(after, surveys.campaign(after.id))
        with self.assertRaises(TypeError):
            surveys.create_campaign(self.s, channel="letter", owners_of="XH", consultant=self.wang)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            surveys.create_campaign(self.s, channel="letter", customers=[])
        self.assertEqual("audience", caught.exception.field)
        with self.assertRaises(snowball.NotFound):
            surveys.create_campaign(self.s, channel="letter", owners_of="SH")

    def test_one_response_per_customer_per_campaign_unless_allowed(self):
        surveys = self.archive.surveys
        once = surveys.create_campaign(self.s, channel="phone", owners_of="XH", send_on=D(2025, 9, 1))
        first = surveys.respond(self.s.id, self.zhang.id, answers={"quality": 5}, campaign=once, date=D(2025, 9, 2))
        self.assertEqual(("phone", once.id), (first.channel, first.campaign_id))   # the campaign's channel
        with self.assertRaises(snowball.Conflict) as caught:
            surveys.respond(self.s.id, self.zhang.id, answers={"quality": 1}, campaign=once)
        self.assertEqual(first.id, caught.exception.record_id)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            surveys.respond(self.s.id, self.liu.id, answers={"quality": 4}, campaign=once)   # not an owner
        self.assertEqual("customer_id", caught.exception.field)
        self.assertEqual(1, surveys.campaign(once.id).responded)
        # Outside a campaign, or in a campaign that allows more, a customer may answer again.
        surveys.respond(self.s.id, self.zhang.id, answers={"quality": 2}, channel="online")
        many = surveys.create_campaign(self.s, channel="letter", customers=[self.zhang], allow_multiple=True)
        for score in (3, 4):
            surveys.respond(self.s.id, self.zhang.id, answers={"quality": score}, campaign=many)
        self.assertEqual((1, 1), (surveys.campaign(many.id).responded, len(surveys.campaign(many.id).invited)))
        self.assertEqual(3, surveys.responses(campaign=once).total + surveys.responses(campaign=many).total)
        other = self.survey(title="另一份")
        with self.assertRaises(snowball.InvalidArgument) as caught:
            surveys.respond(other.id, self.zhang.id, answers={"quality": 4}, campaign=once)
        self.assertEqual("campaign_id", caught.exception.field)

    def test_response_rates_per_channel(self):
        surveys = self.archive.surveys
        extra = [self.owner("业主%d" % i, "1350000%04d" % i, self.zhao if i % 2 else self.wang, "3-%d" % i) for i in range(6)]
        letter = surveys.create_campaign(self.s, channel="letter", owners_of="XH", send_on=D(2025, 9, 1))
        phone = surveys.create_campaign(self.s, channel="phone", consultant=self.zhao, send_on=D(2025, 9, 10))
        online = surveys.create_campaign(self.s, channel="online", owners_of="BJ", send_on=D(2025, 9, 20))
        rng = random.Random(5)
        answered_by = {}
        for campaign in (letter, phone):
            who = rng.sample(campaign.invited, len(campaign.invited) // 2 + 1)
            answered_by[campaign.id] = who
            for c in who:
                surveys.respond(self.s.id, c, answers={"quality": rng.randint(1, 5)}, campaign=campaign,
                                date=D(2025, 9, 25))
        surveys.respond(self.s.id, self.sun, answers={"recommend": 8}, channel="letter", date=D(2025, 9, 26))  # outside
        st = surveys.stats(self.s.id)
        for campaign in (letter, phone, online):
            c = st.channel(campaign.channel)
            n, k = len(campaign.invited), len(answered_by.get(campaign.id, []))
            self.assertEqual((n, k), (c.invited, c.responded), campaign.channel)
            self.assertAlmostEqual(k / n, c.rate)
            self.assertEqual(k / n, surveys.campaign(campaign.id).response_rate)
        self.assertEqual(len(letter.invited), len(extra) + 2)
        self.assertEqual({"letter": len(answered_by[letter.id]) + 1, "phone": len(answered_by[phone.id]), "online": 0},
                         {c.channel: c.responses for c in st.channels})
        self.assertEqual(0.0, st.channel("online").rate)
        # By site: BJ was invited online only; by period: campaigns sent in it.
        bj = surveys.stats(self.s.id, site="BJ")
        letter_in_bj = bj.channel("letter")
        self.assertEqual((None, 0, 1), (letter_in_bj.rate, letter_in_bj.invited, letter_in_bj.responses))
        self.assertEqual(len(online.invited), bj.channel("online").invited)
        september_first_half = surveys.stats(self.s.id, start=D(2025, 9, 1), end=D(2025, 9, 15))
        self.assertEqual((len(letter.invited), len(phone.invited), 0),
                         tuple(september_first_half.channel(c).invited for c in SURVEY_CHANNELS))
        self.assertEqual(0, september_first_half.responses)


# ---------------------------------------------------------------------------------------------
# Statistics against an independent computation


class StatsTest(FeedbackTestCase):
    def setUp(self):
        super().setUp()
        self.low_scores_off()
        self.s = self.survey()
        extra = [self.add("客户%d" % i, site="XH" if i < 5 else "BJ",
                          consultant=(self.zhao, self.wang)[i % 2] if i < 5 else self.li, mobile="1330000%04d" % i)
                 for i in range(8)]
        people = [self.zhang, self.chen, self.liu, self.sun] + extra
        rng = random.Random(20251009)
        self.records, batch = [], []
        for _ in range(400):
            who = rng.choice(people)
            answers = {}
            if rng.random() < 0.85:
                answers["quality"] = rng.choice([1, 2, 3, 4, 4, 5, 5, 5])
            if rng.random() < 0.75:
                answers["service"] = rng.randint(1, 5)
            if rng.random() < 0.8:
                answers["recommend"] = rng.choice(list(range(11)) + [9, 10, 10, 8])
            if rng.random() < 0.6:
                answers["heard"] = rng.choice(["ad", "friend", "web", None])
            if rng.random() < 0.5:
                answers["liked"] = rng.sample(["view", "layout", "school"], rng.randint(0, 3))
            if rng.random() < 0.3:
                answers["comment"] = rng.choice(["很满意", "物业一般", "   "])
            if not {"quality", "service", "recommend"} & set(answers):
                answers["service"] = rng.randint(1, 5)
            record = {"date": D(2025, 5, 20) + datetime.timedelta(days=rng.randrange(170)),
                      "channel": rng.choice(SURVEY_CHANNELS), "customer": who.id, "site": who.site,
                      "consultant": who.consultant_id, "answers": answers}
            self.records.append(record)
            batch.append(dict(survey_id=self.s.id, customer_id=who.id, answers=answers, channel=record["channel"],
                              date=record["date"]))
        self.assertEqual(len(batch), len(self.archive.surveys.respond_many(batch)))

    def check(self, got, expected):
        self.assertEqual(expected["responses"], got.responses)
        self.assertEqual(expected["csat_answers"], got.csat_answers)
        self.assertAlmostEqualOrNone(expected["csat"], got.csat)
        self.assertNps(expected["nps"], got)
        self.assertEqual(list(expected["questions"]), [q.key for q in got.questions])
        for key, e in expected["questions"].items():
            with self.subTest(question=key):
                q = got.question(key)
                distribution = {v.value: v.count for v in q.distribution}
                self.assertEqual((e["answered"], e["distribution"]), (q.answered, distribution))
                self.assertEqual(list(e["distribution"]), [v.value for v in q.distribution])   # every value, in order
                self.assertAlmostEqualOrNone(e["mean"], q.mean)
                self.assertAlmostEqualOrNone(e["csat"], q.csat)
                self.assertNps(e["nps"], q)
                if TYPES[key] in ("rating5", "nps"):
                    self.assertAlmostEqualOrNone(e["mean"], got.means[key])
        self.assertEqual(sorted(expected["topics"]), [t.topic for t in got.topics])
        for topic, e in expected["topics"].items():
            t = got.topic(topic)
            self.assertEqual(e["answers"], t.answers, topic)
            self.assertAlmostEqualOrNone(e["csat"], t.csat)
            self.assertNps(e["nps"], t)
        self.assertEqual(sorted(expected["trend"]), [m.month for m in got.trend])
        for m in got.trend:
            e = expected["trend"][m.month]
            self.assertEqual(e["responses"], m.responses, m.month)
            self.assertAlmostEqualOrNone(csat_of(e["rating"]), m.csat)
            n = nps_of(e["nps"])
            self.assertAlmostEqualOrNone(n[0] if n else None, m.nps)
        self.assertEqual(expected["channels"], {c.channel: c.responses for c in got.channels})

    def assertAlmostEqualOrNone(self, expected, got):
        if expected is None:
            self.assertIsNone(got)
        else:
            self.assertIsNotNone(got)
            self.assertAlmostEqual(expected, got, places=9)

    def assertNps(self, expected, got):
        if expected is None:
            self.assertIsNone(got.nps)
            self.assertIsNone(got.nps_ci)
            return
        nps, (low, high), promoters, passives, detractors = expected
        self.assertAlmostEqual(nps, got.nps, places=9)
        self.assertAlmostEqual(low, got.nps_ci[0], places=9)
        self.assertAlmostEqual(high, got.nps_ci[1], places=9)
        self.assertLess(got.nps_ci[0], got.nps)
        self.assertLess(got.nps, got.nps_ci[1])
        self.assertEqual((promoters + passives + detractors, promoters, passives, detractors),
                         (got.nps_counts.answers, got.nps_counts.promoters, got.nps_counts.passives,
                          got.nps_counts.detractors))

    def test_the_acceptance_names_and_every_number(self):
        st = self.archive.surveys.stats(self.s.id, site=None, start=None, end=None)
        self.assertIsInstance(st, snowball.SurveyStats)
        self.assertEqual(len(self.records), st.responses)
        self.assertIsInstance(st.nps_ci, tuple)
        self.check(st, expected_stats(self.records))
        self.assertGreaterEqual(len(st.trend), 6)

    def test_by_site(self):
        for site in ("XH", "BJ"):
            with self.subTest(site=site):
                self.check(self.archive.surveys.stats(self.s.id, site=site),
                           expected_stats([r for r in self.records if r["site"] == site]))

    def test_by_period(self):
        start, end = D(2025, 7, 15), D(2025, 9, 30)
        self.check(self.archive.surveys.stats(self.s.id, start=start, end=end),
                   expected_stats([r for r in self.records if start <= r["date"] <= end]))
        self.check(self.archive.surveys.stats(self.s.id, site="XH", start=start),
                   expected_stats([r for r in self.records if start <= r["date"] and r["site"] == "XH"]))
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.archive.surveys.stats(self.s.id, start=end, end=start)
        self.assertEqual("to", caught.exception.field)

    def test_by_consultant(self):
        for consultant in (self.zhao, self.wang, self.li):
            with self.subTest(consultant=consultant.name):
                self.check(self.archive.surveys.stats(self.s.id, consultant=consultant),
                           expected_stats([r for r in self.records if r["consultant"] == consultant.id]))

    def test_by_topic(self):
        for topic in ("service", "property", "marketing"):
            with self.subTest(topic=topic):
                keys = [k for k, t in TOPICS.items() if t == topic]
                self.check(self.archive.surveys.stats(self.s.id, topic=topic), expected_stats(self.records, keys))
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.archive.surveys.stats(self.s.id, topic="parking")
        self.assertEqual("topic", caught.exception.field)

    def test_a_hand_sized_example(self):
        # 3 promoters, 1 passive, 2 detractors: NPS = (3 - 2) / 6 = 16.67 points.
        s = self.survey(questions=QUESTIONS[:3], title="小样本")
        for score in (10, 9, 9, 7, 3, 6):
            self.archive.surveys.respond(s.id, self.zhang.id, {"recommend": score, "quality": 5 if score > 8 else 2},
                                         "phone", date=D(2025, 10, 9))
        st = self.archive.surveys.stats(s.id)
        self.assertAlmostEqual(100 * (3 - 2) / 6, st.nps)
        self.assertAlmostEqual(50.0, st.csat)
        p, d = 3 / 6, 2 / 6
        half = Z95 * 100 * math.sqrt((p + d - (p - d) ** 2) / 6)
        self.assertAlmostEqual(st.nps - half, st.nps_ci[0])
        self.assertAlmostEqual(st.nps + half, st.nps_ci[1])
        self.assertEqual([("2025-10", 6)], [(m.month, m.responses) for m in st.trend])
        self.assertIsNone(self.archive.surveys.stats(s.id, start=D(2025, 1, 1), end=D(2025, 1, 31)).nps)


# ---------------------------------------------------------------------------------------------
# Closing the loop


class ClosingTheLoopTest(FeedbackTestCase):
    def test_resolving_a_complaint_schedules_the_follow_up_survey(self):
        self.low_scores_off()
        fb, surveys = self.archive.feedback, self.archive.surveys
        s = self.survey(questions=QUESTIONS[:3], title="投诉回访")
        settings = fb.update_settings("XH", follow_up_survey=s, follow_up_channel="phone", follow_up_after_days=3)
        self.assertEqual((s.id, "phone", 3), (settings.follow_up_survey_id, settings.follow_up_channel,
                                              settings.follow_up_after_days))
        t = self.complaint(self.zhang, category="delivery", received_on=D(2025, 9, 25))
        t = self.walk(t, "in_progress", on=D(2025, 9, 26))
        self.assertIsNone(t.follow_up_campaign_id)
        resolved = fb.transition(t.id, "resolved", by=self.zhao, note="已赔偿", on=D(2025, 9, 30))
        self.assertIsNotNone(resolved.follow_up_campaign_id)
        c = surveys.campaign(resolved.follow_up_campaign_id)
        self.assertEqual((s.id, "ticket", t.id, [self.zhang.id], "phone", self.zhao.id),
                         (c.survey_id, c.audience.kind, c.audience.ticket_id, c.invited, c.channel, c.created_by))
        self.assertEqual(add_working_days(D(2025, 9, 30), 3), c.send_on)
        # The customer answers the follow-up once, about the ticket.
        r = surveys.respond(s.id, self.zhang.id, answers={"service": 5, "recommend": 10}, campaign=c, ticket=t,
                            date=D(2025, 10, 13))
        self.assertEqual((c.id, t.id, "phone"), (r.campaign_id, r.ticket_id, r.channel))
        with self.assertRaises(snowball.Conflict):
            surveys.respond(s.id, self.zhang.id, answers={"service": 1}, campaign=c)
        self.assertEqual(1.0, surveys.campaign(c.id).response_rate)
        # Reopened and resolved again: still one follow-up.
        fb.reopen(t.id, by=self.manager)
        self.assertEqual(c.id, fb.transition(t.id, "resolved", by=self.zhao).follow_up_campaign_id)
        self.assertEqual([c.id], [x.id for x in surveys.campaigns(s)])
        # Praise, or a caller not on file, is not surveyed; nor is anything once the setting is off.
        praise = self.walk(self.complaint(self.chen, kind="praise", category="service"), "resolved")
        self.assertIsNone(praise.follow_up_campaign_id)
        stranger = self.walk(self.complaint(None, site="XH", phone="13512345678"), "resolved")
        self.assertIsNone(stranger.follow_up_campaign_id)
        fb.update_settings("XH", follow_up_survey=None)
        self.assertIsNone(self.walk(self.complaint(self.chen), "resolved").follow_up_campaign_id)
        # Another site's survey cannot be a site's follow-up.
        with self.assertRaises(snowball.InvalidArgument) as caught:
            fb.update_settings("XH", follow_up_survey=self.survey(site="BJ"))
        self.assertEqual("follow_up_survey_id", caught.exception.field)

    def test_a_low_score_opens_a_ticket_for_the_consultants_manager(self):
        fb, surveys = self.archive.feedback, self.archive.surveys
        s = self.survey()
        settings = fb.settings("XH")
        low5, low_nps = settings.low_rating5, settings.low_nps
        self.assertIsNotNone(low5)
        self.assertIsNotNone(low_nps)
        # 张伟's consultant 赵强 reports to 周敏: a low service score is a complaint for her.
        r = surveys.respond(s.id, self.zhang.id, answers={"quality": 5, "service": low5, "comment": "承诺的赠品没给"},
                            channel="letter", date=D(2025, 10, 9))
        self.assertIsNotNone(r.opened_ticket_id)
        t = fb.get(r.opened_ticket_id)
        self.assertEqual(("complaint", "letter", "service", settings.low_score_severity, self.zhang.id, self.manager.id,
                          r.id, D(2025, 10, 9), "XH"),
                         (t.kind, t.channel, t.category, t.severity, t.customer_id, t.assignee_id, t.response_id,
                          t.received_on, t.site))
        self.assertIn("承诺的赠品没给", t.text)
        self.assertIn("%d/5" % low5, t.text)
        # It is one of the customer's open tickets, in the briefing too.
        self.assertIn(t.id, [x.id for x in self.archive.briefing(phone="13800138000").open_tickets])
        # 王芳 has no manager: the site's manager takes it. A low property score is a property-quality complaint.
        r = surveys.respond(s.id, self.chen.id, answers={"quality": 1}, channel="phone", date=D(2025, 10, 9))
        t = fb.get(r.opened_ticket_id)
        self.assertEqual((self.manager.id, "property_quality"), (t.assignee_id, t.category))
        # A detractor (at or below low_nps) too; BJ has no manager: the consultant keeps it.
        r = surveys.respond(s.id, self.sun.id, answers={"recommend": low_nps}, channel="online", date=D(2025, 10, 9))
        self.assertEqual(self.li.id, fb.get(r.opened_ticket_id).assignee_id)
        # Scores above the thresholds open nothing.
        r = surveys.respond(s.id, self.zhang.id, answers={"quality": low5 + 1, "recommend": low_nps + 1}, channel="phone")
        self.assertIsNone(r.opened_ticket_id)
        # The thresholds are configurable per site.
        fb.update_settings("XH", low_rating5=low5 + 1, low_nps=None, low_score_severity="high")
        r = surveys.respond(s.id, self.zhang.id, answers={"quality": low5 + 1}, channel="phone")
        self.assertEqual("high", fb.get(r.opened_ticket_id).severity)
        self.assertIsNone(surveys.respond(s.id, self.zhang.id, answers={"recommend": 0}, channel="phone").opened_ticket_id)
        self.assertIsNotNone(surveys.respond(s.id, self.sun.id, answers={"recommend": 0}, channel="phone").opened_ticket_id)
        opened = fb.list(customer=self.zhang, kind="complaint")
        self.assertEqual(2, opened.total)
        self.assertTrue(all(x.response_id for x in opened.items))


if __name__ == "__main__":
    unittest.main()
