"""The booking lifecycle as data: which action leads where, from where, for whom.

``requested → approved → in_use → completed``, with the side paths
``rejected``, ``cancelled`` and ``no_show``. The services look every move up
here and the API builds one endpoint per row.
"""

import enum
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from instruments.choices import BookingStatus as S
from nqi_service import lifecycle


class Party(enum.Enum):
    """Who stands in which relation to a booking."""

    LAB = "lab"  # staff or manager of the station the instrument's lab belongs to
    ENTERPRISE = "enterprise"  # any member of the enterprise that booked
    ADMIN = "admin"  # a superuser


@dataclass(frozen=True)
class Transition:
    action: str
    verb: Promise
    sources: tuple[S, ...]
    target: S
    parties: frozenset[Party]


_LAB = frozenset({Party.LAB, Party.ADMIN})

TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("approve", _("approve"), (S.REQUESTED,), S.APPROVED, _LAB),
        Transition("reject", _("reject"), (S.REQUESTED,), S.REJECTED, _LAB),
        Transition(
            "cancel",
            _("cancel"),
            (S.REQUESTED, S.APPROVED),
            S.CANCELLED,
            frozenset({Party.ENTERPRISE, Party.ADMIN}),
        ),
        Transition("start", _("start"), (S.APPROVED,), S.IN_USE, _LAB),
        Transition("complete", _("complete"), (S.IN_USE,), S.COMPLETED, _LAB),
        Transition("no_show", _("mark as no-show"), (S.APPROVED,), S.NO_SHOW, _LAB),
    )
}


class InvalidTransition(lifecycle.InvalidTransition):
    """The action is not possible from the booking's current status (HTTP 409)."""

    transitions = TRANSITIONS
    statuses = S
    refusal = _("A booking that is “%(status)s” cannot be given the action “%(action)s”.")


def ensure_allowed(status: str, action: str) -> Transition:
    """Return the transition for ``action`` or raise ``InvalidTransition``."""
    return lifecycle.ensure_allowed(InvalidTransition, status, action)
