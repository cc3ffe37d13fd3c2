"""Encryption of the sensitive profile values at rest, from Python: a copied file gives none away,
a handle without the key sees them masked, rotation re-seals them under a new key."""

import os
import sqlite3

import snowball
from support import ArchiveTestCase

HEALTH = "糖尿病，每日注射胰岛素"


class EncryptionTest(ArchiveTestCase):
    def setUp(self):
        super().setUp()
        self.key = os.urandom(32)
        self.archive.close()
        self.archive = snowball.open(self.path, encryption_key=self.key)
        self.addCleanup(self.archive.close)
        self.customers = self.archive.customers
        self.zhen = self.add("甄嬛", mobile="13912345678")
        self.archive.consents.grant(self.zhen, "service", sensitive=True)
        self.archive.profiles.set(self.zhen, {"health": HEALTH, "native_place": "江苏苏州"})

    def file_bytes(self):
        data = b""
        for suffix in ("", "-wal", "-shm"):
            name = str(self.path) + suffix
            if os.path.exists(name):
                with open(name, "rb") as f:
                    data += f.read()
        return data

    def test_the_file_holds_no_sensitive_value(self):
        self.assertNotIn(HEALTH.encode(), self.file_bytes())
        self.assertIn("江苏苏州".encode(), self.file_bytes())        # ordinary fields stay readable for lookups
        status = self.archive.encryption.status()
        self.assertIsInstance(status, snowball.EncryptionStatus)
        self.assertTrue(status.enabled and status.key_held)
        self.assertEqual(2, status.sealed_values)               # the value and its history entry
        self.assertNotIn(self.key.hex(), status.key_id)
        profile = self.archive.profiles.get(self.zhen, reveal=True, reason="体检回访")
        self.assertEqual(HEALTH, profile["health"])

    def test_without_the_key_values_are_masked_and_cannot_be_revealed(self):
        with snowball.open(self.path) as keyless:
            self.assertFalse(keyless.encryption.status().key_held)
            self.assertEqual("江苏苏州", keyless.profiles.get(self.zhen)["native_place"])
            with self.assertRaises(snowball.Forbidden) as caught:
                keyless.profiles.get(self.zhen, reveal=True, reason="体检回访")
            self.assertEqual("health", caught.exception.field)
            with self.assertRaises(snowball.Forbidden):
                keyless.profiles.set(self.zhen, {"health": "好"})

    def test_another_key_is_refused_without_showing_it(self):
        other = os.urandom(32)
        with self.assertRaises(snowball.InvalidArgument) as caught:
            snowball.open(self.path, encryption_key=other)
        self.assertEqual("encryption_key", caught.exception.field)
        self.assertNotIn(other.hex(), str(caught.exception))
        with self.assertRaises(ValueError):
            snowball.open(self.path, encryption_key=b"short")

    def test_rotation(self):
        new_key = os.urandom(32)
        self.assertEqual(2, self.archive.encryption.rotate(new_key))
        self.assertEqual(HEALTH, self.archive.profiles.get(self.zhen, reveal=True, reason="体检回访")["health"])
        with self.assertRaises(snowball.InvalidArgument):
            snowball.open(self.path, encryption_key=self.key)
        with snowball.open(self.path, encryption_key=new_key.hex()) as again:
            self.assertEqual(1, again.encryption.status().keys_retired)
            self.assertEqual(HEALTH, again.profiles.get(self.zhen, reveal=True, reason="体检回访")["health"])
        db = sqlite3.connect(self.path)
        try:
            self.assertEqual(1, db.execute("SELECT count(*) FROM profile_values WHERE typeof(value) = 'blob'").fetchone()[0])
        finally:
            db.close()
