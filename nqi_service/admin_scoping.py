"""Admin pages show each back-office user the rows the API would show them."""

from collections.abc import Callable

from django.db.models import QuerySet


class ScopedAdminMixin:
    """Limit a ModelAdmin's rows to ``selector(user)`` for everyone but superusers.

    ``scope_through`` names the relation whose target the selector returns
    (``"ticket"`` for events), or ``"pk"`` when it returns the rows themselves.
    Rows outside the scope are absent from lists and their pages answer as if
    they did not exist, like the API's 404.
    """

    selector: Callable[..., QuerySet]
    scope_through = "pk"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        visible = type(self).selector(request.user).values("pk")
        return queryset.filter(**{f"{self.scope_through}__in": visible})
