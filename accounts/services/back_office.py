"""Who may use the Django admin (the back office), and with which permissions.

Station staff and managers work in the admin as well as through the API: they
are ``is_staff`` and belong to the group of their role, whose permissions are
set here. What rows they see there is scoped by the same selectors as the API
(``nqi_service.admin_scoping``).
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from service_stations.choices import StationRole

VIEW = "view"
CHANGE = "change"

# (app label, model, actions) per station role.
GRANTS = {
    StationRole.STAFF: [
        ("enterprises", "enterprise", (VIEW,)),
        ("enterprises", "industrycluster", (VIEW,)),
        ("service_stations", "servicestation", (VIEW,)),
        ("service_stations", "expert", (VIEW,)),
        ("requests_app", "ticket", (VIEW, CHANGE)),
        ("requests_app", "ticketevent", (VIEW,)),
    ],
}
GRANTS[StationRole.MANAGER] = [
    *GRANTS[StationRole.STAFF],
    ("service_stations", "expert", (VIEW, CHANGE)),
]


def role_group(role: str) -> Group:
    """Return the group of a station role, with exactly its permissions."""
    group, _created = Group.objects.get_or_create(name=role)
    wanted = Q(pk__in=[])
    for app_label, model, actions in GRANTS[role]:
        wanted |= Q(
            content_type__app_label=app_label,
            content_type__model=model,
            codename__in=[f"{action}_{model}" for action in actions],
        )
    group.permissions.set(Permission.objects.filter(wanted))
    return group


def back_office_sync(user) -> None:
    """Give ``user`` admin access and groups matching their station roles, no more."""
    roles = set(user.station_memberships.values_list("role", flat=True))
    user.is_staff = user.is_superuser or bool(roles)
    user.save(update_fields=["is_staff"])
    station_groups = [role_group(role) for role in StationRole.values if role in roles]
    user.groups.remove(*Group.objects.filter(name__in=StationRole.values))
    user.groups.add(*station_groups)
