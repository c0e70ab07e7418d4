"""Who sees an enterprise's contact phone in clear (PIPL), and the record of each look.

- The enterprise's own members see their number in clear on its detail page,
  in answers to their edits and in their data export.
- Everyone else sees it masked (``138****1234``); every list masks it, also
  for members.
- Station staff and managers of a station the enterprise has filed a request
  with, and administrators, may ask for the number in clear (the ``contact``
  endpoint, the admin's reveal page); so may the expert assigned to one of its
  requests while the work is on (``assigned``, ``in_progress``,
  ``awaiting_info``), to phone the firm. Each time is recorded in
  ``ContactAccess``. Supervisors never see it in clear, experts not once the
  work is over.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from enterprises.choices import PersonalField
from enterprises.models import ContactAccess, Enterprise
from nqi_service import roles
from nqi_service.request_id import current_request_id
from service_stations.choices import StationRole
from service_stations.models import StationMembership


def is_member(user, *, enterprise_id) -> bool:
    """Return whether ``user`` belongs to the enterprise ``enterprise_id`` (an id or its
    text from a URL), from the caller already loaded with the request."""
    return str(enterprise_id) in {str(pk) for pk in roles.caller_of(user).enterprise_ids}


def revealing_role(user, enterprise: Enterprise) -> str | None:
    """Return the role under which ``user`` may see ``enterprise``'s contact in clear.

    ``enterprise`` for its members, ``admin``, the station role of a station
    the enterprise has filed with (manager before staff), ``expert`` for the
    expert at work on one of its requests; None for anyone else.
    """
    if is_member(user, enterprise_id=enterprise.pk):
        return roles.ENTERPRISE
    if roles.caller_of(user).is_admin:
        return roles.ADMIN
    station_roles = set(
        StationMembership.objects.filter(
            user=user, station__tickets__enterprise=enterprise
        ).values_list("role", flat=True)
    )
    for role in (StationRole.MANAGER, StationRole.STAFF):
        if role in station_roles:
            return str(role)
    if _expert_at_work(user, enterprise):
        return roles.EXPERT
    return None


def _expert_at_work(user, enterprise: Enterprise) -> bool:
    from requests_app.choices import EXPERT_AT_WORK_STATUSES
    from requests_app.models import Ticket

    expert_id = roles.caller_of(user).expert_id
    return (
        expert_id is not None
        and Ticket.objects.filter(
            enterprise=enterprise, assigned_expert_id=expert_id, status__in=EXPERT_AT_WORK_STATUSES
        ).exists()
    )


def contact_reveal(*, enterprise: Enterprise, viewer, channel: str) -> Enterprise:
    """Let ``viewer`` see the contact of ``enterprise`` in clear, recording it.

    A member looking at their own enterprise is not recorded; anyone else
    entitled is, with the current request's id. Others get PermissionDenied.
    """
    role = revealing_role(viewer, enterprise)
    if role is None:
        raise PermissionDenied(_("You may not see this enterprise's contact phone in clear."))
    if role != roles.ENTERPRISE:
        ContactAccess.objects.create(
            enterprise=enterprise,
            field=PersonalField.CONTACT_PHONE,
            viewer=viewer,
            viewer_username=viewer.get_username(),
            viewer_role=role,
            channel=channel,
            request_id=current_request_id(),
        )
    return enterprise
