"""Pagination shared by every list (API.md "Lists")."""

from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """Page-number pages of 50 by default; ``?page_size=`` is capped at 200."""

    page_size_query_param = "page_size"
    max_page_size = 200


class CursorPagination(pagination.CursorPagination):
    """Pages behind opaque ``next``/``previous`` cursors, in the list's own ordering.

    For lists that grow without bound: a page starts where the previous one
    ended (an index range), so it costs the same at any depth, and no page
    counts the whole list. The ordering is the queryset's (``?ordering=`` or
    the model's), with the id added to break ties.
    """

    page_size_query_param = "page_size"
    max_page_size = 200

    def get_ordering(self, request, queryset, view):
        ordering = list(queryset.query.order_by or queryset.model._meta.ordering)
        if not {"id", "pk"} & {field.lstrip("-") for field in ordering}:
            ordering.append("-id" if ordering[0].startswith("-") else "id")
        return tuple(ordering)
