"""A PEP 517 build backend written with the standard library only.

pip builds the snowball package with it offline: no setuptools or wheel from PyPI. The wheel holds
the pure-Python package and, when one is found, the built C library:
  - the file named by the SNOWBALL_LIBRARY environment variable, or
  - <repository>/build/capi/libsnowball_c.so (what `make` builds).
With a library the wheel is tagged for this platform. Without one it is pure Python and loads the
system's library at run time, but only when one is installed: otherwise (or when SNOWBALL_LIBRARY
names a file that is not there) the build stops and says how to build the library, rather than
installing a package whose `import snowball` would fail.
"""

import base64
import hashlib
import io
import os
import re
import sysconfig
import tarfile
import zipfile
from pathlib import Path

NAME = "snowball"
HERE = Path(__file__).resolve().parent.parent          # bindings/python
PACKAGE = HERE / NAME
REPO = HERE.parent.parent
LIBRARY = "libsnowball_c.so"


def _version() -> str:
    """The version, written once in the repository's CMakeLists.txt (in an sdist: its PKG-INFO)."""
    cmake = REPO / "CMakeLists.txt"
    if cmake.exists():
        found = re.search(r"project\(Snowball\s+VERSION\s+(\d+\.\d+\.\d+)", cmake.read_text(encoding="utf-8"))
        if found:
            return found.group(1)
    info = HERE / "PKG-INFO"
    if info.exists():
        found = re.search(r"^Version: (\S+)$", info.read_text(encoding="utf-8"), re.M)
        if found:
            return found.group(1)
    raise RuntimeError("no version: build the package from the Snowball repository or its sdist")


VERSION = _version()


def _metadata() -> str:
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {NAME}\nVersion: {VERSION}\n"
        "Summary: Customer care for real-estate sales offices: Python bindings of the Snowball library\n"
        "License: MIT\nRequires-Python: >=3.8\n"
        "Description-Content-Type: text/markdown\n\n" + readme
    )


def _library() -> "Path | None":
    env = os.environ.get("SNOWBALL_LIBRARY")
    candidate = Path(env) if env else REPO / "build" / "capi" / LIBRARY
    return candidate.resolve() if candidate.exists() else None


def _system_library() -> "str | None":
    """An installed libsnowball_c (`make install`), which a pure-Python wheel loads at run time."""
    import ctypes.util
    return ctypes.util.find_library("snowball_c")


class NoLibrary(RuntimeError):
    """Raised instead of building a package that could not work: no library to bundle or load."""


def _no_library_message() -> str:
    env = os.environ.get("SNOWBALL_LIBRARY")
    tried = env if env else str(REPO / "build" / "capi" / LIBRARY)
    return (
        "\nThe snowball package needs the Snowball C library (libsnowball_c.so), and none was found:\n"
        f"  tried {tried}" + (" (SNOWBALL_LIBRARY)" if env else "") + " and the system's libraries.\n"
        "Build it first, then install the package again:\n"
        "  make                                  # in the Snowball repository: builds build/capi/libsnowball_c.so\n"
        "  python3 -m pip install ./bindings/python\n"
        "or point to a library built elsewhere:  SNOWBALL_LIBRARY=/path/to/libsnowball_c.so pip install ...\n"
        "or install it system-wide:              make install PREFIX=/usr/local && ldconfig\n"
    )


def _platform_tag() -> str:
    return sysconfig.get_platform().replace("-", "_").replace(".", "_")


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def _files():
    """(archive name, bytes) of the package's files, and its version."""
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name != "_version.py":
            yield f"{NAME}/{path.relative_to(PACKAGE).as_posix()}", path.read_bytes()
    yield f"{NAME}/_version.py", f'VERSION = "{VERSION}"\n'.encode()


# PEP 517 hooks ---------------------------------------------------------------------------------

def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    library = _library()
    if library is None and (os.environ.get("SNOWBALL_LIBRARY") or not _system_library()):
        raise NoLibrary(_no_library_message())
    tag = f"py3-none-{_platform_tag()}" if library else "py3-none-any"
    wheel_name = f"{NAME}-{VERSION}-{tag}.whl"
    dist_info = f"{NAME}-{VERSION}.dist-info"
    files = list(_files())
    if library:
        files.append((f"{NAME}/{LIBRARY}", library.read_bytes()))
    files.append((f"{dist_info}/METADATA", _metadata().encode()))
    wheel_meta = f"Wheel-Version: 1.0\nGenerator: snowball_build\nRoot-Is-Purelib: {'false' if library else 'true'}\nTag: {tag}\n"
    files.append((f"{dist_info}/WHEEL", wheel_meta.encode()))
    files.append((f"{dist_info}/top_level.txt", f"{NAME}\n".encode()))
    record = [_record_line(name, data) for name, data in files] + [f"{dist_info}/RECORD,,"]
    files.append((f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode()))

    path = Path(wheel_directory) / wheel_name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as wheel:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = (0o755 if name.endswith(".so") else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(info, data)
    return wheel_name


def build_sdist(sdist_directory, config_settings=None):
    base = f"{NAME}-{VERSION}"
    name = f"{base}.tar.gz"
    with tarfile.open(Path(sdist_directory) / name, "w:gz") as sdist:
        def add(arcname: str, data: bytes) -> None:
            info = tarfile.TarInfo(f"{base}/{arcname}")
            info.size = len(data)
            info.mtime = 1767225600
            sdist.addfile(info, io.BytesIO(data))

        for arcname, data in _files():
            add(arcname, data)
        for extra in ("pyproject.toml", "README.md", "build_backend/snowball_build.py"):
            add(extra, (HERE / extra).read_bytes())
        add("PKG-INFO", _metadata().encode())
    return name
