"""The enrolment lifecycle as data: action -> (statuses it starts from, status it leads to)."""

from django.utils.translation import gettext

from nqi_service.errors import DomainConflict
from training.choices import EnrolmentStatus as S

TRANSITIONS = {
    "promote": ((S.WAITING,), S.ENROLLED),
    "cancel": ((S.ENROLLED, S.WAITING), S.CANCELLED),
    "attend": ((S.ENROLLED, S.ABSENT), S.ATTENDED),
    "miss": ((S.ENROLLED,), S.ABSENT),
}


def allowed_actions(status: str) -> list[str]:
    """Return the actions possible from ``status``, whoever asks, in table order."""
    return [action for action, (sources, _target) in TRANSITIONS.items() if status in sources]


class InvalidEnrolmentTransition(DomainConflict):
    """The action is not possible from the enrolment's current status (HTTP 409)."""

    code = "invalid_transition"

    def __init__(self, *, status: str, action: str):
        super().__init__(
            gettext("An enrolment that is “%(status)s” cannot be given the action “%(action)s”.")
            % {"status": S(status).label, "action": action},
            status=status,
            allowed=allowed_actions(status),
        )


def next_status(status: str, action: str) -> str:
    """Return the status ``action`` leads to from ``status``, or raise the 409."""
    sources, target = TRANSITIONS[action]
    if status not in sources:
        raise InvalidEnrolmentTransition(status=status, action=action)
    return target
