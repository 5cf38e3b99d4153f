"""The production files in deploy/: their shape (nginx's own check of its configuration:
tests/test_nginx_config.py).

There is no Docker engine on the project machines, so the images are not built here;
`scripts/run.sh --scale N` runs the same setup and is what tests/e2e/test_scale.py runs.
"""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_compose_file_has_every_part_of_the_scaled_setup() -> None:
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"postgres", "redis", "actions", "rasa", "web", "nginx", "migrate"} <= set(services)
    assert services["rasa"]["deploy"]["replicas"] >= 2
    env = services["rasa"]["environment"]
    assert env["TRACKER_DATABASE_URL"].startswith("postgresql://")
    assert env["REDIS_HOST"] == "redis" and "ACTION_SERVER_URL" in env
    assert int(services["actions"]["environment"]["ACTION_SERVER_SANIC_WORKERS"]) >= 2
    # The published ports are nginx's only: the action server is never reachable from outside.
    published = [name for name, service in services.items() if service.get("ports")]
    assert published == ["nginx"]


def test_dockerfile_copies_what_exists_and_uses_the_scaled_endpoints() -> None:
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    for line in dockerfile.splitlines():
        if line.startswith("COPY "):
            for name in line.split()[1:-1]:
                assert (ROOT / name).exists(), name
    assert "endpoints.scale.yml" in dockerfile and "FROM python:3.10" in dockerfile
