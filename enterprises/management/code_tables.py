"""What the commands that install a newer reference table share.

Each reads one or more CSV files with ``code`` and ``name`` columns (other
columns are ignored, lines starting with ``#`` are comments), checks them, and
replaces the table file a setting names in one step; running processes read
the new table at their next check. Codes already stored are not re-checked, so
records with a code the new table drops stay as they are.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from enterprises.codes import read_code_file, write_code_table


class CodeTableCommand(BaseCommand):
    """Replace the table at ``settings.<setting>`` with the codes of the given files."""

    setting: str  # the setting naming the table file
    title: str  # the table's name, written in its header
    noun: str  # what the codes are, in the summary ("divisions", "codes")

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
        table_file = Path(getattr(settings, self.setting))
        before = set(read_code_file(table_file)) if table_file.exists() else set()
        header = (
            f"{self.title}, imported {datetime.date.today():%Y-%m-%d}"
            f" from {', '.join(path.name for path in files)}."
        )
        write_code_table(names, header="\n".join(filter(None, [header, source])), path=table_file)
        added, withdrawn = len(names.keys() - before), len(before - names.keys())
        self.stdout.write(
            f"{len(names)} {self.noun}: {added} added, {withdrawn} no longer listed "
            "(records that have them keep them)."
        )

    def read(self, path: Path) -> dict[str, str]:
        """Return the file's codes in the table's form; ``CommandError`` names what is wrong."""
        try:
            names = read_code_file(path)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise CommandError(f"{path.name}: {error}") from None
        return self.normalised(names, path)

    def normalised(self, names: dict[str, str], path: Path) -> dict[str, str]:
        raise NotImplementedError

    def check_complete(self, names: dict[str, str]) -> None:
        raise NotImplementedError
