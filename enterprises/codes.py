"""The reference tables that typed codes are checked against.

Regions: GB/T 2260 administrative divisions, read from ``settings.REGION_TABLE_FILE``.
Industries: GB/T 4754-2017 with its 2019 amendment, every level (section letter,
division, group, class, written ``C``, ``C17``, ``C171``, ``C1713``), read from
``settings.INDUSTRY_TABLE_FILE``. Each is read again whenever its file changes
(``manage.py import_regions``, ``import_industries``), so every process picks up
a new table without a restart. Sources: ``enterprises/data/README.md``.
"""

import csv
import functools
import io
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings


class RegionTable:
    """Region codes and names, and the 2- and 4-digit prefixes they contain."""

    def __init__(self, names: dict[str, str]):
        self.names = names
        self.prefixes = {code[:length] for code in names for length in (2, 4)}

    def __contains__(self, code: str) -> bool:
        return code in self.names

    def has_prefix(self, prefix: str) -> bool:
        """Return whether ``prefix`` (2, 4 or 6 digits) names a division of the table."""
        return prefix in self.names if len(prefix) == 6 else prefix in self.prefixes


def read_code_table(lines: Iterable[str]) -> dict[str, str]:
    """Return ``{code: name}`` in the order of CSV lines with ``code`` and ``name``
    columns; lines starting with ``#`` are comments. Raise ``ValueError`` on a
    missing column."""
    reader = csv.DictReader(line for line in lines if not line.startswith("#"))
    if not {"code", "name"} <= set(reader.fieldnames or ()):
        raise ValueError("needs a header with the columns code and name")
    return {row["code"].strip(): row["name"].strip() for row in reader}


def read_code_file(path: Path) -> dict[str, str]:
    """Return the table of the CSV file at ``path`` (``read_code_table``)."""
    with open(path, encoding="utf-8-sig", newline="") as lines:
        return read_code_table(lines)


@functools.lru_cache(maxsize=4)
def _parsed(path: str, mtime_ns: int, make: Callable):
    return make(read_code_file(Path(path)))


def _current(path, make: Callable):
    path = os.fspath(path)
    return _parsed(path, os.stat(path).st_mtime_ns, make)


def region_table() -> RegionTable:
    """Return the current region table (re-read when its file has changed)."""
    return _current(settings.REGION_TABLE_FILE, RegionTable)


def industry_table() -> dict[str, str]:
    """Return the current industry codes and their names (re-read when the file has changed)."""
    return _current(settings.INDUSTRY_TABLE_FILE, dict)


def write_code_table(names: dict[str, str], *, header: str, path: Path) -> None:
    """Replace the table at ``path`` with ``names`` in one step (a reader never
    sees half a file)."""
    buffer = io.StringIO()
    for line in header.splitlines():
        buffer.write(f"# {line}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["code", "name"])
    writer.writerows(sorted(names.items()))
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(buffer.getvalue(), encoding="utf-8")
    os.replace(partial, path)
