"""Every writer of the service network: ``stations`` (stations and experts) and ``cooperatives``
(membership moves, sampling inspections, pass-rate alerts); the public services re-exported.
"""

from service_stations.services.cooperatives import (
    inspection_open_request,
    inspection_record,
    membership_join,
    membership_move,
)
from service_stations.services.stations import (
    expert_check_capacity,
    expert_create,
    expert_update,
    station_create,
    station_update,
)

__all__ = [
    "expert_check_capacity",
    "expert_create",
    "expert_update",
    "inspection_open_request",
    "inspection_record",
    "membership_join",
    "membership_move",
    "station_create",
    "station_update",
]
