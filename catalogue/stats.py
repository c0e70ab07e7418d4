"""The experts behind each service: ``GET /api/v1/stats/services/``.

A service's ``eligible_experts`` are the experts automatic assignment would
consider today for a request of it, by the engine's own standing rules
(``requests_app.assignment.standing_rules``: available, not on leave,
holding a valid qualification for the service's element), wherever they
work, as assignment takes them; ``free_experts`` are those of them below
capacity now. A service at zero has requests that will wait and escalate.
"""

from django.db.models import Count, Exists, F, OuterRef, Q

from catalogue.models import Service
from requests_app.assignment import standing_rules
from service_stations.models import Expert
from stats.scope import Selection


def service_table(selection: Selection, *, kind: str | None = None) -> list[dict]:
    """Return a row per service offered by a station in ``selection``'s scope, by element and code.

    Three queries whatever the number of services: the services, their
    stations, and one count of the experts for every element.
    """
    services = Service.objects.filter(_offered_in(selection)).prefetch_related("stations")
    if selection.category:
        services = services.filter(element=selection.category)
    if kind:
        services = services.filter(kind=kind)
    services = list(services.order_by("element", "code"))
    counts = _experts_by_element({service.element for service in services})
    return [
        {
            "pk": service.pk,
            "code": service.code,
            "name": service.name,
            "element": service.element,
            "kind": service.kind,
            "stations": sorted(station.pk for station in service.stations.all()),
            **counts[service.element],
        }
        for service in services
    ]


def _offered_in(selection: Selection) -> Q:
    scope = selection.scope
    offers = Service.stations.through.objects.filter(service=OuterRef("pk"))
    if scope.stations is not None:
        offers = offers.filter(servicestation__in=scope.stations)
    if scope.region:
        offers = offers.filter(servicestation__region_code__startswith=scope.region)
    return Q(Exists(offers))


def _experts_by_element(elements: set[str]) -> dict[str, dict[str, int]]:
    """Return, for each element, the experts meeting its standing rules and those below capacity."""
    if not elements:
        return {}
    below_capacity = Q(open_assignments__lt=F("capacity"))
    aggregates = {}
    for element in sorted(elements):
        eligible = Q(*(condition for condition, _reason in standing_rules(element)))
        aggregates[f"{element}_eligible"] = Count("pk", filter=eligible)
        aggregates[f"{element}_free"] = Count("pk", filter=eligible & below_capacity)
    counts = Expert.objects.aggregate(**aggregates)
    return {
        element: {
            "eligible_experts": counts[f"{element}_eligible"],
            "free_experts": counts[f"{element}_free"],
        }
        for element in elements
    }
