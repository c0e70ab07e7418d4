"""The Content-Security-Policy header on every response (``SECURE_CSP``).

Django 5.2 has none built in. The policy is fixed, needing no nonce: every
script and style sheet is served by the application itself (admin, dashboard,
the docs UI from drf-spectacular-sidecar), the docs UI loads its start-up
script from a URL of its own instead of inline, and only ``<style>`` blocks and
``style`` attributes are inline. ``SECURE_CSP`` has the shape of Django 6.0's
setting of the same name, whose middleware can replace this one.
"""

from django.conf import settings

HEADER = "Content-Security-Policy"


def policy(directives: dict[str, list[str]]) -> str:
    """Return the header value of ``{directive: [source, ...]}``."""
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def content_security_policy_middleware(get_response):
    """Add the policy to responses that set none of their own."""
    value = policy(settings.SECURE_CSP)

    def middleware(request):
        response = get_response(request)
        if value and HEADER not in response:
            response[HEADER] = value
        return response

    return middleware
