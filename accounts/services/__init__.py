"""Every writer of accounts: ``accounts`` (logins, tokens, registration, the network's staff) and
``back_office`` (who may use the Django admin); the public services re-exported.
"""

from accounts.services.accounts import (
    enterprise_claim_register,
    enterprise_register,
    login_create,
    password_change,
    token_issue,
    token_revoke,
    user_create,
    user_deactivate_if_roleless,
    user_set_active,
    user_set_station_memberships,
)
from accounts.services.back_office import back_office_sync

__all__ = [
    "back_office_sync",
    "enterprise_claim_register",
    "enterprise_register",
    "login_create",
    "password_change",
    "token_issue",
    "token_revoke",
    "user_create",
    "user_deactivate_if_roleless",
    "user_set_active",
    "user_set_station_memberships",
]
