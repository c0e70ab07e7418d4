"""Firms a station records before they have a login, and the claim codes that hand them over.

A credit code is public, so only the claim code hands a firm over: at least
ten characters of the credit-code alphabet drawn with ``secrets``, shown once
(in the answer that issues it and on the claim slip), stored as a keyed hash,
valid for ``CLAIM_CODE_VALID_FOR`` (90 days), void after ``ClaimCode.MAX_FAILURES``
wrong tries or when a new one is issued.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from enterprises.choices import EnterpriseEventAction, MemberRole
from enterprises.credit_codes import CREDIT_CODE_ALPHABET
from enterprises.models import ClaimCode, Enterprise, EnterpriseMembership
from enterprises.services.enterprises import create_unique, record_event
from nqi_service.encryption import mask_phone
from nqi_service.errors import DomainConflict
from nqi_service.roles import caller_of
from service_stations.models import ServiceStation
from service_stations.reach import acting_station, ensure_serves

CODE_LENGTH = 10
_HASH_SALT = "enterprises.services.claims.claim_code"


@dataclass(frozen=True)
class IssuedCode:
    """A claim code in clear, as it is shown once, with the slip the station prints."""

    code: str
    expires_at: datetime.datetime
    slip: str


def normalise(code: str) -> str:
    """Return ``code`` as issued: upper case, without the spaces or hyphens people type."""
    return code.upper().replace(" ", "").replace("-", "")


def _hash(code: str) -> str:
    return salted_hmac(_HASH_SALT, normalise(code), algorithm="sha256").hexdigest()


def _issue(*, enterprise: Enterprise, actor, station_name: str) -> IssuedCode:
    now = timezone.now()
    ClaimCode.objects.filter(enterprise=enterprise, used_at=None, voided_at=None).update(
        voided_at=now
    )
    code = "".join(secrets.choice(CREDIT_CODE_ALPHABET) for _n in range(CODE_LENGTH))
    issued = ClaimCode.objects.create(
        enterprise=enterprise,
        code_hash=_hash(code),
        issued_by=actor,
        created_at=now,
        expires_at=now + settings.CLAIM_CODE_VALID_FOR,
    )
    record_event(enterprise=enterprise, action=EnterpriseEventAction.CLAIM_CODE, actor=actor)
    return IssuedCode(
        code, issued.expires_at, claim_slip(enterprise, code, issued.expires_at, station_name)
    )


def claim_slip(enterprise: Enterprise, code: str, expires_at, station_name: str) -> str:
    """Return the claim slip (PIPL notice) the station prints or sends, in Chinese.

    It says what was recorded, why, who sees it, and how the firm takes the
    record over with its claim code.
    """
    expires = timezone.localtime(expires_at).strftime("%Y-%m-%d")
    with translation.override("zh-hans"):
        return _(
            "Claim slip: %(name)s (unified social credit code %(credit_code)s)\n"
            "%(station)s has recorded your firm in the NQI one-stop service to file and "
            "follow quality problems on its behalf. Recorded: name, credit code, region, "
            "industry, size, address, contact person %(contact_name)s and contact phone "
            "%(phone)s. They serve only your firm's quality requests; the station's staff and "
            "the experts working on your requests see them, and every look at the full phone "
            "number is logged.\n"
            "To take the record over, register before %(expires)s with this credit code and "
            "the claim code %(code)s. The code works once and is void after 5 wrong tries; "
            "the station issues a new one on request. Once claimed, you see every request and "
            "visit recorded for your firm, correct the record and download all of its data."
        ) % {
            "name": enterprise.name,
            "credit_code": enterprise.credit_code,
            "station": station_name,
            "contact_name": enterprise.contact_name,
            "phone": mask_phone(enterprise.contact_phone),
            "expires": expires,
            "code": code,
        }


def _station_name(station: ServiceStation | None) -> str:
    if station is not None:
        return station.name
    with translation.override("zh-hans"):
        return _("The service platform")


@transaction.atomic
def enterprise_record(
    *, actor, station: ServiceStation | None = None, **fields
) -> tuple[Enterprise, IssuedCode]:
    """Record a firm with no login yet for the caller's station; return it and its claim code.

    Station staff and managers record firms of the region their station serves
    (a 400 on ``region_code`` otherwise); administrators anywhere.
    """
    if not caller_of(actor).is_admin:
        station = acting_station(actor, station)
    if station is not None:
        ensure_serves(station, fields["region_code"], field="region_code")
    enterprise = create_unique(fields, is_claimed=False)
    record_event(
        enterprise=enterprise,
        action=EnterpriseEventAction.RECORD,
        actor=actor,
        note=station.code if station is not None else "",
    )
    return enterprise, _issue(
        enterprise=enterprise, actor=actor, station_name=_station_name(station)
    )


@transaction.atomic
def claim_code_reissue(*, enterprise: Enterprise, actor) -> IssuedCode:
    """Issue a new claim code for an unclaimed firm, voiding the open one."""
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if enterprise.is_claimed:
        raise DomainConflict(
            _("This enterprise has already been claimed by its own login."),
            code="already_claimed",
        )
    stations = caller_of(actor).station_ids
    station = ServiceStation.objects.get(pk=stations[0]) if len(stations) == 1 else None
    return _issue(enterprise=enterprise, actor=actor, station_name=_station_name(station))


@transaction.atomic
def enterprise_claim(
    *, credit_code: str, claim_code: str, username: str, password: str
) -> tuple[object, Enterprise] | None:
    """Hand the unclaimed firm with ``credit_code`` to a new login if ``claim_code`` is its code.

    Return the new owner and the enterprise, or None when there is no open,
    unexpired code or ``claim_code`` is wrong; a wrong code is counted, and the
    fifth voids it, so the caller lets this transaction commit before refusing.
    """
    from accounts.services import login_create

    now = timezone.now()
    enterprise = (
        Enterprise.objects.select_for_update()
        .filter(credit_code=credit_code, is_claimed=False)
        .first()
    )
    code = (
        ClaimCode.objects.select_for_update()
        .filter(enterprise=enterprise, used_at=None, voided_at=None, expires_at__gt=now)
        .first()
        if enterprise is not None
        else None
    )
    if code is None:
        return None
    if not constant_time_compare(code.code_hash, _hash(claim_code)):
        code.failures += 1
        if code.failures >= ClaimCode.MAX_FAILURES:
            code.voided_at = now
        code.save(update_fields=["failures", "voided_at"])
        return None
    owner = login_create(username=username, password=password)
    EnterpriseMembership.objects.create(user=owner, enterprise=enterprise, role=MemberRole.OWNER)
    enterprise.is_claimed = True
    enterprise.save(update_fields=["is_claimed", "updated_at"])
    code.used_at = now
    code.save(update_fields=["used_at"])
    record_event(enterprise=enterprise, action=EnterpriseEventAction.CLAIM, actor=owner)
    return owner, enterprise
