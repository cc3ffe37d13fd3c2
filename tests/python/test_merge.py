"""Duplicates and merge through Python with the acceptance names: candidates with .ids, .score and
.reasons; merge(keep, merge, by=); the merged-away archive number finds the survivor; undo_merge
while nothing new was written; the list of merges; bad input."""

import datetime
import unittest

import snowball
from support import ArchiveTestCase


class MergeTest(ArchiveTestCase):
    def setUp(self):
        super().setUp()
        born = datetime.date(1980, 5, 20)
        self.first = self.add("张伟", mobile="13800138000", birthday=born, consultant=self.wang)
        self.again = self.add("张伟", mobile="13911118000", birthday=born, consultant=self.wang)

    def test_duplicates_merge_redirect_undo(self):
        found = self.customers.duplicates(site="XH")
        self.assertEqual(1, len(found))
        self.assertEqual([self.first.id, self.again.id], found[0].ids)
        self.assertAlmostEqual(0.98, found[0].score)
        self.assertEqual(["name_phone_tail", "name_birthday"], [r.key for r in found[0].reasons])
        self.customers.record_visit(self.again.id)

        m = self.customers.merge(self.first.id, self.again.id, by=self.wang)
        self.assertEqual(self.first.id, m.keep)
        self.assertEqual(1, m.counts["visits"])
        self.assertTrue(m.undoable)
        survivor = self.customers.by_archive_no(self.again.archive_no)
        self.assertEqual(self.first.id, survivor.id)
        self.assertEqual(self.again.archive_no, survivor.redirected_from)
        self.assertEqual(1, len(self.customers.visits(self.first.id)))
        self.assertEqual(1, self.customers.merges(site="XH").total)
        self.assertEqual([], self.customers.duplicates(site="XH"))

        undone = self.customers.undo_merge(m.id, by=self.wang)
        self.assertFalse(undone.undoable)
        self.assertEqual(self.again.id, self.customers.by_archive_no(self.again.archive_no).id)
        self.assertIsNone(self.customers.by_archive_no(self.again.archive_no).redirected_from)
        with self.assertRaises(snowball.InvalidState):
            self.customers.undo_merge(m.id, by=self.wang)

    def test_undo_after_a_new_write_is_refused(self):
        m = self.customers.merge(self.first, self.again, by=self.wang)
        self.customers.record_visit(self.first.id)
        with self.assertRaises(snowball.InvalidState) as e:
            self.customers.undo_merge(m.id)
        self.assertIn("visits", str(e.exception))

    def test_bad_input(self):
        with self.assertRaises(snowball.InvalidArgument):
            self.customers.merge(self.first.id, self.first.id, by=self.wang)
        with self.assertRaises(snowball.NotFound):
            self.customers.merge(self.first.id, 424242, by=self.wang)
        elsewhere = self.add("张伟", site="BJ", mobile="13800138000", consultant=self.li)
        with self.assertRaises(snowball.InvalidArgument):
            self.customers.merge(self.first.id, elsewhere.id)
        gone = self.add("王五", mobile="13700001234", consultant=self.wang)
        self.customers.remove(gone.id)
        with self.assertRaises(snowball.NotFound):
            self.customers.merge(self.first.id, gone.id)
        with self.assertRaises(snowball.NotFound):
            self.customers.undo_merge(424242)
        with self.assertRaises(snowball.InvalidArgument):
            self.customers.duplicates(site="XH", min_score=2)


if __name__ == "__main__":
    unittest.main()
