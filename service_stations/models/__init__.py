"""The service network's two model families: stations with their people, and cooperatives."""

from service_stations.models.cooperatives import (
    CooperativeAlert,
    CooperativeMembership,
    CooperativeMembershipEvent,
    SamplingInspection,
)
from service_stations.models.stations import (
    Expert,
    ExpertLeave,
    ExpertSpecialty,
    ServiceStation,
    StationMembership,
    StationService,
    SupervisorScope,
)

__all__ = [
    "CooperativeAlert",
    "CooperativeMembership",
    "CooperativeMembershipEvent",
    "Expert",
    "ExpertLeave",
    "ExpertSpecialty",
    "SamplingInspection",
    "ServiceStation",
    "StationMembership",
    "StationService",
    "SupervisorScope",
]
