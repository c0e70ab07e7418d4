import io
import random
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from requests_app.uploads import check_upload, safe_name
from tests.requests_app import files


@pytest.mark.parametrize(
    ("name", "content", "content_type", "stored_name"),
    [
        ("报告.pdf", files.PDF, "application/pdf", "报告.pdf"),
        ("photo.JPG", files.JPEG, "image/jpeg", "photo.jpg"),
        ("scan.png", files.PNG, "image/png", "scan.png"),
        (
            "整改方案.docx",
            files.docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "整改方案.docx",
        ),
        (
            "data.xlsx",
            files.xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "data.xlsx",
        ),
    ],
)
def test_allowed_kinds_are_accepted_by_their_content(name, content, content_type, stored_name):
    checked = check_upload(files.upload(name, content))
    assert (checked.content_type, checked.name, checked.size) == (
        content_type,
        stored_name,
        len(content),
    )


def test_the_stored_extension_follows_the_content_not_the_name():
    assert check_upload(files.upload("picture.pdf", files.PNG)).name == "picture.png"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("invoice.pdf", files.EXE),  # a renamed executable
        ("setup.exe", files.EXE),
        ("archive.docx", files.plain_zip()),  # a zip that is no document
        ("notes.txt", "纯文本".encode()),
        ("empty.pdf", b""),
    ],
)
def test_other_content_is_refused_with_a_chinese_message(name, content):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        check_upload(files.upload(name, content))
    assert error.value.code == "file_type"
    assert "PDF" in error.value.messages[0] and "仅" in error.value.messages[0]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_zip_bomb_document_is_refused_from_its_directory_unopened(monkeypatch, kind):
    zeros = b"\0" * (8 * 1024 * 1024)  # deflates about a thousandfold
    content = files.docx(zeros) if kind == "docx" else _xlsx_with(zeros)
    assert len(content) < 50_000

    def never(*args, **kwargs):
        raise AssertionError("a member was decompressed")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        check_upload(files.upload(f"report.{kind}", content))
    assert error.value.code == "expands_too_far"
    assert error.value.messages == ["该文档打开后将超过 100 MB，或超过其大小的 100 倍，不予接收。"]


def test_a_document_expanding_past_the_size_bound_is_refused(settings):
    settings.ATTACHMENT_MAX_EXPANDED_BYTES = 1024 * 1024
    noise = random.Random(1).randbytes(1024 * 1024)  # incompressible: ratio about 1
    with pytest.raises(ValidationError) as error:
        check_upload(files.upload("big.docx", files.docx(noise)))
    assert error.value.code == "expands_too_far"
    settings.ATTACHMENT_MAX_EXPANDED_BYTES = 2 * 1024 * 1024
    assert check_upload(files.upload("big.docx", files.docx(noise))).name == "big.docx"


def test_a_document_within_the_ratio_is_accepted(settings):
    settings.ATTACHMENT_MAX_COMPRESSION_RATIO = 5000
    assert check_upload(files.upload("report.docx", files.docx(b"\0" * 1024 * 1024)))


def _xlsx_with(padding: bytes) -> bytes:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(files.xlsx())) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for member in source.infolist():
            archive.writestr(member, source.read(member))
        archive.writestr("xl/media/padding.bin", padding)
    return buffer.getvalue()


def test_files_over_the_limit_are_refused(settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        check_upload(files.upload("big.pdf", files.PDF + b"0" * 1024))
    assert error.value.code == "too_large"
    check_upload(files.upload("small.pdf", files.PDF))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\王\\报告.pdf", "报告.pdf"),
        ("a\x00b\nc.pdf", "abc.pdf"),
        ("...", "file.pdf"),
        ("x" * 300 + ".pdf", "x" * 100 + ".pdf"),
    ],
)
def test_names_are_sanitised(name, expected):
    assert safe_name(name, "pdf") == expected
