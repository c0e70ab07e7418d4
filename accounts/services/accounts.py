"""Writes of accounts: logins, tokens, registration and the network's staff."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from accounts.services.back_office import back_office_sync
from accounts.usernames import (
    TAKEN_MESSAGE,
    username_normalise,
    username_taken,
    validate_username_script,
)
from enterprises.models import Enterprise
from enterprises.services import enterprise_create
from enterprises.services.claims import enterprise_claim
from nqi_service import roles
from nqi_service.errors import DomainConflict
from nqi_service.roles import load_caller
from service_stations.models import ServiceStation, StationMembership, SupervisorScope

User = get_user_model()


@transaction.atomic
def login_create(*, username: str, password: str):
    """Create an active login; a username taken meanwhile (in any case or width, see
    ``usernames``) is a 400 on ``username``, as is one mixing look-alike scripts."""
    username = username_normalise(username)
    try:
        validate_username_script(username)
    except ValidationError as error:
        raise ValidationError({"username": error.messages}) from None
    taken = ValidationError({"username": [TAKEN_MESSAGE]})
    if username_taken(username):
        raise taken
    user = User(username=username)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise taken from None
    return user


@transaction.atomic
def enterprise_register(
    *, username: str, password: str, enterprise: dict
) -> tuple[object, Enterprise, Token]:
    """Create the owner's login, the unverified enterprise and a token, all or nothing."""
    user = login_create(username=username, password=password)
    created = enterprise_create(owner=user, **enterprise)
    return user, created, Token.objects.create(user=user)


def enterprise_claim_register(
    *, username: str, password: str, enterprise: dict, claim_code: str
) -> tuple[object, Enterprise, Token]:
    """Create a login as the owner of the unclaimed firm with the body's credit code.

    A wrong or expired ``claim_code`` is a 400 on ``claim_code``, raised once the
    wrong try is committed, so that it counts towards voiding the code.
    """
    with transaction.atomic():
        claimed = enterprise_claim(
            credit_code=enterprise["credit_code"],
            claim_code=claim_code,
            username=username,
            password=password,
        )
        if claimed is not None:
            owner, firm = claimed
            return owner, firm, Token.objects.create(user=owner)
    raise ValidationError(
        {
            "claim_code": [
                _(
                    "This claim code is wrong, used, void or expired. Check it, or ask the "
                    "service station for a new one."
                )
            ]
        }
    )


@transaction.atomic
def token_issue(*, user) -> Token:
    """Return the user's API token, creating it on first login."""
    token, _created = Token.objects.get_or_create(user=user)
    return token


@transaction.atomic
def token_revoke(*, user) -> None:
    """Delete the user's API token (logout)."""
    Token.objects.filter(user=user).delete()


@transaction.atomic
def password_change(*, user, new_password: str) -> Token:
    """Set a new password and replace the API token, so old copies stop working."""
    user.set_password(new_password)
    user.save(update_fields=["password"])
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    station: ServiceStation | None = None,
    region_code: str | None = None,
):
    """Create station staff, a station manager (at ``station``) or a supervisor
    (over ``region_code``)."""
    user = login_create(username=username, password=password)
    if role == roles.SUPERVISOR:
        SupervisorScope.objects.create(user=user, region_prefix=region_code)
    else:
        StationMembership.objects.create(user=user, station=station, role=role)
        back_office_sync(user)
    return user


@transaction.atomic
def user_set_active(*, user, is_active: bool, by=None):
    """Activate or deactivate a login; deactivating also revokes its token.

    ``by`` (the administrator acting) may not deactivate their own login, so the
    last administrator cannot lock everyone out.
    """
    if not is_active and by is not None and by.pk == user.pk:
        raise DomainConflict(_("You cannot deactivate your own login."), code="self_deactivation")
    user.is_active = is_active
    user.save(update_fields=["is_active"])
    if not is_active:
        Token.objects.filter(user=user).delete()
    return user


@transaction.atomic
def user_deactivate_if_roleless(*, user) -> None:
    """Deactivate ``user`` when no membership, expert record or scope is left."""
    if not load_caller(user).roles:
        user_set_active(user=user, is_active=False)


@transaction.atomic
def user_set_station_memberships(*, user, memberships: list[tuple[ServiceStation, str]]):
    """Make ``memberships`` (station, role) the user's station memberships, exactly."""
    wanted = {station.pk: role for station, role in memberships}
    current = StationMembership.objects.select_for_update().filter(user=user)
    current.exclude(station_id__in=wanted).delete()
    for station_id, role in wanted.items():
        StationMembership.objects.update_or_create(
            user=user, station_id=station_id, defaults={"role": role}
        )
    back_office_sync(user)
    return user
