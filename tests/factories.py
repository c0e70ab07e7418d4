"""factory-boy factories for the domain models."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from enterprises.choices import MemberRole
from enterprises.credit_codes import compose_credit_code
from enterprises.models import Enterprise, EnterpriseMembership
from requests_app.choices import Category, Status
from requests_app.models import Ticket
from service_stations.choices import MembershipStatus, StationKind, StationRole
from service_stations.models import (
    CooperativeMembership,
    Expert,
    ExpertSpecialty,
    SamplingInspection,
    ServiceStation,
    StationMembership,
    StationService,
    SupervisorScope,
)


def credit_code(serial: int, prefix: str = "91") -> str:
    """Return a credit code that passes every check, the organisation code's too."""
    return compose_credit_code(
        authority_and_type=prefix, region_code="420102", organisation=f"MA{serial:06d}"
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "pass-word-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"企业{n}")
    credit_code = factory.Sequence(lambda n: credit_code(n))
    region_code = "420102"
    industry_code = "C34"
    contact_name = "王磊"
    contact_phone = "13800001234"


class EnterpriseMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnterpriseMembership

    user = factory.SubFactory(UserFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    role = MemberRole.OWNER


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceStation
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"st-{n}")
    name = factory.Sequence(lambda n: f"质量服务站{n}")
    region_code = "420102"

    @factory.post_generation
    def services(obj, create, extracted, **kwargs):
        if create:
            for category in Category.values if extracted is None else extracted:
                StationService.objects.create(station=obj, category=category)


class StationMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StationMembership

    user = factory.SubFactory(UserFactory)
    station = factory.SubFactory(StationFactory)
    role = StationRole.STAFF


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"专家{n}")
    organization = "武汉市计量测试检定（研究）所"
    capacity = 5

    @factory.post_generation
    def specialties(obj, create, extracted, **kwargs):
        if create:
            for category in extracted or [Category.METROLOGY]:
                ExpertSpecialty.objects.create(expert=obj, category=category)


class SupervisorScopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisorScope

    user = factory.SubFactory(UserFactory)
    region_prefix = "4201"


class TicketFactory(factory.django.DjangoModelFactory):
    """A request row as it would stand after filing (no events: build trails via services)."""

    class Meta:
        model = Ticket

    reference = factory.Sequence(lambda n: f"T-{n:06d}")
    enterprise = factory.SubFactory(EnterpriseFactory)
    title = "电子秤无法校准"
    description = "企业自有电子秤示值偏差，无法找到计量校准机构。"
    category = Category.METROLOGY
    station = factory.SubFactory(StationFactory)
    status = Status.SUBMITTED
    created_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(lambda t: t.created_at + datetime.timedelta(days=7))


class AdminFactory(UserFactory):
    """A Django superuser: the network's administrator."""

    is_superuser = True
    is_staff = True


class EnterpriseEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "enterprises.EnterpriseEvent"

    enterprise = factory.SubFactory(EnterpriseFactory)
    action = "update"


class CooperativeFactory(StationFactory):
    kind = StationKind.COOPERATIVE
    code = factory.Sequence(lambda n: f"coop-{n}")
    name = factory.Sequence(lambda n: f"质量合作社{n}")


class CooperativeMembershipFactory(factory.django.DjangoModelFactory):
    """A membership row in its current status (no history: build that via the services)."""

    class Meta:
        model = CooperativeMembership

    cooperative = factory.SubFactory(CooperativeFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    status = MembershipStatus.ACTIVE


class SamplingInspectionFactory(factory.django.DjangoModelFactory):
    """An inspection row as recorded (no target check: use ``inspection_record`` for that)."""

    class Meta:
        model = SamplingInspection

    cooperative = factory.SubFactory(CooperativeFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    product = "纯棉四件套"
    batch = factory.Sequence(lambda n: f"B-{n:05d}")
    sampled_on = factory.LazyFunction(timezone.localdate)
    passed = True
