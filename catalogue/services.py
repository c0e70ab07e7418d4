"""Writes of the catalogue: services and the stations offering them."""

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from catalogue.models import Service
from requests_app.choices import Category
from service_stations.models import ServiceStation, StationService


def service_save(
    *,
    service: Service | None = None,
    code: str,
    name: str,
    element: str,
    kind: str,
    working_days: int,
    stations: Iterable[ServiceStation],
    description: str = "",
    fee: Decimal | None = None,
) -> Service:
    """Add a service to the catalogue, or change ``service``, offered at ``stations``.

    Each station must offer the element; requests already filed for the
    service keep their due dates.
    """
    service = service or Service()
    stations = list(stations)
    _ensure_stations_offer(stations, element)
    with transaction.atomic():
        service.code = code
        service.name = name
        service.element = element
        service.kind = kind
        service.working_days = working_days
        service.description = description
        service.fee = fee
        service.full_clean()
        service.save()
        service.stations.set(stations)
    return service


def _ensure_stations_offer(stations: list[ServiceStation], element: str) -> None:
    """Refuse a station that does not offer the service's element (its requests would be
    in a category the station does not take)."""
    offering = set(
        StationService.objects.filter(station__in=stations, category=element).values_list(
            "station_id", flat=True
        )
    )
    missing = [station.name for station in stations if station.pk not in offering]
    if missing:
        raise ValidationError(
            {
                "stations": _("%(stations)s do not offer “%(element)s”.")
                % {"stations": "、".join(missing), "element": Category(element).label}
            }
        )
