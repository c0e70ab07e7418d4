"""Which enterprises a station's staff act for at the doorstep (API.md "Doorstep").

A station serves the region its own code names, without the trailing ``00``
pairs that only pad a city or province code to six digits: 420100 (Wuhan)
serves 4201…, 420102 (江岸区) serves 420102 only. Staff file for, record and
visit the enterprises whose region code starts with it.
"""

from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from nqi_service.roles import caller_of
from service_stations.models import ServiceStation


def station_region(region_code: str) -> str:
    """Return the region prefix a station with ``region_code`` serves (420100 → 4201)."""
    region = region_code
    while len(region) > 2 and region.endswith("00"):
        region = region[:-2]
    return region


def ensure_serves(station: ServiceStation, region_code: str, *, field: str) -> None:
    """Refuse, as a 400 on ``field``, an enterprise region outside ``station``'s."""
    if not region_code.startswith(station_region(station.region_code)):
        raise ValidationError(
            {field: _("This enterprise is outside the region your service station serves.")}
        )


def acting_station(user, station: ServiceStation | None, *, field: str = "station"):
    """Return the station ``user`` acts for: ``station`` if it is theirs, else their only one.

    A station that is not the caller's, or none given while they work at
    several, is a 400 on ``field``.
    """
    own = caller_of(user).station_ids
    if station is None:
        if len(own) != 1:
            raise ValidationError({field: _("You work at several stations; choose one.")})
        return ServiceStation.objects.get(pk=own[0])
    if station.pk not in own:
        raise ValidationError({field: _("You do not work at this service station.")})
    return station


def serves(station_ids, region_code: str) -> bool:
    """Return whether one of the stations ``station_ids`` serves ``region_code``."""
    codes = ServiceStation.objects.filter(pk__in=station_ids).values_list("region_code", flat=True)
    return any(region_code.startswith(station_region(code)) for code in codes)


def served_by_stations_q(station_ids, *, field: str = "region_code") -> Q:
    """Return the condition on ``field`` (a region code) of the regions these stations serve."""
    codes = ServiceStation.objects.filter(pk__in=station_ids).values_list("region_code", flat=True)
    prefixes = {station_region(code) for code in codes}
    if not prefixes:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__startswith": prefix}) for prefix in prefixes))
