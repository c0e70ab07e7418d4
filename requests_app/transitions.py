"""The request lifecycle as data: which action leads where, from where, for whom.

Services look every move up here and the API builds its action endpoints from
the same table, so the rules live in one place.
"""

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nqi_service import lifecycle
from requests_app.choices import Status


class Party(enum.Enum):
    """Who stands in which relation to a request."""

    STATION = "station"  # staff or manager of the station the request is routed to
    EXPERT = "expert"  # the expert the request is assigned to now
    ENTERPRISE = "enterprise"  # any member of the enterprise that filed it
    ADMIN = "admin"  # a superuser, who runs the network
    SYSTEM = "system"  # the periodic tasks and workers (``actor=None``), never a caller


@dataclass(frozen=True)
class Transition:
    action: str
    verb: Promise
    sources: tuple[Status, ...]
    # The usual target first; ``reopen`` and ``provide_info`` may lead to the second.
    targets: tuple[Status, ...]
    parties: frozenset[Party]
    # Who may act from one source status, where that differs from ``parties``
    # (``request_info``: the station while triaged, the expert once at work).
    parties_by_source: Mapping[Status, frozenset[Party]] = field(default_factory=dict, hash=False)

    def parties_from(self, status: str) -> frozenset[Party]:
        """Return who may take the action from ``status`` (all its parties elsewhere)."""
        return self.parties_by_source.get(status, self.parties)


_STATION_DESK = frozenset({Party.STATION, Party.ADMIN})
_EXPERT = frozenset({Party.EXPERT})

# The actions callers take, each an endpoint ``POST /tickets/{id}/<action>/``.
TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("triage", _("triage"), (Status.SUBMITTED,), (Status.TRIAGED,), _STATION_DESK),
        Transition(
            "transfer",
            _("transfer"),
            (Status.SUBMITTED, Status.TRIAGED),
            (Status.SUBMITTED,),
            _STATION_DESK,
        ),
        Transition(
            "assign",
            _("assign"),
            (Status.TRIAGED, Status.ASSIGNED),
            (Status.ASSIGNED,),
            _STATION_DESK,
        ),
        Transition(
            "accept",
            _("accept"),
            (Status.ASSIGNED,),
            (Status.IN_PROGRESS,),
            _EXPERT,
        ),
        Transition(
            "decline",
            _("decline"),
            (Status.ASSIGNED,),
            (Status.TRIAGED,),
            _EXPERT,
        ),
        Transition(
            "resolve",
            _("resolve"),
            (Status.IN_PROGRESS,),
            (Status.RESOLVED,),
            _EXPERT,
        ),
        Transition(
            "confirm",
            _("confirm"),
            (Status.RESOLVED,),
            (Status.CLOSED,),
            frozenset({Party.ENTERPRISE}),
        ),
        Transition(
            "reopen",
            _("reopen"),
            (Status.RESOLVED,),
            (Status.IN_PROGRESS, Status.TRIAGED),
            frozenset({Party.ENTERPRISE}),
        ),
        Transition(
            "request_info",
            _("request information"),
            (Status.TRIAGED, Status.IN_PROGRESS),
            (Status.AWAITING_INFO,),
            _STATION_DESK | _EXPERT,
            {Status.TRIAGED: _STATION_DESK, Status.IN_PROGRESS: _EXPERT},
        ),
        Transition(
            "provide_info",
            _("provide information"),
            (Status.AWAITING_INFO,),
            # Back to the status it came from (``Ticket.info_requested_from``).
            (Status.IN_PROGRESS, Status.TRIAGED),
            frozenset({Party.ENTERPRISE}),
        ),
        Transition(
            "reject",
            _("reject"),
            (Status.SUBMITTED, Status.TRIAGED),
            (Status.REJECTED,),
            _STATION_DESK,
        ),
        Transition(
            "cancel",
            _("cancel"),
            (Status.SUBMITTED, Status.TRIAGED, Status.ASSIGNED),
            (Status.CANCELLED,),
            frozenset({Party.ENTERPRISE, Party.ADMIN}),
        ),
    )
}


_SYSTEM = frozenset({Party.SYSTEM})

# Moves the system makes on its own; they have no API action and are not in ``allowed``.
SYSTEM_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        # A resolved request the enterprise did not confirm in ``AUTO_CLOSE_AFTER``.
        Transition(
            "auto_close", _("close automatically"), (Status.RESOLVED,), (Status.CLOSED,), _SYSTEM
        ),
        # Nobody eligible for ``ASSIGNMENT_ESCALATE_AFTER``: up to the parent station.
        Transition("escalate", _("escalate"), (Status.TRIAGED,), (Status.TRIAGED,), _SYSTEM),
    )
}

# The whole table: what ``requests_app.services.lifecycle`` checks every status change against.
ALL_TRANSITIONS: dict[str, Transition] = {**TRANSITIONS, **SYSTEM_TRANSITIONS}


class InvalidTransition(lifecycle.InvalidTransition):
    """The action is not possible from the request's current status (HTTP 409)."""

    transitions = TRANSITIONS
    statuses = Status
    refusal = _("A request that is “%(status)s” cannot be given the action “%(action)s”.")


class InvalidSystemTransition(InvalidTransition):
    """A system move the request's status no longer allows (a sweep raced a person)."""

    transitions = ALL_TRANSITIONS


def allowed_actions(status: str) -> list[str]:
    """Return the actions possible from ``status``, whoever asks, in table order."""
    return lifecycle.allowed_actions(TRANSITIONS, status)


def ensure_allowed(status: str, action: str) -> Transition:
    """Return the transition for ``action`` or raise ``InvalidTransition``."""
    refusal = InvalidTransition if action in TRANSITIONS else InvalidSystemTransition
    return lifecycle.ensure_allowed(refusal, status, action)
