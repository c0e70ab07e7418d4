"""Writes of the service network: stations and experts, one transaction each."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nqi_service.roles import caller_of
from service_stations.models import Expert, ServiceStation
from service_stations.selectors import stations_managed_by


def _set_categories(rows, categories: Iterable[str]) -> None:
    """Make the category rows of a related manager (``station.services``,
    ``expert.specialties``) exactly ``categories``."""
    wanted = set(categories)
    rows.exclude(category__in=wanted).delete()
    held = set(rows.values_list("category", flat=True))
    owner = {rows.field.name: rows.instance}
    rows.model.objects.bulk_create(
        [rows.model(**owner, category=category) for category in sorted(wanted - held)]
    )


def _check_parent(station: ServiceStation | None, parent: ServiceStation | None) -> None:
    """Refuse a parent that is the station itself or one of its descendants."""
    ancestor = parent
    while ancestor is not None and station is not None:
        if ancestor.pk == station.pk:
            raise ValidationError({"parent": [_("A station cannot be placed under itself.")]})
        ancestor = ancestor.parent


@transaction.atomic
def station_create(*, services: Iterable[str] = (), **fields) -> ServiceStation:
    """Create a station offering ``services`` (request categories)."""
    station = ServiceStation.objects.create(**fields)
    _set_categories(station.services, services)
    return station


@transaction.atomic
def station_update(
    *, station: ServiceStation, services: Iterable[str] | None = None, **changes
) -> ServiceStation:
    """Change the station's fields in ``changes`` and, when given, its services."""
    _check_parent(station, changes.get("parent", station.parent))
    for name, value in changes.items():
        setattr(station, name, value)
    station.save()
    if services is not None:
        _set_categories(station.services, services)
    return station


def _check_station_rights(actor, stations: set[ServiceStation]) -> None:
    """Refuse a manager touching stations they do not manage."""
    if caller_of(actor).is_admin:
        return
    managed = set(stations_managed_by(actor))
    if not stations or not stations <= managed:
        raise ValidationError(
            {"stations": [_("Choose at least one station, and only stations you manage.")]}
        )


@transaction.atomic
def expert_create(
    *,
    actor,
    specialties: Iterable[str] = (),
    stations: Iterable[ServiceStation] = (),
    username: str | None = None,
    password: str | None = None,
    **fields,
) -> Expert:
    """Create an expert, with a login when ``username`` and ``password`` are given.

    Station managers create experts only at stations they manage.
    """
    from accounts.services import login_create

    stations = set(stations)
    _check_station_rights(actor, stations)
    if username:
        fields["user"] = login_create(username=username, password=password)
    expert = Expert.objects.create(**fields)
    expert.stations.set(stations)
    _set_categories(expert.specialties, specialties)
    return expert


def expert_check_capacity(*, expert: Expert, capacity: int) -> None:
    """Refuse a ``capacity`` below the expert's open assignments (on ``capacity``)."""
    if capacity < expert.open_assignments:
        raise ValidationError(
            {
                "capacity": [
                    _("Capacity cannot be below the expert's %(open)d open assignments.")
                    % {"open": expert.open_assignments}
                ]
            }
        )


@transaction.atomic
def expert_update(
    *,
    expert: Expert,
    actor,
    specialties: Iterable[str] | None = None,
    stations: Iterable[ServiceStation] | None = None,
    **changes,
) -> Expert:
    """Change the expert's fields in ``changes``, specialties and stations.

    The row is locked so that ``capacity`` is compared with the open
    assignments as they are, not as they were read.
    """
    expert = Expert.objects.select_for_update().get(pk=expert.pk)
    expert_check_capacity(expert=expert, capacity=changes.get("capacity", expert.capacity))
    if stations is not None:
        stations = set(stations)
        changed = stations ^ set(expert.stations.all())
        if changed:
            _check_station_rights(actor, changed)
        expert.stations.set(stations)
    for name, value in changes.items():
        setattr(expert, name, value)
    expert.save()
    if specialties is not None:
        _set_categories(expert.specialties, specialties)
    return expert
