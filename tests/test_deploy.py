"""The production files in deploy/: their shape, and nginx's own check of its configuration.

There is no Docker engine on the project machines, so the images are not built here;
`scripts/run.sh --scale N` runs the same setup and is what tests/e2e/test_scale.py runs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
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


@pytest.mark.skipif(shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists(),
                    reason="nginx is installed by scripts/setup.sh --test")
def test_nginx_accepts_the_production_configuration(tmp_path: Path) -> None:
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    # The compose service names resolve inside compose only.
    conf = re.sub(r"server (rasa|web):(\d+)", r"server 127.0.0.1:\2", conf)
    conf = conf.replace("worker_processes auto;", f"pid {tmp_path}/nginx.pid;\nworker_processes 1;")
    conf = conf.replace("http {", f"http {{\n  client_body_temp_path {tmp_path};\n"
                        f"  proxy_temp_path {tmp_path};", 1)
    path = tmp_path / "nginx.conf"
    path.write_text(conf, encoding="utf-8")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    out = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"),
                          "-c", str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
