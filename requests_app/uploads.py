"""Checks on uploaded files: type sniffed from the content, size, a safe name.

Only PDF, JPEG, PNG, DOCX and XLSX up to ``ATTACHMENT_MAX_BYTES`` are kept;
what a file *is* comes from its bytes (``filetype``), never from its name, so a
renamed executable is refused. DOCX and XLSX are zip archives: one that would
expand past ``ATTACHMENT_MAX_EXPANDED_BYTES`` or ``ATTACHMENT_MAX_COMPRESSION_RATIO``
times its compressed size is refused from its central directory, unopened.
"""

import os
import unicodedata
import zipfile
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
ZIP_DOCUMENTS = {"docx", "xlsx"}
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
    if ALLOWED_TYPES[content_type] in ZIP_DOCUMENTS and expands_too_far(upload):
        raise ValidationError(
            _(
                "The document would expand to more than %(limit)d MB, or more than "
                "%(ratio)d times its size, when opened; it is refused."
            ),
            code="expands_too_far",
            params={
                "limit": settings.ATTACHMENT_MAX_EXPANDED_BYTES // (1024 * 1024),
                "ratio": settings.ATTACHMENT_MAX_COMPRESSION_RATIO,
            },
        )
    return CheckedUpload(
        name=safe_name(upload.name, ALLOWED_TYPES[content_type]),
        content_type=content_type,
        size=upload.size,
    )


def expands_too_far(upload) -> bool:
    """Tell whether a zip archive declares more content than the bounds allow.

    Reads only the central directory (each member's declared sizes), never a
    member's data, so a zip bomb costs nothing to refuse. An archive whose
    directory can't be read is refused too.
    """
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return True
    finally:
        upload.seek(0)
    expanded = sum(member.file_size for member in members)
    compressed = sum(member.compress_size for member in members)
    return (
        expanded > settings.ATTACHMENT_MAX_EXPANDED_BYTES
        or expanded > settings.ATTACHMENT_MAX_COMPRESSION_RATIO * max(compressed, 1)
    )
