"""Writes of enterprises: one transaction each, with an event in the audit trail."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises.choices import EnterpriseEventAction, MemberRole
from enterprises.models import CapabilityRecord, Enterprise, EnterpriseEvent, EnterpriseMembership
from nqi_service.errors import DomainConflict
from nqi_service.roles import caller_of
from stats.tasks import stats_mark_enterprise_dirty

# The fields the statistics' roll-ups count requests by (scope and capability baseline).
STATS_FIELDS = frozenset({"region_code", "has_lab", "in_standard_setting", "equipment_utilisation"})
# The capability profile: each change is kept, dated (``CapabilityRecord``).
CAPABILITY_FIELDS = ("in_standard_setting", "has_lab", "equipment_utilisation")


def record_event(*, enterprise: Enterprise, action: str, actor, note: str = "") -> None:
    """Append an entry to ``enterprise``'s audit trail (inside the caller's transaction)."""
    EnterpriseEvent.objects.create(enterprise=enterprise, action=action, actor=actor, note=note)


@transaction.atomic
def enterprise_create(*, owner, **fields) -> Enterprise:
    """Create an unverified enterprise with ``owner`` as its owner."""
    enterprise = create_unique(fields)
    EnterpriseMembership.objects.create(user=owner, enterprise=enterprise, role=MemberRole.OWNER)
    record_event(enterprise=enterprise, action=EnterpriseEventAction.REGISTER, actor=owner)
    return enterprise


def create_unique(fields: dict, **extra) -> Enterprise:
    """Create an unverified enterprise from ``fields`` (inside the caller's transaction).

    A credit code already registered is a conflict, also when another request
    registers it at the same moment (the unique constraint decides).
    """
    fields = {name: value for name, value in fields.items() if name != "is_verified"}
    try:
        with transaction.atomic():
            return Enterprise.objects.create(**fields, **extra)
    except IntegrityError:
        existing = Enterprise.objects.filter(credit_code=fields.get("credit_code"))
        claimed = existing.values_list("is_claimed", flat=True).first()
        if claimed is None:
            raise
        raise DomainConflict(
            _(
                "This unified social credit code is already registered. Ask the "
                "enterprise's owner to invite you, or contact a service station."
            )
            if claimed
            else _(
                "A service station has already recorded this enterprise. Register with the "
                "claim code on the claim slip the station gave you to take the record over."
            ),
            code="duplicate_credit_code",
        ) from None


@transaction.atomic
def enterprise_update(*, enterprise: Enterprise, actor, **changes) -> Enterprise:
    """Change the profile fields in ``changes`` and record which ones changed.

    Only an administrator moves an enterprise to another region: its requests move
    with it to other supervisors. A change of what the statistics count by (region,
    capability profile) recounts the enterprise's requests once committed.
    """
    changed = sorted(name for name, value in changes.items() if getattr(enterprise, name) != value)
    if not changed:
        return enterprise
    if "region_code" in changed and not caller_of(actor).is_admin:
        raise PermissionDenied(
            _(
                "Only an administrator can change the enterprise's region: its requests "
                "would move to another region's supervisors. Contact your service station."
            )
        )
    profile_changed = not set(CAPABILITY_FIELDS).isdisjoint(changed)
    if profile_changed:
        _keep_baseline(enterprise)
    for name in changed:
        setattr(enterprise, name, changes[name])
    _save_changes(enterprise, actor=actor, changed=changed)
    if profile_changed:
        _record_profile(enterprise, actor=actor, as_of=timezone.localdate())
    return enterprise


def _save_changes(enterprise: Enterprise, *, actor, changed: list[str]) -> None:
    enterprise.save(update_fields=[*changed, "updated_at"])
    record_event(
        enterprise=enterprise,
        action=EnterpriseEventAction.UPDATE,
        actor=actor,
        note=", ".join(changed),
    )
    if STATS_FIELDS.intersection(changed):
        stats_mark_enterprise_dirty(enterprise.pk)


def _record_profile(enterprise: Enterprise, *, actor, as_of: datetime.date) -> CapabilityRecord:
    """Keep the enterprise's capability fields as its record of ``as_of``."""
    return CapabilityRecord.objects.create(
        enterprise=enterprise,
        as_of=as_of,
        in_standard_setting=enterprise.in_standard_setting,
        has_lab=enterprise.has_lab,
        equipment_utilisation=enterprise.equipment_utilisation,
        recorded_by=actor,
    )


def _keep_baseline(enterprise: Enterprise) -> None:
    """Before the first dated change, keep what the profile said until then, as of
    the day the enterprise was registered (nobody recorded it: ``recorded_by`` null)."""
    if not enterprise.capability_records.exists():
        _record_profile(enterprise, actor=None, as_of=timezone.localdate(enterprise.created_at))


@transaction.atomic
def capability_record(
    *,
    enterprise: Enterprise,
    actor,
    as_of: datetime.date,
    in_standard_setting: bool,
    has_lab: bool,
    equipment_utilisation: int | None,
) -> CapabilityRecord:
    """Keep the enterprise's capability profile as of ``as_of``.

    The record with the latest date is the profile now: the enterprise's own
    fields take its values (an audit entry, the statistics recounted). A record
    dated before the latest only fills in the history.
    """
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    _keep_baseline(enterprise)
    record = CapabilityRecord.objects.create(
        enterprise=enterprise,
        as_of=as_of,
        in_standard_setting=in_standard_setting,
        has_lab=has_lab,
        equipment_utilisation=equipment_utilisation,
        recorded_by=actor,
    )
    if not enterprise.capability_records.filter(as_of__gt=as_of).exists():
        profile = {
            "in_standard_setting": in_standard_setting,
            "has_lab": has_lab,
            "equipment_utilisation": equipment_utilisation,
        }
        changed = [name for name in CAPABILITY_FIELDS if getattr(enterprise, name) != profile[name]]
        for name in changed:
            setattr(enterprise, name, profile[name])
        if changed:
            _save_changes(enterprise, actor=actor, changed=changed)
    return record


@transaction.atomic
def enterprise_verify(*, enterprise: Enterprise, actor, note: str = "") -> Enterprise:
    """Mark the enterprise verified; verifying twice is a conflict."""
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if enterprise.is_verified:
        raise DomainConflict(_("This enterprise is already verified."), code="already_verified")
    enterprise.is_verified = True
    enterprise.save(update_fields=["is_verified", "updated_at"])
    record_event(enterprise=enterprise, action=EnterpriseEventAction.VERIFY, actor=actor, note=note)
    return enterprise


@transaction.atomic
def member_invite(*, enterprise: Enterprise, actor, username: str, password: str):
    """Create a login for a colleague and make it a member of ``enterprise``."""
    from accounts.services import login_create

    user = login_create(username=username, password=password)
    membership = EnterpriseMembership.objects.create(
        user=user, enterprise=enterprise, role=MemberRole.MEMBER
    )
    record_event(
        enterprise=enterprise, action=EnterpriseEventAction.ADD_MEMBER, actor=actor, note=username
    )
    return membership


@transaction.atomic
def member_remove(*, enterprise: Enterprise, actor, user) -> None:
    """Remove ``user`` from ``enterprise``; a login left with no role is deactivated.

    Owners are not removed: the enterprise would be left without one.
    """
    from accounts.services import user_deactivate_if_roleless

    membership = EnterpriseMembership.objects.select_for_update().get(
        enterprise=enterprise, user=user
    )
    if membership.role == MemberRole.OWNER:
        raise DomainConflict(
            _("The owner of an enterprise cannot be removed."), code="owner_not_removable"
        )
    membership.delete()
    user_deactivate_if_roleless(user=user)
    record_event(
        enterprise=enterprise,
        action=EnterpriseEventAction.REMOVE_MEMBER,
        actor=actor,
        note=user.get_username(),
    )
