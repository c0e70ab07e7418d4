"""Factories of the catalogue: services offered at stations."""

import factory

from catalogue.choices import ServiceKind
from catalogue.models import Service
from requests_app.choices import Category


class ServiceFactory(factory.django.DjangoModelFactory):
    """A service; ``stations=[...]`` lists the stations offering it."""

    class Meta:
        model = Service
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"svc-{n}")
    name = factory.Sequence(lambda n: f"计量器具检定校准{n}")
    element = Category.METROLOGY
    kind = ServiceKind.CALIBRATION
    description = "压力表、电子秤等计量器具的检定和校准。"
    working_days = 7

    @factory.post_generation
    def stations(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.stations.set(extracted)


class DiagnosisServiceFactory(ServiceFactory):
    code = factory.Sequence(lambda n: f"diag-{n}")
    name = "质量诊断"
    element = Category.QUALITY_MANAGEMENT
    kind = ServiceKind.DIAGNOSIS
    description = "专家进企业，对质量管理体系和生产过程做全面诊断，出具诊断报告。"
    working_days = 10
