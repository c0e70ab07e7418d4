"""Writes of a request's conversation: comments and attached files.

Each service checks that the caller takes part in the request (``None`` is the
system), writes one row in one transaction and tells the other side through
the notification inbox. Neither comments nor files are edited afterwards.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from enterprises.models import EnterpriseMembership
from notifications.services import notify_users
from requests_app.models import Attachment, Comment, Ticket
from requests_app.selectors import may_take_part
from requests_app.uploads import check_upload
from service_stations.models import StationMembership


def comment_add(
    *,
    ticket: Ticket,
    author: AbstractBaseUser | None,
    body: str,
    internal: bool = False,
    at: datetime.datetime | None = None,
) -> Comment:
    """Write a comment on ``ticket``; an internal one stays behind the station's desk."""
    if author is not None and not may_take_part(author, ticket, internal=internal):
        raise PermissionDenied(
            _("Only station staff and experts can write internal comments.")
            if internal and may_take_part(author, ticket)
            else _("You may not write on this request.")
        )
    with transaction.atomic():
        comment = Comment.objects.create(
            ticket=ticket,
            author=author,
            body=body,
            internal=internal,
            created_at=at or timezone.now(),
        )
        with translation.override("zh-hans"):
            title = _("%(reference)s: new comment") % {"reference": ticket.reference}
        _tell_the_other_side(ticket, author=author, internal=internal, title=title, body=body)
    return comment


def attachment_add(
    *,
    ticket: Ticket,
    uploaded_by: AbstractBaseUser | None,
    upload: File,
    at: datetime.datetime | None = None,
) -> Attachment:
    """Keep ``upload`` for ``ticket`` under a random name in private storage.

    A refused file leaves nothing behind: it is checked before anything is
    written, and the stored copy is removed again if the row can't be saved.
    """
    if uploaded_by is not None and not may_take_part(uploaded_by, ticket):
        raise PermissionDenied(_("You may not attach files to this request."))
    try:
        checked = check_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    attachment = Attachment(
        ticket=ticket,
        uploaded_by=uploaded_by,
        name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        created_at=at or timezone.now(),
    )
    # Write the file outside the transaction, so no row lock waits on the disk.
    attachment.file.save(checked.name, upload, save=False)
    try:
        with transaction.atomic():
            attachment.save()
            with translation.override("zh-hans"):
                title = _("%(reference)s: new attachment") % {"reference": ticket.reference}
            _tell_the_other_side(ticket, author=uploaded_by, title=title, body=checked.name)
    except BaseException:
        attachment.file.delete(save=False)
        raise
    return attachment


def _tell_the_other_side(
    ticket: Ticket, *, author: AbstractBaseUser | None, title: str, body: str, internal=False
) -> None:
    """Notify the enterprise of what the desk wrote, and the desk of what the enterprise wrote.

    The desk is the station's staff and the request's current expert; internal
    comments go to the rest of the desk only.
    """
    enterprise = set(
        EnterpriseMembership.objects.filter(enterprise_id=ticket.enterprise_id).values_list(
            "user_id", flat=True
        )
    )
    desk = set(
        StationMembership.objects.filter(station_id=ticket.station_id).values_list(
            "user_id", flat=True
        )
    )
    if ticket.assigned_expert and ticket.assigned_expert.user_id:
        desk.add(ticket.assigned_expert.user_id)
    author_id = author.pk if author else None
    recipients = desk if internal or author_id in enterprise else enterprise
    active = get_user_model().objects.filter(pk__in=recipients - {author_id}, is_active=True)
    notify_users(
        user_ids=active.order_by("pk").values_list("pk", flat=True),
        title=title,
        body=body,
        ticket=ticket,
    )
