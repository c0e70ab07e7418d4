"""Reading exported tables back, to compare them with the JSON they came from."""

import csv
import io
import re

from openpyxl import load_workbook

HAN = re.compile(r"[\u4e00-\u9fff]")


def exported(content: bytes, file_format: str) -> list[list]:
    if file_format == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def same(cell, value) -> bool:
    """Compare an exported cell with a JSON value: numbers by value, the rest as text."""
    if value is None:
        return cell in ("", None)
    if isinstance(value, int | float) or re.fullmatch(r"\d+\.\d+", str(value)):
        return float(cell) == float(value)
    return str(cell) == str(value)
