"""The reference tables that typed codes are checked against.

Regions: GB/T 2260 administrative divisions, read from ``settings.REGION_TABLE_FILE``
and read again whenever that file changes (``manage.py import_regions``), so
every process picks up a new table without a restart. Industries: the 20
sections of GB/T 4754-2017 and the divisions (01-97) each one spans. Sources:
``enterprises/data/README.md``.
"""

import csv
import functools
import io
import os
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

DATA_DIR = Path(__file__).resolve().parent / "data"
# GB/T 4754-2017: each section letter and the 2-digit divisions it spans. The
# 97 divisions are numbered 01-97 without gaps.
INDUSTRY_SECTIONS = {
    "A": (1, 5), "B": (6, 12), "C": (13, 43), "D": (44, 46), "E": (47, 50),
    "F": (51, 52), "G": (53, 60), "H": (61, 62), "I": (63, 65), "J": (66, 69),
    "K": (70, 70), "L": (71, 72), "M": (73, 75), "N": (76, 79), "O": (80, 82),
    "P": (83, 83), "Q": (84, 85), "R": (86, 90), "S": (91, 96), "T": (97, 97),
}  # fmt: skip


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
    """Return ``{code: name}`` from CSV lines with ``code`` and ``name`` columns;
    lines starting with ``#`` are comments. Raise ``ValueError`` on a missing column."""
    reader = csv.DictReader(line for line in lines if not line.startswith("#"))
    if not {"code", "name"} <= set(reader.fieldnames or ()):
        raise ValueError("needs a header with the columns code and name")
    return {row["code"].strip(): row["name"].strip() for row in reader}


def _read_file(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8-sig", newline="") as lines:
        return read_code_table(lines)


@functools.lru_cache(maxsize=1)
def _region_table(path: str, mtime_ns: int) -> RegionTable:
    return RegionTable(_read_file(Path(path)))


def region_table() -> RegionTable:
    """Return the current region table (re-read when its file has changed)."""
    path = os.fspath(settings.REGION_TABLE_FILE)
    return _region_table(path, os.stat(path).st_mtime_ns)


def industry_code_in_its_section(code: str) -> bool:
    """Return whether ``code``'s section exists and spans its division, if it has one.

    Groups and classes are checked no further than their division: no package
    the project may install ships the standard's full table.
    """
    span = INDUSTRY_SECTIONS.get(code[:1])
    if span is None:
        return False
    return len(code) == 1 or span[0] <= int(code[1:3]) <= span[1]


def write_region_table(names: dict[str, str], *, header: str, path: Path) -> None:
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
