"""Checks on uploaded files: type sniffed from the content, size, a safe name.

Only PDF, JPEG, PNG, DOCX and XLSX up to ``ATTACHMENT_MAX_BYTES`` are kept;
what a file *is* comes from its bytes (``filetype``), never from its name, so a
renamed executable is refused.
"""

import os
import unicodedata
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}
SNIFF_BYTES = 8192
MAX_NAME_LENGTH = 100


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    content_type: str
    size: int


def sniff(upload) -> str | None:
    """Return the MIME type the upload's content shows, or None."""
    upload.seek(0)
    kind = filetype.guess(upload.read(SNIFF_BYTES))
    upload.seek(0)
    if kind is not None and kind.mime == "application/zip":
        # OOXML documents are zip files; filetype tells them apart from the
        # whole archive, so look again with the full content.
        kind = filetype.guess(upload.read())
        upload.seek(0)
    return kind.mime if kind else None


def safe_name(name: str, extension: str) -> str:
    """Return a file name without path parts or control characters, ending in ``extension``."""
    base = os.path.basename(name.replace("\\", "/"))
    stem = os.path.splitext(base)[0]
    cleaned = "".join(
        c for c in unicodedata.normalize("NFC", stem) if c.isalnum() or c in "-_.() （）"
    ).strip(" .")
    return f"{(cleaned or 'file')[:MAX_NAME_LENGTH]}.{extension}"


def check_upload(upload) -> CheckedUpload:
    """Return what to store for ``upload``, or raise ValidationError with a clear message."""
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)d MB."),
            code="too_large",
            params={"limit": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)},
        )
    content_type = sniff(upload)
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            _("Only PDF, JPEG, PNG, DOCX and XLSX files can be attached."), code="file_type"
        )
    return CheckedUpload(
        name=safe_name(upload.name, ALLOWED_TYPES[content_type]),
        content_type=content_type,
        size=upload.size,
    )
