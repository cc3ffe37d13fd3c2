"""The audit log from Python: an erasure is recorded without the person's data, the chain verifies,
and a tampered entry is found."""

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
