"""Who may change the catalogue."""

from django.utils.translation import gettext_lazy as _

from catalogue.selectors import may_manage_service
from nqi_service.api.permissions import ManagersWrite


class CataloguePermission(ManagersWrite):
    """Anyone logged in reads; administrators and station managers write, a manager only
    the services of the stations they manage."""

    message = _(
        "Only administrators and the managers of the stations offering it change a service."
    )

    def may_manage(self, user, obj) -> bool:
        return may_manage_service(user, obj)
