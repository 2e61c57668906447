"""Headless Chromium for the report tests: a page as a person sees it (PNG) and as the browser
built it (the DOM after parsing, styles and layout).

Chromium runs with a fresh profile per call and everything that could reach the network off, so
a test also shows the report needs nothing from outside.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    # any request to the network fails: the page must be self-contained
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)


def binary() -> str | None:
    """The Chromium executable, if installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(args: list[str], timeout: float = 90) -> subprocess.CompletedProcess[bytes]:
    exe = binary()
    if exe is None:
        raise RuntimeError("chromium is not installed")
    with tempfile.TemporaryDirectory(prefix="sheetparse-chromium-") as profile:
        return subprocess.run(
            [exe, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            timeout=timeout,
            check=True,
        )


def screenshot(page: Path, png: Path, width: int, height: int) -> Path:
    """A PNG of ``page`` in a window ``width`` × ``height`` CSS pixels."""
    _run([f"--window-size={width},{height}", f"--screenshot={png}", page.resolve().as_uri()])
    return png


def dump_dom(page: Path) -> str:
    """The DOM Chromium built from ``page``, serialised."""
    return _run(["--dump-dom", page.resolve().as_uri()]).stdout.decode("utf-8")
