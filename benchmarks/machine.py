"""The machine line every benchmark prints first: CPU, cores, OS, Python and the versions of
the packages it measures (figures are only comparable on a like machine)."""

from __future__ import annotations

import importlib.metadata
import os
import platform
from collections.abc import Sequence
from pathlib import Path


def describe(packages: Sequence[str] = ()) -> str:
    """``CPU, N cores, OS release, Python X.Y.Z, package version, …``."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = "".join(f", {name} {importlib.metadata.version(name)}" for name in packages)
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}{versions}"
    )
