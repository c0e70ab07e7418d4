"""Lifecycles as data: what every transition table shares (requests, bookings).

An app keeps its own table, ``{action: transition}``, each transition with
its ``sources`` (the statuses it starts from) and ``verb`` (its translated
name), and subclasses ``InvalidTransition`` with its table, statuses and the
sentence of a refusal.
"""

from collections.abc import Mapping
from typing import Any, ClassVar

from django.db import models
from django.utils.functional import Promise

from nqi_service.errors import DomainConflict


class InvalidTransition(DomainConflict):
    """The action is not possible from the current status (HTTP 409), listing those that are."""

    code = "invalid_transition"
    transitions: ClassVar[Mapping[str, Any]]
    statuses: ClassVar[type[models.TextChoices]]
    # "… “%(status)s” … “%(action)s” …", translated when raised.
    refusal: ClassVar[Promise]

    def __init__(self, *, status: str, action: str):
        super().__init__(
            str(self.refusal)
            % {"status": self.statuses(status).label, "action": self.transitions[action].verb},
            status=status,
            allowed=allowed_actions(self.transitions, status),
        )


def allowed_actions(transitions: Mapping[str, Any], status: str) -> list[str]:
    """Return the actions of ``transitions`` possible from ``status``, in table order."""
    return [name for name, t in transitions.items() if status in t.sources]


def ensure_allowed(refusal: type[InvalidTransition], status: str, action: str):
    """Return the transition for ``action`` from ``status``, or raise ``refusal``."""
    transition = refusal.transitions[action]
    if status not in transition.sources:
        raise refusal(status=status, action=action)
    return transition
