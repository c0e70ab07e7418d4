"""A JSON parser that refuses bodies nested deeper than any request of this API needs."""

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# Our deepest body nests four levels; API.md Extensions ("Hardening") bound it at 100.
MAX_JSON_DEPTH = 32
TOO_DEEP = _("JSON nested deeper than %(depth)d levels.")


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with a 400 for nesting beyond ``MAX_JSON_DEPTH``.

    The standard library's decoder recurses once per level: about a thousand
    levels (a 2 KB body) exhaust the interpreter's stack, and the
    ``RecursionError`` would be a 500 with a traceback. Shallower bodies are
    measured once decoded, without recursion, so no later code walks them deep.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(TOO_DEEP % {"depth": MAX_JSON_DEPTH}) from None
        if too_deep(data, MAX_JSON_DEPTH):
            raise ParseError(TOO_DEEP % {"depth": MAX_JSON_DEPTH})
        return data


def too_deep(data, limit: int) -> bool:
    """Tell whether lists and objects in ``data`` nest more than ``limit`` levels."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        if depth > limit:
            return True
        pending.extend((item, depth + 1) for item in value)
    return False
