"""Starts the real product (action server, Rasa server, web app) on free ports for tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def trained_model() -> Path:
    """The model for the current training data (trains it when missing)."""
    env_model = os.environ.get("INTAKE_MODEL")
    if env_model and (ROOT / env_model).exists():
        return ROOT / env_model
    out = subprocess.run(
        ["bash", str(ROOT / "scripts" / "train.sh")],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return ROOT / out.stdout.strip().splitlines()[-1]


def http(
    method: str,
    url: str,
    body: dict | None = None,
    headers: dict | None = None,
    timeout: float = 30,
):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url,
        data=data,
        method=method,
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as err:
        raw = err.read()
        try:
            return err.code, json.loads(raw)
        except ValueError:
            return err.code, raw.decode(errors="replace")


@dataclass
class Stack:
    workdir: Path
    api_token: str = "e2e-test-token"
    ports: dict[str, int] = field(default_factory=dict)
    procs: list[subprocess.Popen] = field(default_factory=list)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['rasa']}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['web']}"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=f"sqlite:///{self.workdir / 'intake.sqlite3'}",
            INTAKE_API_TOKEN=self.api_token,
            SECRET_KEY="e2e-secret",
            ACTION_SERVER_URL=f"http://127.0.0.1:{self.ports['actions']}/webhook",
            TF_CPP_MIN_LOG_LEVEL="2",
            PYTHONWARNINGS="ignore",
            PURGE_INTERVAL_HOURS="0",
            RASA_URL=f"http://127.0.0.1:{self.ports['rasa']}",
        )
        return env

    def start(self) -> Stack:
        self.ports = {"actions": free_port(), "rasa": free_port(), "web": free_port()}
        model = trained_model()
        env = self.env()
        logs = self.workdir
        self._spawn(
            [
                str(VENV_BIN / "python"),
                "-m",
                "rasa_sdk",
                "--actions",
                "actions",
                "--port",
                str(self.ports["actions"]),
            ],
            env,
            logs / "actions.log",
        )
        self._spawn(
            [
                str(VENV_BIN / "python"),
                "-m",
                "bot",
                "web",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.ports["web"]),
            ],
            env,
            logs / "web.log",
        )
        self._spawn(
            [
                str(VENV_BIN / "rasa"),
                "run",
                "--model",
                str(model),
                "--endpoints",
                str(ROOT / "endpoints.yml"),
                "--credentials",
                str(ROOT / "credentials.yml"),
                "--port",
                str(self.ports["rasa"]),
                "--interface",
                "127.0.0.1",
            ],
            env,
            logs / "rasa.log",
        )
        self._wait(f"http://127.0.0.1:{self.ports['actions']}/health", 90)
        self._wait(f"{self.web_url}/api/health", 90)
        self._wait(f"{self.rasa_url}/", 240)
        return self

    def _spawn(self, cmd: list[str], env: dict[str, str], log: Path) -> None:
        handle = log.open("wb")
        self.procs.append(
            subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
        )

    def _wait(self, url: str, seconds: int) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for proc in self.procs:
                if proc.poll() is not None:
                    raise RuntimeError(f"a process stopped early; logs: {self.logs()}")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        raise RuntimeError(f"{url} did not answer in {seconds} s; logs: {self.logs()}")

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
            for p in self.workdir.glob("*.log")
        )

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()

    # --- talking to it ---------------------------------------------------------------------

    def say(self, sender: str, message: str) -> list[dict]:
        status, body = http(
            "POST", f"{self.rasa_url}/webhooks/rest/webhook", {"sender": sender, "message": message}
        )
        assert status == 200, (status, body)
        return body

    def intake(self, sender: str, token: str | None = "default") -> tuple[int, object]:
        headers = {}
        if token == "default":
            token = self.api_token
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return http("GET", f"{self.web_url}/api/intakes/{sender}", headers=headers)
