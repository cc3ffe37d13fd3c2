"""A PostgreSQL server of the tests' own (as tests/support/postgres.hpp): initdb into a temporary
folder, started on 127.0.0.1 on a free port, stopped and removed afterwards. As root, the server runs
as the `postgres` user Debian's package creates. Not installed at all: the tests skip, saying so on
stderr; installed but not starting: they fail, with the server's own words."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import unittest


def _bindir():
    try:
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        out = ""
    for candidate in (out, "/usr/lib/postgresql/15/bin"):
        if candidate and os.path.exists(os.path.join(candidate, "initdb")):
            return candidate
    return None


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TempPostgres:
    def __init__(self):
        self.bindir = _bindir()
        if self.bindir is None:
            reason = "PostgreSQL 15 is not installed (Debian postgresql-15; make test installs it): group view not tested"
            print("\n*** SKIPPED: " + reason, file=sys.stderr)
            raise unittest.SkipTest(reason)
        self.dir = tempfile.mkdtemp(prefix="snowball-pg-")
        self.prefix = []
        if os.geteuid() == 0:
            import pwd
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self.prefix = ["runuser", "-u", "postgres", "--"]
        self.port = _free_port()
        self.data = os.path.join(self.dir, "data")
        self._run([os.path.join(self.bindir, "initdb"), "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                   "--locale=C.UTF-8", "-N"])
        options = ("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                   % (self.port, self.dir))
        self._run([os.path.join(self.bindir, "pg_ctl"), "-D", self.data, "-o", options,
                   "-l", os.path.join(self.dir, "server.log"), "-w", "-t", "60", "start"])
        self.started = True

    def _run(self, command):
        done = subprocess.run(self.prefix + command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = ""
            path = os.path.join(self.dir, "server.log")
            if os.path.exists(path):
                with open(path, encoding="utf-8", errors="replace") as f:
                    log = f.read()[-600:]
            raise RuntimeError("PostgreSQL: %s failed: %s %s %s" % (command[0], done.stdout[-400:], done.stderr[-400:], log))

    def conninfo(self, db="postgres"):
        return "host=127.0.0.1 port=%d user=postgres dbname=%s" % (self.port, db)

    def psql(self, sql, db="postgres"):
        done = subprocess.run(["psql", "-q", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", self.conninfo(db), "-c", sql],
                              capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise RuntimeError("psql: " + done.stderr)
        return done.stdout.strip()

    def stop(self):
        if getattr(self, "started", False):
            subprocess.run(self.prefix + [os.path.join(self.bindir, "pg_ctl"), "-D", self.data, "-m", "immediate", "-w",
                                          "stop"], capture_output=True, timeout=120)
            self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)


_SERVER = None


def server():
    """The test module's server, started at its first use (a test module's setUpModule)."""
    global _SERVER
    if _SERVER is None:
        _SERVER = TempPostgres()
    return _SERVER


def stop_server():
    """Stops the module's server (a test module's tearDownModule)."""
    global _SERVER
    if _SERVER is not None:
        _SERVER.stop()
        _SERVER = None
