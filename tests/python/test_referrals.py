"""The referral graph through Python: the acceptance names, the rules with bad input, and
PageRank checked against a power iteration written here and, when it is installed, networkx."""

import datetime
import random
import unittest

import snowball
from support import ArchiveTestCase, today_in_china

D = datetime.date

try:
    import networkx
except ImportError:  # pragma: no cover - networkx is optional
    networkx = None


def networkx_pagerank(graph, n):
    """networkx.pagerank with the issue's settings. networkx 3 computes it with scipy; without scipy
    the same iteration is networkx's pure-Python _pagerank_python."""
    settings = dict(alpha=0.85, tol=1e-12 / n, max_iter=10000)
    try:
        return networkx.pagerank(graph, **settings)
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
        return _pagerank_python(graph, **settings)


def power_iteration(edges, nodes):
    """PageRank by its definition: edges referee → referrer, dangling rank spread over all nodes."""
    n = len(nodes)
    out = {v: 0 for v in nodes}
    for a, _ in edges:
        out[a] += 1
    x = {v: 1.0 / n for v in nodes}
    while True:
        dangling = sum(x[v] for v in nodes if out[v] == 0)
        y = {v: 0.85 * dangling / n + 0.15 / n for v in nodes}
        for a, b in edges:
            y[b] += 0.85 * x[a] / out[a]
        change = sum(abs(y[v] - x[v]) for v in nodes)
        x = y
        if change < 1e-13:
            return x


class ReferralsTestCase(ArchiveTestCase):
    def many(self, n, site="XH"):
        return [self.add("客户%d" % i, site=site, channel="visit", first_contact=D(2025, 1, 2)).id for i in range(n)]

    def random_forest(self, n, seed):
        """n customers; each after the first referred by an earlier one with probability 0.75."""
        rng = random.Random(seed)
        ids = self.many(n)
        edges = []
        for i in range(1, n):
            if rng.random() < 0.75:
                j = rng.randrange(i)
                self.archive.referrals.add(ids[j], ids[i], method=rng.choice(snowball.REFERRAL_METHODS))
                edges.append((ids[i], ids[j]))   # referee → referrer
        return ids, edges


class AddTest(ReferralsTestCase):
    def test_add_with_the_acceptance_names(self):
        zhang, li = self.add("张伟"), self.add("李娜")
        r = self.archive.referrals.add(zhang.id, li.id, method="chain", date=None,
                                       materials={"brochure": 3, "business_card": 1})
        self.assertIsInstance(r, snowball.Referral)
        self.assertEqual((zhang.id, li.id, "chain", True), (r.referrer_id, r.referee_id, r.method, r.credited))
        self.assertEqual(today_in_china(), r.date)
        self.assertEqual({"brochure": 3, "business_card": 1}, r.materials)
        self.assertEqual("张伟", r.referrer_name)
        self.assertEqual("XH", r.site)
        self.assertIsInstance(r.recorded_at, datetime.datetime)
        self.assertEqual(r, self.archive.referrals.get(r.id))
        # Customer records work as ids; materials as pairs; a later claim is secondary.
        wang = self.add("王强")
        second = self.archive.referrals.add(wang, li, method="event_guest", materials=[("invitation", 1)])
        self.assertFalse(second.credited)
        of = self.archive.referrals.of(li)
        self.assertEqual(zhang.id, of.referred_by.referrer_id)
        self.assertEqual([wang.id], [c.referrer_id for c in of.other_claims])

    def test_every_rule_refuses_bad_input_and_writes_nothing(self):
        a, b, c = self.add("甲"), self.add("乙"), self.add("丙")
        first = self.archive.referrals.add(a.id, b.id, method="chain")
        self.archive.referrals.add(b.id, c.id, method="chain")
        refs = self.archive.referrals
        cases = [
            (dict(referrer_id=a.id, referee_id=a.id, method="chain"), snowball.InvalidArgument, "referee_id"),
            (dict(referrer_id=c.id, referee_id=a.id, method="chain"), snowball.InvalidArgument, "referee_id"),
            (dict(referrer_id=a.id, referee_id=c.id, method="friend"), snowball.InvalidArgument, "method"),
            (dict(referrer_id=a.id, referee_id=c.id, method="chain", date=today_in_china() + datetime.timedelta(days=1)),
             snowball.InvalidArgument, "date"),
            (dict(referrer_id=a.id, referee_id=c.id, method="chain", materials={"brochure": 0}),
             snowball.InvalidArgument, "materials.brochure"),
            (dict(referrer_id=a.id, referee_id=c.id, method="chain", materials={"flyer": 1}),
             snowball.InvalidArgument, "materials.flyer"),
            (dict(referrer_id=424242, referee_id=c.id, method="chain"), snowball.NotFound, "referrer_id"),
        ]
        before = refs.list(limit=100)
        for kwargs, error, field in cases:
            with self.subTest(**{k: str(v) for k, v in kwargs.items()}):
                with self.assertRaises(error) as caught:
                    refs.add(**kwargs)
                self.assertEqual(field, caught.exception.field)
        with self.assertRaises(snowball.Conflict) as caught:
            refs.add(a.id, b.id, method="key_person")
        self.assertEqual(first.id, caught.exception.record_id)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            refs.add_many([dict(referrer_id=a.id, referee_id=c.id), dict(referrer_id=c.id, referee_id=c.id)])
        self.assertEqual("referrals[1].referee_id", caught.exception.field)
        self.assertEqual(before, refs.list(limit=100))
        with self.assertRaises(TypeError):
            refs.add("one", b.id, method="chain")

    def test_a_referee_must_be_new_to_the_site(self):
        old = self.add("老客户")
        # Moving an older archive in: the filing day was long ago.
        import sqlite3
        con = sqlite3.connect(str(self.path))
        con.execute("UPDATE customers SET filed_at = '2025-03-01T00:00:00Z' WHERE id = ?", (old.id,))
        con.commit()
        con.close()
        a = self.add("推荐人")
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.archive.referrals.add(a.id, old.id, method="chain")
        self.assertEqual("date", caught.exception.field)
        self.assertIn("new to the site", str(caught.exception))
        self.assertTrue(self.archive.referrals.add(a.id, old.id, method="chain", date=D(2025, 2, 20)).credited)


class AnalyticsTest(ReferralsTestCase):
    def test_tree_is_generations_of_customer_ids(self):
        ids = self.many(6)
        refs = self.archive.referrals
        for referrer, referee in [(0, 1), (0, 2), (1, 3), (1, 4), (4, 5)]:
            refs.add(ids[referrer], ids[referee], method="chain")
        self.customers.record_deal(ids[5], unit="1-1-101", area=90, price=2000000, date=D(2025, 6, 1))
        tree = refs.tree(ids[0])
        self.assertEqual([[ids[1], ids[2]], [ids[3], ids[4]], [ids[5]]], tree)
        self.assertEqual(5, tree.descendants)
        self.assertEqual(["1-1-101"], [d.unit for d in tree.deals])
        self.assertEqual(ids[4], tree.members[2][0].referrer_id)
        self.assertEqual([], refs.tree(ids[5]))
        self.assertEqual([[ids[1], ids[2]]], refs.tree(ids[0], max_generations=1))

    def test_pagerank_is_the_definition(self):
        ids, edges = self.random_forest(40, seed=6)
        ranks = self.archive.referrals.pagerank()
        nodes = sorted({v for e in edges for v in e})
        self.assertEqual(nodes, sorted(ranks))
        expected = power_iteration(edges, nodes)
        for v in nodes:
            self.assertAlmostEqual(expected[v], ranks[v], delta=1e-11)
        self.assertAlmostEqual(1.0, sum(ranks.values()), delta=1e-12)
        self.assertEqual(ranks, self.archive.referrals.pagerank(site="XH"))
        self.assertEqual({}, self.archive.referrals.pagerank(site="BJ"))

    @unittest.skipIf(networkx is None, "networkx is not installed")
    def test_pagerank_equals_networkx(self):
        ids, edges = self.random_forest(60, seed=7)
        graph = networkx.DiGraph()
        graph.add_edges_from(edges)   # referee → referrer
        expected = networkx_pagerank(graph, graph.number_of_nodes())
        ranks = self.archive.referrals.pagerank()
        self.assertEqual(set(expected), set(ranks))
        for v, x in expected.items():
            self.assertAlmostEqual(x, ranks[v], delta=1e-9)
        # Descendants and circles as a networkx user computes them.
        influence = {i.customer_id: i for i in self.archive.referrals.influence()}
        for v in graph:
            self.assertEqual(len(networkx.ancestors(graph, v)), influence[v].descendants)
        circles = self.archive.referrals.circles(min_size=1)
        self.assertEqual(sorted(sorted(c) for c in networkx.weakly_connected_components(graph)),
                         sorted(c.members for c in circles))

    def test_key_persons_by_each_measure(self):
        ids, edges = self.random_forest(30, seed=8)
        refs = self.archive.referrals
        for i in ids[::4]:
            self.customers.record_deal(i, unit="U%d" % i, area=80, price=1500000, date=D(2025, 5, 1))
        by_deals = refs.key_persons()
        self.assertLessEqual(len(by_deals), 10)
        self.assertTrue(all(isinstance(p, tuple) and len(p) == 2 for p in by_deals))
        scores = [s for _, s in by_deals]
        self.assertEqual(sorted(scores, reverse=True), scores)
        self.assertEqual("descendant_deals", by_deals.by)
        customer_id, score = by_deals[0]
        self.assertGreater(score, 0)
        self.assertEqual(customer_id, by_deals.people[0].customer_id)

        ranks = refs.pagerank()
        top = refs.key_persons(site="XH", limit=3, by="pagerank")
        self.assertEqual(sorted(ranks, key=lambda v: (-ranks[v], v))[:3], [v for v, _ in top])
        for v, s in top:
            self.assertEqual(ranks[v], s)

        bridges = refs.key_persons(limit=5, by="betweenness")
        self.assertTrue(bridges.exact)
        self.assertEqual(bridges.nodes, len(ranks))
        with self.assertRaises(snowball.InvalidArgument) as caught:
            refs.key_persons(by="degree")
        self.assertEqual("by", caught.exception.field)

    def test_metrics_per_month(self):
        ids = self.many(4)
        refs = self.archive.referrals
        refs.add(ids[0], ids[1], method="chain", date=D(2025, 3, 5))
        refs.add(ids[1], ids[2], method="chain", date=D(2025, 3, 9))
        refs.add(ids[2], ids[3], method="chain", date=D(2025, 4, 1))
        self.customers.record_deal(ids[2], unit="1", area=80, price=1000000, date=D(2025, 3, 20))
        months = refs.metrics("XH", D(2025, 3, 1), D(2025, 4, 30))
        self.assertEqual(["2025-03", "2025-04"], [m.month for m in months])
        march, april = months
        self.assertEqual((1, 1, 1.0), (march.deals, march.referred_deals, march.referral_share))
        self.assertEqual(2, march.referrals)
        self.assertAlmostEqual(1.5, march.mean_chain_depth)
        self.assertIsNone(march.growth_factor)
        self.assertAlmostEqual(0.5, april.growth_factor)
        self.assertEqual(3.0, april.mean_chain_depth)
        self.assertIsNone(april.referral_share)

    def test_circles_and_influence(self):
        ids = self.many(5)
        refs = self.archive.referrals
        refs.add(ids[0], ids[1], method="chain")
        refs.add(ids[2], ids[3], method="chain")
        refs.add(ids[2], ids[1], method="cooperation")   # a secondary claim joins the circles
        circles = refs.circles()
        self.assertEqual(1, len(circles))
        self.assertEqual(ids[:4], circles[0].members)
        self.assertEqual(3, circles[0].referrals)
        table = {i.customer_id: i for i in refs.influence()}
        self.assertEqual(ids[0], table[ids[1]].referrer_id)
        self.assertIsNone(table[ids[2]].referrer_id)
        self.assertEqual(1, table[ids[2]].descendants)


class ObservationAndCooperationTest(ReferralsTestCase):
    def test_repeat_visitors_with_the_acceptance_names(self):
        today = today_in_china()
        keen, casual, owner = (self.add(n, channel="call", first_contact=D(2025, 1, 2)) for n in ("常客", "偶尔", "业主"))
        for days in (30, 18, 9, 4, 1):
            self.customers.record_visit(keen, today - datetime.timedelta(days=days))
        for days in (50, 20):
            self.customers.record_visit(casual, today - datetime.timedelta(days=days))
        for days in (10, 5):
            self.customers.record_visit(owner, today - datetime.timedelta(days=days))
        self.customers.record_deal(owner, unit="2-2", area=90, price=1000000)
        found = self.archive.referrals.repeat_visitors(site="XH", min_visits=2, since=today - datetime.timedelta(days=60))
        self.assertEqual([keen.id, casual.id], [v.customer_id for v in found])
        self.assertEqual(5, len(found[0].visit_days))
        self.assertGreater(found[0].score, found[1].score)
        self.assertEqual(1, found[0].days_since_last)
        self.assertIsNotNone(found[0].signal.gap_trend)
        self.assertEqual([keen.id], [v.customer_id for v in self.archive.referrals.repeat_visitors(
            site="XH", min_visits=3, since=today - datetime.timedelta(days=60))])
        with self.assertRaises(snowball.InvalidArgument) as caught:
            self.archive.referrals.repeat_visitors(site="XH", min_visits=0, since=today)
        self.assertEqual("min_visits", caught.exception.field)
        # Two of the keen visitor's days were at the construction site.
        self.customers.record_visit(keen, today - datetime.timedelta(days=3), place="construction_site")
        self.customers.record_visit(keen, today - datetime.timedelta(days=1), place="construction_site")
        watchers = self.archive.referrals.repeat_visitors(site="XH", min_visits=2, since=today - datetime.timedelta(days=60),
                                                          place="construction_site")
        self.assertEqual([keen.id], [v.customer_id for v in watchers])
        self.assertEqual(2, watchers[0].construction_site_days)

    def test_cooperation_pairs_with_the_acceptance_names(self):
        banker, agent, lawyer = self.add("王行长"), self.add("赵店长"), self.add("孙律师")
        self.archive.profiles.set(banker, {"company": "中国农业银行", "position": "行长"})
        self.archive.profiles.set(agent, {"company": "链家地产"})
        self.archive.profiles.set(lawyer, {"position": "律师"})
        pairs = self.archive.referrals.cooperation_pairs(site="XH", limit=10)
        self.assertEqual({(banker.id, agent.id), (lawyer.id, agent.id), (lawyer.id, banker.id)},
                         {(p.a.customer_id, p.b.customer_id) for p in pairs})
        self.assertEqual((banker.id, agent.id), (pairs[0].a.customer_id, pairs[0].b.customer_id))
        for p in pairs:
            self.assertTrue(p.reason)
            self.assertIn(p.a.name, p.explanation)
        self.assertEqual(1, len(self.archive.referrals.cooperation_pairs(site="XH", limit=1)))
        # Once the banker introduced the agent, they are connected: no longer suggested.
        self.archive.referrals.add(banker, agent, method="cooperation")
        self.assertNotIn((banker.id, agent.id), {(p.a.customer_id, p.b.customer_id)
                                                 for p in self.archive.referrals.cooperation_pairs(site="XH", limit=10)})
        settings = self.archive.referrals.set_affinities("XH", [("legal", "real_estate", 0.9, "产权律师")])
        self.assertFalse(settings.default_affinities)
        self.assertEqual(["产权律师"], [p.reason for p in self.archive.referrals.cooperation_pairs(site="XH")])
        self.assertTrue(self.archive.referrals.set_affinities("XH", None).default_affinities)

    def test_industries(self):
        self.assertIn("finance", [i.key for i in snowball.industries()])
        m = snowball.classify_industry("中国建设银行", "柜员")
        self.assertEqual(("finance", "建设银行", "company"), (m.industry, m.keyword, m.source))
        self.assertIsNone(snowball.classify_industry(position="自由职业"))

    def test_the_keys_are_the_librarys(self):
        keys = snowball.referral_keys()
        self.assertEqual(tuple(keys.methods), snowball.REFERRAL_METHODS)
        self.assertEqual(tuple(keys.materials), snowball.MATERIAL_KINDS)
        self.assertEqual("chain", keys.methods[0])
        self.assertIn("betweenness", keys.measures)
        self.assertIn("property_fee", keys.reward_kinds)


class RewardsTest(ReferralsTestCase):
    def test_the_reward_ledger(self):
        refs = self.archive.referrals
        old, new, other = self.add("老业主"), self.add("新客户"), self.add("自来客")
        refs.add(old, new, method="chain")
        deal = self.customers.record_deal(new, unit="3-301", area=100, price=3000000)
        lone = self.customers.record_deal(other, unit="3-302", area=100, price=3000000)
        check = refs.check_reward(deal)
        self.assertFalse(check.eligible)
        self.assertEqual(["rule_disabled"], [r.code for r in check.reasons])
        settings = refs.set_reward_rule("XH", kind="points", amount=2000, note="老带新成交积分")
        self.assertTrue(settings.reward.enabled)
        self.assertTrue(refs.check_reward(deal).eligible)
        self.assertEqual("no_credited_referral", refs.check_reward(lone).reasons[0].code)
        with self.assertRaises(snowball.InvalidState):
            refs.grant_reward(lone)
        entry = refs.grant_reward(deal, by=self.wang, note="积分到账")
        self.assertEqual((old.id, new.id, 2000.0, "granted"), (entry.referrer_id, entry.referee_id, entry.amount, entry.status))
        with self.assertRaises(snowball.Conflict) as caught:
            refs.grant_reward(deal)
        self.assertEqual(entry.id, caught.exception.record_id)
        self.assertEqual([], refs.settle_rewards("XH"))
        totals = refs.reward_totals("XH")
        self.assertEqual([(old.id, 1, 2000.0)], [(t.referrer_id, t.entries, t.points) for t in totals])
        revoked = refs.revoke_reward(entry, "退房")
        self.assertEqual("revoked", revoked.status)
        self.assertEqual([], refs.reward_totals("XH"))
        self.assertEqual(1, refs.ledger(site="XH").total)
        self.assertEqual(0, refs.ledger(site="XH", include_revoked=False).total)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            refs.set_reward_rule("XH", kind="property_fee", amount=500)
        self.assertEqual("rule.amount", caught.exception.field)


if __name__ == "__main__":
    unittest.main()


class FollowUpTest(ReferralsTestCase):
    """Key persons, cooperation introductions and material handed out, followed through."""

    def test_key_person_candidates_and_approaches(self):
        chair, fan, social = self.add("陈会长"), self.add("粉丝"), self.add("林社交")
        self.archive.profiles.set_text(chair, {"social_organisations": "台商协会会长、扶轮社", "position": "董事长"})
        self.archive.profiles.set_text(fan, {"admired_person": "陈会长"})
        self.archive.profiles.set(social, {"sociability": "keen"})
        refs = self.archive.referrals
        found = refs.key_person_candidates(site="XH")
        self.assertEqual([chair.id, social.id], [k.customer_id for k in found])
        best = found[0]
        self.assertIsInstance(best, snowball.KeyPersonCandidate)
        self.assertEqual(4 + 2 + 3 + 2, best.score)
        self.assertEqual(1, best.admired_by)
        self.assertEqual({"social_organisations", "leads_organisation", "position", "admired_by"},
                         {r.code for r in best.reasons})
        self.assertEqual([], best.approaches)

        made = refs.approach(chair, channel="home_visit", outcome="agreed", by=self.wang, note="愿意介绍商会朋友")
        self.assertIsInstance(made, snowball.Approach)
        self.assertEqual(self.wang.id, made.consultant_id)
        self.assertEqual(today_in_china(), made.date)
        self.assertIsNotNone(made.contact_id)
        self.assertEqual([made], refs.approaches(chair))
        self.assertEqual([made], refs.key_person_candidates(site="XH", limit=1)[0].approaches)

        # Once they refer someone they are a key person, no longer a candidate.
        newcomer = self.add("商会朋友", channel="visit")
        refs.add(chair, newcomer, method="key_person")
        self.assertNotIn(chair.id, [k.customer_id for k in refs.key_person_candidates(site="XH")])

        for kwargs, field in ((dict(outcome="maybe"), "outcome"), (dict(channel="pigeon"), "channel"),
                              (dict(date=today_in_china() + datetime.timedelta(days=1)), "date"),
                              (dict(by=self.li), "consultant_id")):
            with self.subTest(**{k: str(v) for k, v in kwargs.items()}):
                with self.assertRaises(snowball.InvalidArgument) as caught:
                    refs.approach(social, **kwargs)
                self.assertEqual(field, caught.exception.field)
        self.assertEqual([], refs.approaches(social))
        with self.assertRaises(snowball.InvalidArgument) as caught:
            refs.key_person_candidates(site="XH", limit=0)
        self.assertEqual("limit", caught.exception.field)

    def test_introductions_teach_the_matcher(self):
        bank1, bank2, agent1, agent2 = self.add("银行甲"), self.add("银行乙"), self.add("地产甲"), self.add("地产乙")
        for who, company in ((bank1, "工商银行"), (bank2, "建设银行"), (agent1, "链家地产"), (agent2, "万科地产")):
            self.archive.profiles.set(who, {"company": company})
        refs = self.archive.referrals
        pairs = refs.cooperation_pairs(site="XH")
        self.assertEqual(4, len(pairs))
        self.assertEqual(1.0, pairs[0].learned)
        first = pairs[0]
        made = refs.introduce(first.a, first.b, by=self.wang, note="一起吃饭")
        self.assertIsInstance(made, snowball.Introduction)
        self.assertEqual("pending", made.outcome)
        self.assertEqual({"finance", "real_estate"}, {made.a_industry, made.b_industry})
        with self.assertRaises(snowball.Conflict) as caught:
            refs.introduce(first.b, first.a)
        self.assertEqual("b_id", caught.exception.field)
        done = refs.introduction_outcome(made, "worked", by=self.wang)
        self.assertEqual("worked", done.outcome)
        self.assertEqual(today_in_china(), done.outcome_date)
        self.assertEqual(done, refs.introduction(made.id))
        self.assertEqual([done], list(refs.introductions(site="XH", outcome="worked").items))
        after = refs.cooperation_pairs(site="XH")
        self.assertEqual(3, len(after))   # the pair introduced is not proposed again
        self.assertNotIn({first.a.customer_id, first.b.customer_id}, [{p.a.customer_id, p.b.customer_id} for p in after])
        self.assertAlmostEqual(4 / 3, after[0].learned)
        self.assertEqual(1, after[0].worked)
        self.assertAlmostEqual(first.score * 4 / 3, after[0].score)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            refs.introduction_outcome(made, "great")
        self.assertEqual("outcome", caught.exception.field)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            refs.introduce(bank1, bank1)
        self.assertEqual("b_id", caught.exception.field)

    def test_material_handed_out_is_matched_when_the_person_arrives(self):
        owner = self.add("老业主")
        refs = self.archive.referrals
        brochure = refs.hand_out(site="XH", kind="楼书", name="王先生", phone="138****8000", referrer=owner, count=2)
        self.assertIsInstance(brochure, snowball.Handout)
        self.assertEqual("brochure", brochure.kind)
        self.assertTrue(brochure.partial_phone)
        self.assertFalse(brochure.matched)
        card = refs.hand_out(site="XH", kind="business_card", name="李女士", by=self.wang)
        self.assertEqual([card.id, brochure.id], [h.id for h in refs.materials(site="XH", matched=False).items])

        newcomer = self.add("王先生", mobile="13812348000")
        matched = refs.handout(brochure.id)
        self.assertEqual(newcomer.id, matched.customer_id)
        self.assertTrue(matched.referral_suggested)        # suggested: nothing assumed
        self.assertIsNone(refs.of(newcomer).referred_by)
        referral = refs.add(owner, newcomer, date=matched.date, materials={matched.kind: matched.count})
        self.assertEqual(referral.id, refs.handout(brochure.id).referral_id)
        self.assertFalse(refs.handout(brochure.id).referral_suggested)
        self.assertEqual([brochure.id], [h.id for h in refs.materials(site="XH", matched=True).items])
        self.assertEqual(2, refs.materials(site="XH").total)

        for kwargs, field in ((dict(kind="flyer", name="x", by=self.wang), "kind"),
                              (dict(kind="brochure", by=self.wang), "name"),
                              (dict(kind="brochure", name="x"), "consultant_id"),
                              (dict(kind="brochure", phone="13*******00", by=self.wang), "phone"),
                              (dict(kind="brochure", name="x", count=0, by=self.wang), "count")):
            with self.subTest(field=field):
                with self.assertRaises(snowball.InvalidArgument) as caught:
                    refs.hand_out(site="XH", **kwargs)
                self.assertEqual(field, caught.exception.field)
        self.assertEqual(2, refs.materials(site="XH").total)
