"""The project's own hygiene: migrations, lint, and the full-stack files agreeing."""

import ast
import io
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip())


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", stdout=io.StringIO())


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]])
def test_ruff_is_clean(command):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_runs_the_processes_of_the_procfile():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    processes = procfile()
    assert services["migrate"]["command"] == processes["release"]
    for name in ("web", "worker", "beat"):
        assert services[name]["command"] == processes[name], name


def test_compose_gives_every_app_process_the_documented_environment():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    for name in ("migrate", "web", "worker", "beat"):
        environment = services[name]["environment"]
        assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"} <= set(
            environment
        ), name
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["REDIS_URL"].startswith("redis://")
    for name in ("postgres", "redis", "web"):
        assert "healthcheck" in services[name], name


def test_readme_starts_the_same_processes_by_hand():
    readme = (ROOT / "README.md").read_text()
    for name, command in procfile().items():
        assert command in readme, f"README does not start the {name} process: {command}"


def imported_packages(path: Path) -> set[str]:
    """Return the top-level packages a module imports."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_image_leaves_out_the_bench_and_the_tests_and_the_code_it_ships_needs_neither():
    left_out = set((ROOT / ".dockerignore").read_text().split())
    assert {"bench", "tests"} <= left_out
    shipped = [*ROOT.glob("*.py")] + [
        path
        for package in ROOT.iterdir()
        if (package / "__init__.py").exists() and package.name not in left_out
        for path in package.rglob("*.py")
    ]
    assert shipped
    needing = [
        str(path.relative_to(ROOT))
        for path in shipped
        if imported_packages(path) & {"bench", "tests"}
    ]
    assert needing == []


def test_compose_offers_a_streaming_standby_in_its_replica_profile():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    standby = services["postgres-replica"]
    assert standby["profiles"] == ["replica"]
    assert "pg_basebackup -h postgres" in standby["command"][0]
    assert " -R " in standby["command"][0]
    for name in ("migrate", "web", "worker", "beat"):
        assert "DATABASE_REPLICA_URLS" in services[name]["environment"], name
