"""The network's effect on firms' capability: the shares of the 2021 survey of SMEs,
now and at the firms' first records.

The firms of a statistics scope are those of its region (supervisors) or those
its stations serve (station staff: the firms of the regions their stations act
for, and those that filed with them). A firm's profile now is its own fields
(its latest record); its first record is the earliest dated one, or, for a firm
with none, its profile now (nothing earlier is known). Equipment is highly
utilised from 60 % of the time; an unknown utilisation is not high.
"""

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models import F as Field

from enterprises.models import CapabilityRecord, Enterprise
from service_stations.reach import served_by_stations_q
from stats.scope import Selection

# The 2021 national survey of SMEs behind the one-stop policy: 19.4 % took part in
# standard setting, 57 % have an in-house lab (43 % have none), 11.1 % use their
# test equipment 60 % of the time or more.
NATIONAL_SURVEY = {"standard_setting": 0.194, "lab": 0.57, "high_utilisation": 0.111}
HIGH_UTILISATION = 60
SHARES = {
    "standard_setting": ("in_standard_setting", lambda field: Q(**{field: True})),
    "lab": ("has_lab", lambda field: Q(**{field: True})),
    "high_utilisation": (
        "equipment_utilisation",
        lambda field: Q(**{f"{field}__gte": HIGH_UTILISATION}),
    ),
}


def firms_in_scope(selection: Selection) -> QuerySet[Enterprise]:
    """Return the firms the selection's scope counts."""
    from requests_app.models import Ticket

    scope = selection.scope
    firms = Enterprise.objects.all()
    if scope.region:
        firms = firms.filter(region_code__startswith=scope.region)
    if scope.stations is not None:
        filed = Exists(Ticket.objects.filter(enterprise=OuterRef("pk"), station__in=scope.stations))
        firms = firms.filter(served_by_stations_q(scope.stations) | filed)
    return firms


def capability_shares(selection: Selection) -> dict:
    """Return each share now and at the firms' first records, with the change and
    the national figure, for the firms of ``selection``'s scope."""
    records = CapabilityRecord.objects.filter(enterprise=OuterRef("pk"))
    first = records.order_by("as_of", "id")
    kept = Exists(records)
    firms = firms_in_scope(selection).annotate(
        **{
            f"first_{field}": Case(
                When(kept, then=Subquery(first.values(field)[:1])),
                default=Field(field),
                output_field=IntegerField() if field == "equipment_utilisation" else BooleanField(),
            )
            for field, _condition in SHARES.values()
        },
        records=Subquery(
            records.order_by().values("enterprise").annotate(n=Count("pk")).values("n")
        ),
    )
    counts = firms.aggregate(
        enterprises=Count("pk"),
        enterprises_with_history=Count("pk", filter=Q(records__gt=1)),
        **{
            f"{name}_{when}": Count("pk", filter=condition(prefix + field))
            for name, (field, condition) in SHARES.items()
            for when, prefix in (("now", ""), ("first_record", "first_"))
        },
    )
    total = counts["enterprises"]
    return {
        "enterprises": total,
        "enterprises_with_history": counts["enterprises_with_history"],
        **{name: _share(counts, name, total) for name in SHARES},
    }


def _share(counts: dict, name: str, total: int) -> dict:
    if not total:
        return {
            "now": None,
            "first_record": None,
            "change": None,
            "national": NATIONAL_SURVEY[name],
        }
    now, first = counts[f"{name}_now"], counts[f"{name}_first_record"]
    return {
        "now": round(now / total, 4),
        "first_record": round(first / total, 4),
        "change": round((now - first) / total, 4),
        "national": NATIONAL_SURVEY[name],
    }
