"""Every endpoint × HTTP method the project serves, read from its URL conf."""

from django.urls import URLPattern, URLResolver, get_resolver

# Parts of the site outside the API contract, with where their access is tested.
EXCLUDED_PREFIXES = {
    "admin/": "Django's admin, guarded by its own staff permissions (tests/test_admin.py)",
    "dashboard/": "HTML pages behind a session login (tests/stats/test_dashboard.py)",
}

# Methods every view answers the same way for everyone; not decisions about access.
GENERIC_METHODS = {"options", "head"}


def _patterns(resolver: URLResolver, prefix: str = ""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern, route)
        else:
            yield route, pattern


def _methods(pattern: URLPattern) -> list[str]:
    """Return the HTTP methods ``pattern``'s view handles."""
    view = pattern.callback
    if getattr(view, "actions", None):  # a DRF viewset route: {method: action}
        methods = view.actions
    elif getattr(view, "cls", None):  # a DRF APIView
        methods = [m for m in view.cls.http_method_names if hasattr(view.cls, m)]
    else:  # a plain Django view: only ``healthz``, ``require_GET``
        methods = ["get"]
    return sorted(m.upper() for m in methods if m not in GENERIC_METHODS)


def served_endpoints() -> dict[tuple[str, str], str]:
    """Return ``{(url name, METHOD): route}`` for every endpoint outside the excluded parts."""
    served = {}
    for route, pattern in _patterns(get_resolver()):
        if route.startswith(tuple(EXCLUDED_PREFIXES)):
            continue
        assert pattern.name, f"{route} has no URL name to key the matrix on"
        for method in _methods(pattern):
            assert (pattern.name, method) not in served, f"{pattern.name} is used twice"
            served[pattern.name, method] = route
    return served
