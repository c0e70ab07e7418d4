"""Usernames are one name in any case or width (nqi_service/accounts/usernames.py).

Existing logins are brought to NFKC form, then a unique index on the lower
case of the username is created. Logins that already share a name (``Bob``
and ``bob``, ``ｄｅｍｏ`` and ``demo``) are reported, left as they are and kept
out of the index, so the migration never fails on old data; an administrator
renames or deactivates them, and new logins can't join them (the
registration checks every login).
"""

import logging
import unicodedata
from collections import defaultdict

from django.db import migrations
from django.db.models import Q, UniqueConstraint
from django.db.models.functions import Lower

logger = logging.getLogger(__name__)

INDEX_NAME = "auth_user_username_lower_uniq"


def clashing_groups(usernames):
    """Return the lists of (id, username) that are one name, from (id, username) pairs."""
    groups = defaultdict(set)
    for pk, username in usernames:
        nfkc = unicodedata.normalize("NFKC", username)
        groups["key:" + nfkc.casefold()].add((pk, username))
        groups["lower:" + username.lower()].add((pk, username))
    merged = {}
    for members in groups.values():
        if len(members) > 1:
            merged[frozenset(members)] = sorted(members)
    return list(merged.values())


def unify_usernames(apps, schema_editor):
    User = apps.get_model("auth", "User")
    groups = clashing_groups(User.objects.values_list("pk", "username"))
    clashing = {pk for group in groups for pk, _username in group}
    for group in groups:
        logger.warning(
            "Logins sharing one username, left as they are: %s",
            ", ".join(f"#{pk} {username!r}" for pk, username in group),
        )
    for pk, username in User.objects.exclude(pk__in=clashing).values_list("pk", "username"):
        normalised = unicodedata.normalize("NFKC", username)
        if normalised != username:
            User.objects.filter(pk=pk).update(username=normalised)
            logger.warning("Login #%s renamed %r → %r (NFKC)", pk, username, normalised)
    schema_editor.add_constraint(User, username_index(excluded=clashing))


def username_index(*, excluded=()):
    condition = ~Q(pk__in=sorted(excluded)) if excluded else None
    return UniqueConstraint(Lower("username"), name=INDEX_NAME, condition=condition)


def drop_index(apps, schema_editor):
    schema_editor.remove_constraint(apps.get_model("auth", "User"), username_index())


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("nqi_service", "0002_notification_email_claimed_at"),
    ]

    operations = [migrations.RunPython(unify_usernames, drop_index, elidable=False)]
