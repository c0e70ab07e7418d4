"""Admin pages show each back-office user the rows the API would show them."""

from collections.abc import Callable

from django.db.models import QuerySet


class ScopedAdminMixin:
    """Limit a ModelAdmin's rows to ``selector(user)`` for everyone but superusers.

    Rows outside the scope are absent from lists and their pages answer as if
    they did not exist, like the API's 404.
    """

    selector: Callable[..., QuerySet]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=type(self).selector(request.user).values("pk"))
