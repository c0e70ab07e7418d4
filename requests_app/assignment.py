"""The matching engine: filters first, then one chooser that explains its choice.

Eligible experts are available, not on leave today, hold a qualification
for the request's category that has not expired (``standing_rules``), are
below capacity, have not declined the request and do not work for the filing
enterprise (conflict of interest): ``eligibility_rules``, which manual
assignment applies too (``expert_load.ensure_eligible``). Among them the
chooser prefers, in order: an industry match (the expert's industry prefixes
against the enterprise's industry code, or its cluster), the station (the
routed station, then its parent, then the same city), and the lighter load;
the expert id breaks ties.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from requests_app.choices import Category
from requests_app.models import Ticket, TicketDecline
from service_stations.models import Expert, ExpertLeave, ExpertSpecialty

INDUSTRY_DIVISION_LENGTH = 3  # "C34": section letter and two-digit division
CITY_PREFIX_LENGTH = 4


@dataclass(frozen=True)
class Score:
    """How well an expert fits a request; higher industry and station are better."""

    industry: int  # 2: division or finer; 1: section letter or cluster; 0: none
    industry_prefix: str
    station: int  # 3: routed station; 2: its parent; 1: same city; 0: elsewhere
    open_assignments: int
    capacity: int

    @property
    def load(self) -> Fraction:
        return Fraction(self.open_assignments, self.capacity)


STATION_LABELS = {3: "本站", 2: "上级站", 1: "同城", 0: "外地"}


@dataclass(frozen=True)
class Match:
    expert: Expert
    score: Score

    def sort_key(self):
        return (-self.score.industry, -self.score.station, self.score.load, self.expert.pk)

    def reason(self) -> str:
        """Return the score breakdown, in Chinese, for the assignment event."""
        score = self.score
        prefix = f"（{score.industry_prefix}）" if score.industry_prefix else ""
        return (
            f"自动派单：专家 {self.expert.name}（#{self.expert.pk}）；"
            f"行业匹配 {score.industry}/2{prefix}；"
            f"服务站 {score.station}/3（{STATION_LABELS[score.station]}）；"
            f"负载 {score.open_assignments}/{score.capacity}"
        )


def standing_rules(category: str) -> list[tuple[Q, str]]:
    """Return the conditions on the expert alone to take a request in ``category`` today,
    with the reason given when they don't: available, not on leave, holding a
    qualification for it that has not expired. The catalogue counts the experts
    meeting them for each service (``catalogue.stats``)."""
    today = timezone.localdate()
    on_leave = ExpertLeave.objects.filter(
        expert=OuterRef("pk"), starts_on__lte=today, ends_on__gte=today
    )
    qualified = ExpertSpecialty.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        expert=OuterRef("pk"),
        category=category,
    )
    return [
        (Q(is_available=True), _("This expert is not available.")),
        (~Q(Exists(on_leave)), _("This expert is on leave.")),
        (
            Q(Exists(qualified)),
            _("This expert holds no valid qualification for “%(category)s”.")
            % {"category": Category(category).label},
        ),
    ]


def eligibility_rules(ticket: Ticket) -> list[tuple[Q, str]]:
    """Return each condition an expert must meet to take ``ticket``, with the reason
    given when they don't: the standing rules of its category, then not having
    declined it and not working for its enterprise. Automatic and manual
    assignment both apply these; capacity is checked on taking the request
    (``expert_load.take_on``)."""
    declined = TicketDecline.objects.filter(ticket=ticket, expert=OuterRef("pk"))
    return [
        *standing_rules(ticket.category),
        (~Q(Exists(declined)), _("This expert has declined this request.")),
        (
            ~Q(organization=ticket.enterprise.name),
            _("This expert works for the enterprise that filed the request."),
        ),
    ]


def eligible_experts(ticket: Ticket) -> QuerySet[Expert]:
    """Return the experts who may take ``ticket`` now, with their stations prefetched."""
    rules = [condition for condition, _reason in eligibility_rules(ticket)]
    return Expert.objects.filter(*rules, open_assignments__lt=F("capacity")).prefetch_related(
        "stations"
    )


def ineligibility(expert: Expert, ticket: Ticket) -> str | None:
    """Return why ``expert`` may not take ``ticket`` (the first rule they fail), or None."""
    rules = eligibility_rules(ticket)
    checks = {
        f"rule_{index}": ExpressionWrapper(condition, output_field=BooleanField())
        for index, (condition, _reason) in enumerate(rules)
    }
    met = Expert.objects.filter(pk=expert.pk).values(**checks).get()
    return next(
        (reason for index, (_c, reason) in enumerate(rules) if not met[f"rule_{index}"]), None
    )


def industry_score(expert: Expert, ticket: Ticket) -> tuple[int, str]:
    """Return (score, matching prefix) of the expert's industries for the enterprise."""
    code = ticket.enterprise.industry_code
    matches = [p for p in expert.industries if code and code.startswith(p)]
    best = max(matches, key=len, default="")
    if len(best) >= INDUSTRY_DIVISION_LENGTH:
        return 2, best
    cluster = ticket.enterprise.cluster
    cluster_code = cluster.industry_code if cluster else ""
    for prefix in expert.industries:
        if cluster_code and (cluster_code.startswith(prefix) or prefix.startswith(cluster_code)):
            return 1, prefix
    return (1, best) if best else (0, "")


def station_score(expert: Expert, ticket: Ticket) -> int:
    stations = expert.stations.all()
    routed = ticket.station
    if any(s.pk == routed.pk for s in stations):
        return 3
    if routed.parent_id and any(s.pk == routed.parent_id for s in stations):
        return 2
    city = routed.region_code[:CITY_PREFIX_LENGTH]
    if any(s.region_code.startswith(city) for s in stations):
        return 1
    return 0


def score(expert: Expert, ticket: Ticket) -> Score:
    industry, prefix = industry_score(expert, ticket)
    return Score(
        industry=industry,
        industry_prefix=prefix,
        station=station_score(expert, ticket),
        open_assignments=expert.open_assignments,
        capacity=expert.capacity,
    )


def rank(ticket: Ticket, experts: Iterable[Expert]) -> list[Match]:
    """Return a match per expert, best first; the order is deterministic."""
    return sorted((Match(e, score(e, ticket)) for e in experts), key=Match.sort_key)
