"""deploy/nginx.conf is a valid nginx configuration, with the shared chat limit per address."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


@pytest.mark.skipif(NGINX is None, reason="nginx is installed by scripts/setup.sh --test")
def test_the_compose_nginx_config_is_valid_and_limits_the_chat(tmp_path: Path) -> None:
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "limit_req zone=chat_per_address" in text and "X-Forwarded-For" in text
    # The compose service names do not resolve here: check the rest with loopback upstreams.
    local = text.replace("server rasa:5005", "server 127.0.0.1:5005").replace(
        "server web:8000", "server 127.0.0.1:8000"
    )
    conf = tmp_path / "nginx.conf"
    conf.write_text(local)
    out = subprocess.run(
        [str(NGINX), "-t", "-p", str(tmp_path), "-c", str(conf),
         "-g", f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;"],
        capture_output=True, text=True, timeout=30,
    )
    assert out.returncode == 0, out.stderr
