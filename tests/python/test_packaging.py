"""How the package finds its library: from the repository's build tree, through SNOWBALL_LIBRARY,
and after an offline `pip install` of bindings/python."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from support import SOURCE_DIR, run_python

BINDINGS = SOURCE_DIR / "bindings" / "python"
BUILD_DIR = Path(os.environ["SNOWBALL_BUILD_DIR"]).resolve() if os.environ.get("SNOWBALL_BUILD_DIR") else None


def environment(**changes):
    """This process's environment without SNOWBALL_LIBRARY and PYTHONPATH, plus `changes`."""
    env = {k: v for k, v in os.environ.items() if k not in ("SNOWBALL_LIBRARY", "PYTHONPATH", "PYTHONHOME")}
    env.update(changes)
    return env


class PackagingTest(unittest.TestCase):
    def setUp(self):
        self._dir = tempfile.TemporaryDirectory(prefix="snowball-pkg-")
        self.addCleanup(self._dir.cleanup)
        self.dir = Path(self._dir.name)

    @unittest.skipUnless(BUILD_DIR is not None and BUILD_DIR == (SOURCE_DIR / "build").resolve(),
                         "the package looks for the library in <source>/build, but SNOWBALL_BUILD_DIR is %s"
                         % (BUILD_DIR or "not set"))
    def test_finds_the_library_in_the_repository_build_tree(self):
        result = run_python("import snowball; print(snowball.LIBRARY_PATH)",
                            environment(PYTHONPATH=str(BINDINGS)), str(self.dir))
        self.assertEqual(0, result.returncode, result.stderr)
        expected = SOURCE_DIR / "build" / "capi" / "libsnowball_c.so"
        self.assertEqual(expected.resolve(), Path(result.stdout.strip()).resolve())

    def test_a_missing_snowball_library_is_a_clear_import_error(self):
        missing = self.dir / "nowhere" / "libsnowball_c.so"
        probe = ("try:\n"
                 "    import snowball\n"
                 "except ImportError as e:\n"
                 "    print(type(e).__name__); print(e)\n"
                 "else:\n"
                 "    print('no error, library ' + snowball.LIBRARY_PATH)\n")
        env = environment(PYTHONPATH=str(BINDINGS), SNOWBALL_LIBRARY=str(missing))
        result = run_python(probe, env, str(self.dir))
        self.assertEqual(0, result.returncode, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual("ImportError", lines[0], result.stdout)
        message = "\n".join(lines[1:])
        # What was tried and how to fix it; an explicit choice is never replaced by another library.
        self.assertIn(str(missing), message)
        self.assertIn("SNOWBALL_LIBRARY", message)

    def test_pip_refuses_a_package_without_a_library_and_says_how_to_build_one(self):
        # A copy of the repository's package and version file, with no build tree beside it.
        copy = self.dir / "repo"
        shutil.copytree(BINDINGS, copy / "bindings" / "python",
                        ignore=shutil.ignore_patterns("__pycache__", "*.so*", "build", "*.egg-info"))
        shutil.copy(SOURCE_DIR / "CMakeLists.txt", copy / "CMakeLists.txt")
        missing = self.dir / "nowhere" / "libsnowball_c.so"
        pip_env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_CACHE_DIR="1",
                       SNOWBALL_LIBRARY=str(missing))
        pip_env.pop("PYTHONPATH", None)
        target = self.dir / "site"
        pip = subprocess.run([sys.executable, "-m", "pip", "install", "--no-index", "--no-deps", "--target",
                              str(target), str(copy / "bindings" / "python")], env=pip_env, cwd=str(self.dir),
                             capture_output=True, text=True, timeout=600)
        output = pip.stdout + pip.stderr
        self.assertNotEqual(0, pip.returncode, output)
        self.assertFalse((target / "snowball" / "__init__.py").exists(), "a package was installed anyway")
        # What was missing and how to build it.
        self.assertIn(str(missing), output)
        self.assertIn("make", output)
        self.assertIn("SNOWBALL_LIBRARY=", output)

    def test_pip_install_offline_into_a_clean_environment(self):
        for needed in ("pyproject.toml", "build_backend"):
            self.assertTrue((BINDINGS / needed).exists(),
                            "bindings/python/%s is missing: pip cannot build the package" % needed)
        target = self.dir / "site"
        # Offline: no index, and any attempt to reach the network goes to a closed port.
        pip_env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_CACHE_DIR="1",
                       http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9",
                       HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9")
        pip_env.pop("PYTHONPATH", None)
        pip = subprocess.run([sys.executable, "-m", "pip", "install", "--no-index", "--no-deps", "--target",
                              str(target), str(BINDINGS)], env=pip_env, cwd=str(self.dir), capture_output=True,
                             text=True, timeout=600)
        self.assertEqual(0, pip.returncode, pip.stdout + pip.stderr)
        self.assertTrue((target / "snowball" / "__init__.py").exists())

        # A clean environment: only the install target on the path, no SNOWBALL_LIBRARY, cwd elsewhere.
        work = self.dir / "work"
        work.mkdir()
        clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(self.dir), "PYTHONNOUSERSITE": "1",
                 "PYTHONPATH": str(target), "LANG": "C.UTF-8"}
        code = ("import pathlib, snowball\n"
                "print(pathlib.Path(snowball.__file__).resolve())\n"
                "print(pathlib.Path(snowball.LIBRARY_PATH).resolve())\n"
                "with snowball.open('office.db') as a:\n"
                "    a.sites.add('XH', '西湖印象售楼处')\n"
                "    c = a.customers.add(site='XH', channel='call', name='张伟', mobile='138 0013 8000')\n"
                "    assert snowball.validate_archive_no(c.archive_no), c.archive_no\n"
                "    assert a.customers.by_phone('+86 13800138000', site='XH').id == c.id\n"
                "    print(c.archive_no)\n")
        result = run_python(code, clean, str(work))
        self.assertEqual(0, result.returncode, result.stderr)
        module, library, number = result.stdout.splitlines()
        self.assertIn(target.resolve(), Path(module).parents)
        self.assertNotIn(str(SOURCE_DIR), module)
        # The package carries its library (pip bundled the one just built).
        self.assertIn(target.resolve(), Path(library).parents)
        self.assertRegex(number, r"^XH-\d{4}C-00001.$")
        self.assertTrue((work / "office.db").exists())


if __name__ == "__main__":
    unittest.main()
