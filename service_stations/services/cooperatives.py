"""Writes of the cooperatives: membership moves, sampling inspections, alerts.

Membership moves follow ``TRANSITIONS``; an impossible move is a 409 listing
the moves possible from the current status. After each inspection the
cooperative's rolling pass rate (the ``ROLLING_DAYS`` days ending today,
Asia/Shanghai) is compared with its target: falling under it records one
``CooperativeAlert`` and tells the managers; a new alert needs the rate to
have come back to the target first (which closes the open alert).
"""

import datetime
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.services import notify_users
from nqi_service.errors import DomainConflict
from requests_app.choices import Category, Urgency
from service_stations.choices import MembershipAction as A
from service_stations.choices import MembershipStatus as S
from service_stations.choices import StationKind, StationRole
from service_stations.models import (
    CooperativeAlert,
    CooperativeMembership,
    CooperativeMembershipEvent,
    SamplingInspection,
    ServiceStation,
)

ROLLING_DAYS = 90

# action -> (statuses it may start from, status it leads to); "" is "never joined".
TRANSITIONS = {
    A.JOIN: (("", S.REFUSED, S.LEFT), S.PENDING),
    A.APPROVE: ((S.PENDING,), S.ACTIVE),
    A.REFUSE: ((S.PENDING,), S.REFUSED),
    A.SUSPEND: ((S.ACTIVE,), S.SUSPENDED),
    A.REINSTATE: ((S.SUSPENDED,), S.ACTIVE),
    A.LEAVE: ((S.PENDING, S.ACTIVE, S.SUSPENDED), S.LEFT),
}
MANAGER_ACTIONS = (A.APPROVE, A.REFUSE, A.SUSPEND, A.REINSTATE)
MEMBER_ACTIONS = (A.JOIN, A.LEAVE)


def allowed_actions(status: str) -> list[str]:
    """Return the moves possible from ``status``, whoever the caller is."""
    return [action for action, (sources, _to) in TRANSITIONS.items() if status in sources]


class InvalidMembershipTransition(DomainConflict):
    code = "invalid_membership_transition"

    def __init__(self, status: str, action: str):
        super().__init__(
            _("A membership in status %(status)s cannot %(action)s.")
            % {"status": status or "none", "action": action},
            status=status or None,
            allowed=allowed_actions(status),
        )


def _move(membership, *, action, actor, reason="", at) -> CooperativeMembership:
    sources, target = TRANSITIONS[action]
    if membership.status not in sources:
        raise InvalidMembershipTransition(membership.status, action)
    if action == A.SUSPEND and not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the suspension.")]})
    CooperativeMembershipEvent.objects.create(
        membership=membership,
        action=action,
        from_status=membership.status,
        to_status=target,
        actor=actor,
        note=reason,
        created_at=at,
    )
    membership.status = target
    membership.updated_at = at
    membership.save(update_fields=["status", "updated_at"])
    return membership


def membership_join(
    *, cooperative: ServiceStation, enterprise, actor, at: datetime.datetime | None = None
) -> CooperativeMembership:
    """Ask for ``enterprise`` to join ``cooperative``; first time or again after leaving."""
    at = at or timezone.now()
    if cooperative.kind != StationKind.COOPERATIVE or not cooperative.is_active:
        raise ValidationError({"cooperative": [_("Only an active cooperative takes members.")]})
    with transaction.atomic():
        membership, created = CooperativeMembership.objects.select_for_update().get_or_create(
            cooperative=cooperative,
            enterprise=enterprise,
            defaults={"status": "", "created_at": at, "updated_at": at},
        )
        return _move(membership, action=A.JOIN, actor=actor, at=at)


def membership_move(
    *,
    membership: CooperativeMembership,
    action: str,
    actor,
    reason: str = "",
    at: datetime.datetime | None = None,
) -> CooperativeMembership:
    """Approve, refuse, suspend, reinstate or end ``membership``."""
    at = at or timezone.now()
    with transaction.atomic():
        locked = CooperativeMembership.objects.select_for_update().get(pk=membership.pk)
        return _move(locked, action=action, actor=actor, reason=reason, at=at)


def was_active_member(*, cooperative, enterprise, on: datetime.date) -> bool:
    """Return whether ``enterprise`` was an active member of ``cooperative`` on the day ``on``."""
    day_end = datetime.datetime.combine(
        on + datetime.timedelta(days=1), datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    last = (
        CooperativeMembershipEvent.objects.filter(
            membership__cooperative=cooperative,
            membership__enterprise=enterprise,
            created_at__lt=day_end,
        )
        .order_by("-created_at", "-id")
        .values_list("to_status", flat=True)
        .first()
    )
    return last == S.ACTIVE


# Also what a body naming an unknown enterprise is told: a caller can't tell
# an enterprise that exists elsewhere from one that does not exist.
NOT_AN_ACTIVE_MEMBER = gettext_lazy("The enterprise was not an active member on that day.")


def _check_inspection(*, cooperative, enterprise, batch, sampled_on, passed, defects, today):
    errors = {}
    if not batch.strip():
        errors["batch"] = [_("Give the batch number.")]
    if sampled_on > today:
        errors["sampled_on"] = [_("A sample cannot be taken in the future.")]
    elif not was_active_member(cooperative=cooperative, enterprise=enterprise, on=sampled_on):
        errors["enterprise"] = [NOT_AN_ACTIVE_MEMBER]
    if passed and defects:
        errors["defect_categories"] = [_("A passed sample has no defects.")]
    if errors:
        raise ValidationError(errors)


def inspection_record(
    *,
    cooperative: ServiceStation,
    enterprise,
    product: str,
    batch: str,
    sampled_on: datetime.date,
    passed: bool,
    inspector,
    defect_categories: list[str] = (),
    at: datetime.datetime | None = None,
) -> SamplingInspection:
    """Record a sampling inspection of a member's batch, then check the target."""
    at = at or timezone.now()
    defects = [d.strip() for d in defect_categories if d.strip()]
    with transaction.atomic():
        cooperative = ServiceStation.objects.select_for_update().get(pk=cooperative.pk)
        _check_inspection(
            cooperative=cooperative,
            enterprise=enterprise,
            batch=batch,
            sampled_on=sampled_on,
            passed=passed,
            defects=defects,
            today=timezone.localdate(at),
        )
        inspection = SamplingInspection.objects.create(
            cooperative=cooperative,
            enterprise=enterprise,
            product=product,
            batch=batch.strip(),
            sampled_on=sampled_on,
            passed=passed,
            defect_categories=defects,
            inspector=inspector,
            created_at=at,
        )
        _check_target(cooperative, inspection=inspection, at=at)
    return inspection


def rolling_window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Return the first and last sampling days of the rolling pass rate on ``today``."""
    return today - datetime.timedelta(days=ROLLING_DAYS - 1), today


def pass_rate(counts: dict) -> Fraction | None:
    """Return the exact pass rate of ``{"inspected", "passed"}``; None when none inspected."""
    if not counts["inspected"]:
        return None
    return Fraction(counts["passed"], counts["inspected"])


def is_under_target(rate: Fraction | None, target) -> bool:
    """Return whether a pass rate falls under the (decimal) target; no rate is not under."""
    return rate is not None and rate < Fraction(target)


def rolling_pass_rate(cooperative, *, today: datetime.date) -> Fraction | None:
    """Return the pass rate of the ``ROLLING_DAYS`` days ending ``today``; None when none."""
    from service_stations.selectors import pass_rate_counts

    date_from, date_to = rolling_window(today)
    return pass_rate(
        pass_rate_counts(
            SamplingInspection.objects.filter(cooperative=cooperative),
            date_from=date_from,
            date_to=date_to,
        )
    )


def _check_target(cooperative, *, inspection, at) -> None:
    rate = rolling_pass_rate(cooperative, today=timezone.localdate(at))
    target = Fraction(cooperative.pass_rate_target)
    open_alert = cooperative.alerts.filter(recovered_at__isnull=True).first()
    if rate is None:
        return
    if not is_under_target(rate, target):
        if open_alert is not None:
            open_alert.recovered_at = at
            open_alert.save(update_fields=["recovered_at"])
        return
    if open_alert is not None:
        return
    CooperativeAlert.objects.create(
        cooperative=cooperative,
        inspection=inspection,
        pass_rate=round(float(rate), 3),
        target=cooperative.pass_rate_target,
        created_at=at,
    )
    managers = cooperative.memberships.filter(role=StationRole.MANAGER)
    with translation.override("zh-hans"):
        title = _("%(name)s: pass rate under target") % {"name": cooperative.name}
        body = _(
            "The pass rate of the last %(days)d days is %(rate).1f %%, under the target of "
            "%(target).1f %%."
        ) % {"days": ROLLING_DAYS, "rate": float(rate) * 100, "target": float(target) * 100}
    notify_users(user_ids=managers.values_list("user_id", flat=True), title=title, body=body)


def inspection_open_request(
    *,
    inspection: SamplingInspection,
    actor,
    category: str = Category.INSPECTION,
    urgency: str = Urgency.NORMAL,
):
    """File a quality-problem request for the member of a failed inspection.

    It goes to the cooperative when it offers ``category``, else it is routed.
    """
    from requests_app.services import ticket_file

    with transaction.atomic():
        inspection = SamplingInspection.objects.select_for_update().get(pk=inspection.pk)
        if inspection.passed:
            raise DomainConflict(
                _("The sample passed; there is no problem to solve."), code="inspection_passed"
            )
        if inspection.ticket_id is not None:
            raise DomainConflict(
                _("A request is already open for this inspection."),
                code="request_already_opened",
                ticket=inspection.ticket_id,
            )
        cooperative = inspection.cooperative
        offers = cooperative.is_active and cooperative.services.filter(category=category).exists()
        with translation.override("zh-hans"):
            title = _("Failed sampling inspection: %(product)s, batch %(batch)s") % {
                "product": inspection.product,
                "batch": inspection.batch,
            }
            description = _("Sampled on %(date)s; defects: %(defects)s.") % {
                "date": inspection.sampled_on.isoformat(),
                "defects": "、".join(inspection.defect_categories) or "-",
            }
        ticket = ticket_file(
            enterprise=inspection.enterprise,
            filed_by=actor,
            title=title,
            description=description,
            category=category,
            urgency=urgency,
            station=cooperative if offers else None,
        )
        inspection.ticket = ticket
        inspection.save(update_fields=["ticket"])
    return ticket
