"""Two symmetric worlds for the authorisation matrix: ours and theirs.

Each side has a login for every role of API.md (the tests call from our side
and use theirs as the control), an enterprise (its owner and a colleague), a
station that is also a cooperative (staff and a manager), an expert working
there, requests in every status an action starts from, public and internal
comments, an attachment, an active cooperative membership with a failed
inspection, a doorstep visit with a finding, a catalogue service of its
station with a diagnosis request resolved with its report (and its
follow-up), a notification for each of its
people, a lab with an instrument and its bookings, and a course of the station
whose session has the enterprise's employees enrolled, one with a certificate;
the statistics roll-ups count them all. Each side's supervisor has a region
that covers that side only; the administrator runs both.

Everything private on a side carries the side's label (``ours`` / ``theirs``)
in its name, title, body or reference, so a leak shows as the other side's
label anywhere in a response body.
"""

import datetime
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from catalogue.choices import ServiceKind
from catalogue.models import Service
from catalogue.services import service_save
from enterprises.choices import MemberRole
from instruments.choices import BookingStatus
from instruments.models import Booking, Instrument, Lab
from notifications.models import Notification
from notifications.services import notify_users
from requests_app import services
from requests_app.choices import Category, Status
from requests_app.models import Attachment, Comment, Ticket
from requests_app.services import conversation
from service_stations.choices import StationKind, StationRole
from service_stations.models import CooperativeMembership, Expert, SamplingInspection
from service_stations.services.cooperatives import (
    inspection_record,
    membership_join,
    membership_move,
)
from stats.maintenance import sweep as stats_sweep
from tests.factories import (
    AdminFactory,
    EnterpriseFactory,
    EnterpriseMembershipFactory,
    ExpertFactory,
    StationFactory,
    StationMembershipFactory,
    SupervisorScopeFactory,
    UserFactory,
)
from tests.instruments.factories import InstrumentFactory, LabFactory, at, working_day
from tests.requests_app.files import PDF
from tests.requests_app.helpers import PATHS, walk
from training import services as training
from training.models import Certificate, Course, Enrolment, Session
from visits.models import Visit
from visits.services import visit_record

User = get_user_model()

# The roles of API.md, in the column order of the expectations table.
ROLES = (
    "anonymous",
    "enterprise",
    "station_staff",
    "station_manager",
    "expert",
    "supervisor",
    "admin",
)

OURS, THEIRS = "ours", "theirs"

# A request in each status some action starts from.
TICKET_STATUSES = (
    Status.SUBMITTED,
    Status.TRIAGED,
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.AWAITING_INFO,
    Status.RESOLVED,
)


@dataclass
class Side:
    label: str
    enterprise: object
    station: object
    expert: Expert
    users: dict[str, object]
    colleague: object
    tickets: dict[str, Ticket] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    internal_comment: Comment | None = None
    attachment: Attachment | None = None
    membership: CooperativeMembership | None = None
    inspection: SamplingInspection | None = None
    notifications: dict[str, Notification] = field(default_factory=dict)
    visit: Visit | None = None
    lab: Lab | None = None
    instrument: Instrument | None = None
    bookings: dict[str, Booking] = field(default_factory=dict)
    course: Course | None = None
    session: Session | None = None
    enrolment: Enrolment | None = None
    certificate: Certificate | None = None
    service: Service | None = None
    diagnosis: Ticket | None = None

    @property
    def ticket(self) -> Ticket:
        """The request every reading endpoint is tried on: in progress with the expert."""
        return self.tickets[Status.IN_PROGRESS]

    @property
    def cooperative(self):
        return self.station


@dataclass
class World:
    ours: Side
    theirs: Side

    def side(self, name: str) -> Side:
        return {OURS: self.ours, THEIRS: self.theirs}[name]

    def user(self, role: str, side: str = OURS):
        """Return the login of ``role`` on ``side`` (None for anonymous)."""
        return self.side(side).users.get(role)


def build_world() -> World:
    admin = AdminFactory(username="authz-admin")
    ours = _build_side(OURS, region="420102", supervised="4201", admin=admin)
    theirs = _build_side(THEIRS, region="320612", supervised="3206", admin=admin)
    notify_users(user_ids=[admin.pk], title="administrator notice")
    ours.notifications["admin"] = Notification.objects.filter(recipient=admin).get()
    stats_sweep()
    return World(ours=ours, theirs=theirs)


def _build_side(label: str, *, region: str, supervised: str, admin) -> Side:
    station = StationFactory(
        code=f"{label}-coop",
        name=f"{label} 质量合作社",
        kind=StationKind.COOPERATIVE,
        region_code=region,
    )
    enterprise = EnterpriseFactory(name=f"{label} 纺织有限公司", region_code=region)
    owner = UserFactory(username=f"{label}-owner")
    EnterpriseMembershipFactory(user=owner, enterprise=enterprise, role=MemberRole.OWNER)
    colleague = UserFactory(username=f"{label}-colleague")
    EnterpriseMembershipFactory(user=colleague, enterprise=enterprise, role=MemberRole.MEMBER)
    expert = ExpertFactory(
        name=f"专家 {label}",
        user=UserFactory(username=f"{label}-expert"),
        specialties=list(Category.values),
    )
    expert.stations.add(station)
    users = {
        "enterprise": owner,
        "station_staff": StationMembershipFactory(
            user__username=f"{label}-staff", station=station
        ).user,
        "station_manager": StationMembershipFactory(
            user__username=f"{label}-manager", station=station, role=StationRole.MANAGER
        ).user,
        "expert": expert.user,
        "supervisor": SupervisorScopeFactory(
            user__username=f"{label}-supervisor", region_prefix=supervised
        ).user,
        "admin": admin,
    }
    side = Side(label, enterprise, station, expert, users, colleague)
    _add_requests(side)
    _add_conversation(side)
    _add_cooperative_records(side)
    _add_notifications(side)
    _add_visit(side)
    _add_instruments(side)
    _add_training(side)
    _add_catalogue(side)
    return side


def _add_requests(side: Side) -> None:
    for status in TICKET_STATUSES:
        ticket = services.ticket_file(
            enterprise=side.enterprise,
            filed_by=side.users["enterprise"],
            title=f"{side.label} 面料色牢度不合格 ({status})",
            description=f"{side.label}: 抽检色牢度三级。",
            category=Category.INSPECTION,
            station=side.station,
        )
        side.tickets[status] = walk(ticket, SimpleNamespace(expert=side.expert), PATHS[status])


def _add_conversation(side: Side) -> None:
    ticket = side.ticket
    side.comments.append(
        conversation.comment_add(
            ticket=ticket, author=side.users["enterprise"], body=f"{side.label}: 请尽快处理。"
        )
    )
    side.internal_comment = conversation.comment_add(
        ticket=ticket,
        author=side.users["station_staff"],
        body=f"{side.label} internal: 该企业去年也有同类问题。",
        internal=True,
    )
    side.comments.append(side.internal_comment)
    side.attachment = conversation.attachment_add(
        ticket=ticket,
        uploaded_by=side.users["enterprise"],
        upload=SimpleUploadedFile(f"{side.label}-report.pdf", PDF),
    )


def _add_cooperative_records(side: Side) -> None:
    membership = membership_join(cooperative=side.station, enterprise=side.enterprise, actor=None)
    side.membership = membership_move(membership=membership, action="approve", actor=None)
    side.inspection = inspection_record(
        cooperative=side.station,
        enterprise=side.enterprise,
        inspector=None,
        product=f"{side.label} 纯棉四件套",
        batch=f"{side.label}-B1",
        sampled_on=timezone.localdate(),
        passed=False,
        defect_categories=["色牢度"],
    )


def _add_visit(side: Side) -> None:
    staff = side.users["station_staff"]
    side.visit = visit_record(
        actor=staff,
        enterprise=side.enterprise,
        visited_at=timezone.now(),
        staff=[staff],
        experts=[side.expert],
        summary=f"{side.label} 走访：查看色牢度检测记录。",
        internal_note=f"{side.label} internal: 企业对收费有顾虑。",
        findings=[{"category": Category.INSPECTION, "description": f"{side.label} 缺少检测设备"}],
    )


def _add_notifications(side: Side) -> None:
    people = {role: user for role, user in side.users.items() if role != "admin"}
    notify_users(
        user_ids=[u.pk for u in people.values()], title=f"{side.label} notice", ticket=side.ticket
    )
    for role, user in people.items():
        side.notifications[role] = Notification.objects.filter(recipient=user).latest("id")


def _add_instruments(side: Side) -> None:
    """A lab of the side's station with one instrument, booked in each status an action
    starts from (approved in the future, so it is not a no-show yet), and a completed
    booking with its report."""
    side.lab = LabFactory(
        station=side.station, name=f"{side.label} 实验室", region_code=side.station.region_code
    )
    side.instrument = InstrumentFactory(lab=side.lab, name=f"{side.label} 三坐标测量机")
    day = working_day()
    now = timezone.now()
    times = {
        BookingStatus.REQUESTED: (at(day, 9), at(day, 10)),
        BookingStatus.APPROVED: (at(day, 10), at(day, 11)),
        BookingStatus.IN_USE: (
            now - timezone.timedelta(hours=1),
            now + timezone.timedelta(hours=1),
        ),
        BookingStatus.COMPLETED: (
            now - timezone.timedelta(days=2, hours=2),
            now - timezone.timedelta(days=2),
        ),
    }
    for status, (starts_at, ends_at) in times.items():
        side.bookings[status] = Booking.objects.create(
            instrument=side.instrument,
            enterprise=side.enterprise,
            booked_by=side.users["enterprise"],
            starts_at=starts_at,
            ends_at=ends_at,
            mode="lab_operated",
            purpose=f"{side.label} 壳体尺寸检测",
            status=status,
        )
    completed = side.bookings[BookingStatus.COMPLETED]
    completed.report.save(f"{side.label}-booking-report.pdf", SimpleUploadedFile("r.pdf", PDF))
    completed.report_name, completed.report_content_type = "report.pdf", "application/pdf"
    completed.save()


def _add_training(side: Side) -> None:
    side.course = training.course_create(
        station=side.station, title=f"{side.label} 计量基础", element="metrology", hours=8
    )
    starts_at = timezone.now() + datetime.timedelta(days=7)
    side.session = training.session_add(
        course=side.course,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=8),
        place=f"{side.label} 培训室",
        seats=5,
    )
    side.enrolment, graduate = (
        training.enrolment_add(
            session=side.session, enterprise=side.enterprise, attendee_name=f"{side.label} {name}"
        )
        for name in ("学员", "结业学员")
    )
    training.enrolment_record_attendance(enrolment=graduate, attended=True)
    side.certificate = Certificate.objects.get(enrolment=graduate)


def _add_catalogue(side: Side) -> None:
    """A diagnosis service of the side's station (the catalogue is public: no label in it)
    and a request for it resolved by the side's expert with a report and a follow-up."""
    side.service = service_save(
        code=f"diagnosis-{side.station.pk}",
        name="质量诊断",
        element=Category.QUALITY_MANAGEMENT,
        kind=ServiceKind.DIAGNOSIS,
        working_days=10,
        stations=[side.station],
    )
    ticket = services.ticket_file(
        enterprise=side.enterprise,
        filed_by=side.users["enterprise"],
        title=f"{side.label} 质量诊断",
        description=f"{side.label}: 请专家进厂诊断。",
        service=side.service,
        station=side.station,
    )
    ticket = walk(ticket, SimpleNamespace(expert=side.expert), PATHS[Status.IN_PROGRESS])
    side.diagnosis = services.ticket_resolve(
        ticket=ticket,
        actor=None,
        resolution=f"{side.label}: 诊断完成。",
        report={
            "findings": [
                {"area": f"{side.label} 工艺", "severity": "high", "evidence": "温度波动大。"}
            ],
            "recommendations": [{"text": f"{side.label} 建立过程控制。", "file": True}],
        },
    )
