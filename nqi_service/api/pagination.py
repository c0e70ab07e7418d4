"""Pagination shared by every list (API.md "Lists")."""

from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """Page-number pages of 50 by default; ``?page_size=`` is capped at 200."""

    page_size_query_param = "page_size"
    max_page_size = 200
