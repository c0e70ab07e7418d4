"""Renderers of a table (a header row and data rows) as CSV or XLSX, chosen by ``?format=``."""

import csv
import io

from openpyxl import Workbook
from rest_framework import renderers


def _lines(data) -> list[list]:
    """Return the rows to write: the table's, or an error body as (field, message) lines."""
    if isinstance(data, dict) and "header" in data:
        return [data["header"], *data["rows"]]
    if isinstance(data, dict):
        return [[key, str(message)] for key, value in data.items() for message in _each(value)]
    return [[str(data)]]


def _each(value) -> list:
    """Return the messages of an error body's field: a list of them, or one."""
    return value if isinstance(value, list) else [value]


class CSVRenderer(renderers.BaseRenderer):
    """UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese headers."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        text = io.StringIO()
        csv.writer(text).writerows(_lines(data))
        return text.getvalue().encode("utf-8-sig")


class XLSXRenderer(renderers.BaseRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        workbook = Workbook()
        sheet = workbook.active
        for line in _lines(data):
            sheet.append(line)
        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()
