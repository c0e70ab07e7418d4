"""Token authentication that loads the caller's roles with the token."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from nqi_service.roles import token_with_caller


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's ``Authorization: Token <key>``, in one query with the caller (``roles``).

    Every scoped view asks for the caller's roles, stations and enterprises;
    reading them with the token saves a query per request.
    """

    def authenticate_credentials(self, key):
        token = token_with_caller(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return (token.user, token)
