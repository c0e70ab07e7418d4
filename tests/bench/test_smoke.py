"""The smoke benchmark runs end to end, so bench/ can't rot. Figures are not judged."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

LINE = re.compile(
    r"^BENCH name=(?P<name>\w+) n=(?P<n>\d+) ours_ms=[\d.]+ baseline_ms=[\d.]+ ratio=[\d.]+ "
    r"ours_p95_ms=[\d.]+ baseline_p95_ms=[\d.]+ queries=[\d.]+$"
)
EXPECTED = {"generate_rows", "list_first_page", "list_deep_page", "detail", "file_request"}


def test_smoke_benchmark_prints_every_bench_line():
    # bench/run.py uses the server of DATABASE_URL with a database of its own.
    assert os.environ["DATABASE_URL"].startswith("postgres")
    result = subprocess.run(
        [sys.executable, "bench/run.py", "--smoke"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [LINE.match(line) for line in result.stdout.splitlines() if line.startswith("BENCH")]
    assert all(lines), result.stdout
    assert {m["name"] for m in lines} >= EXPECTED
    assert all(int(m["n"]) == 1000 for m in lines)
