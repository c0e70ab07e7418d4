"""Install a newer GB/T 4754 industry table.

    python manage.py import_industries gbt4754.csv --source "国家统计局 …"

The file is CSV with ``code`` and ``name`` columns, in the standard's own
layout: a section's letter (``C``) on its own row, then its divisions,
groups and classes as 2, 3 and 4 digits (``17``, ``171``, ``1713``); codes
already written with their letter (``C1713``) are taken as they are. It
replaces the table at ``settings.INDUSTRY_TABLE_FILE`` whole
(``enterprises.management.code_tables``).
"""

import re
from pathlib import Path

from django.core.management.base import CommandError

from enterprises.management.code_tables import CodeTableCommand

SECTION = re.compile(r"^[A-Z]$")
DIGITS = re.compile(r"^\d{2,4}$")
LETTERED = re.compile(r"^[A-Z]\d{2,4}$")


class Command(CodeTableCommand):
    help = "Replace the GB/T 4754 industry table with the codes in the given CSV file."
    setting = "INDUSTRY_TABLE_FILE"
    title = "GB/T 4754 industry classification"
    noun = "codes"

    def normalised(self, names: dict[str, str], path: Path) -> dict[str, str]:
        """Return the codes with their section letter, taken from the section row above."""
        table, section = {}, None
        for code, name in names.items():
            if SECTION.match(code):
                section = code
            elif DIGITS.match(code) and section is not None:
                code = section + code
            elif not LETTERED.match(code):
                raise CommandError(
                    f"{path.name}: {code!r} is not a section letter or a 2-, 3- or 4-digit "
                    "code below one"
                )
            if not name:
                raise CommandError(f"{path.name}: {code} has no name")
            table[code] = name
        return table

    def check_complete(self, names: dict[str, str]) -> None:
        """Refuse a table in which a code's parent level is missing: a division
        without its section, a group without its division, a class without its group."""
        orphans = sorted(
            code
            for code in names
            if len(code) > 1 and (code[0] if len(code) == 3 else code[:-1]) not in names
        )
        if orphans:
            raise CommandError(
                f"No parent for {orphans[:5]}: the table is replaced whole, give every level."
            )
