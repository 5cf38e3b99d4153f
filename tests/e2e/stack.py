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
    # The chat's rate limit (components/channels.py). Tests send from loopback without
    # X-Forwarded-For, so only the sender limit applies to them; a conversation of the tests
    # has fewer messages than this. The per-address limit is tried with X-Forwarded-For.
    chat_limit_per_sender: int = 40
    chat_limit_per_address: int = 20
    extra_env: dict[str, str] = field(default_factory=dict)
    endpoints: Path = ROOT / "endpoints.yml"
    ports: dict[str, int] = field(default_factory=dict)
    procs: list[subprocess.Popen] = field(default_factory=list)
    named: dict[str, subprocess.Popen] = field(default_factory=dict)
    extra_env: dict[str, str] = field(default_factory=dict)

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
            TRACKER_DATABASE_URL=f"sqlite:///{self.workdir / 'tracker.sqlite3'}",
            INTAKE_OUTBOX_DIR=str(self.workdir / "outbox"),
            INTAKE_API_TOKEN=self.api_token,
            SECRET_KEY="e2e-secret",
            ACTION_SERVER_URL=f"http://127.0.0.1:{self.ports['actions']}/webhook",
            TF_CPP_MIN_LOG_LEVEL="2",
            PYTHONWARNINGS="ignore",
            PURGE_INTERVAL_HOURS="0",
            RASA_URL=f"http://127.0.0.1:{self.ports['rasa']}",
            SANIC_KEEP_ALIVE_TIMEOUT="75",  # as scripts/run.sh: longer than any client keeps one
            CHAT_LIMIT_PER_SENDER=str(self.chat_limit_per_sender),
            CHAT_LIMIT_PER_ADDRESS=str(self.chat_limit_per_address),
        )
        env.update(self.extra_env)
        return env

    def commands(self) -> dict[str, tuple[list[str], str]]:
        """name -> (command, the URL that answers once it is up)."""
        model = trained_model()
        python = str(VENV_BIN / "python")
        return {
            "actions": (
                [python, "-m", "rasa_sdk", "--actions", "actions",
                 "--port", str(self.ports["actions"])],
                f"http://127.0.0.1:{self.ports['actions']}/health",
            ),
            "web": (
                [python, "-m", "bot", "web", "--host", "127.0.0.1",
                 "--port", str(self.ports["web"])],
                f"{self.web_url}/api/health",
            ),
            "rasa": (
                [str(VENV_BIN / "rasa"), "run", "--model", str(model),
                 "--endpoints", str(self.endpoints),
                 "--credentials", str(ROOT / "credentials.yml"),
                 "--port", str(self.ports["rasa"]), "--interface", "127.0.0.1"],
                f"{self.rasa_url}/",
            ),
        }

    def start(self) -> Stack:
        self.ports = {"actions": free_port(), "rasa": free_port(), "web": free_port()}
        commands = self.commands()
        for name, (cmd, _) in commands.items():
            self._spawn(name, cmd)
        for name, (_, url) in commands.items():
            self._wait(url, 240 if name == "rasa" else 90)
        return self

    def _spawn(self, name: str, cmd: list[str]) -> None:
        handle = (self.workdir / f"{name}.log").open("ab")
        proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env(), stdout=handle,
                                stderr=subprocess.STDOUT)
        self.named[name] = proc
        self.procs.append(proc)

    def kill(self, name: str, *, hard: bool = True) -> None:
        """Stop one process (SIGKILL: as a crash would; else SIGTERM)."""
        proc = self.named.pop(name)
        self.procs.remove(proc)
        if hard:
            proc.kill()
        else:
            proc.terminate()
        proc.wait(timeout=30)

    def restart(self, name: str) -> None:
        """Start a stopped process again and wait until it answers."""
        cmd, url = self.commands()[name]
        self._spawn(name, cmd)
        self._wait(url, 240 if name == "rasa" else 90)

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
        status, body = self.post(sender, message)
        assert status == 200, (status, body)
        return body

    def post(self, sender: str, message: str, headers: dict | None = None) -> tuple[int, object]:
        """One chat message, any answer: (status, body)."""
        return http("POST", f"{self.rasa_url}/webhooks/rest/webhook",
                    {"sender": sender, "message": message}, headers=headers)

    def intake(self, sender: str, token: str | None = "default") -> tuple[int, object]:
        headers = {}
        if token == "default":
            token = self.api_token
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return http("GET", f"{self.web_url}/api/intakes/{sender}", headers=headers)


# --- the scaled setup: scripts/run.sh --scale N ------------------------------------------------

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL") or "postgresql://postgres@127.0.0.1:5432/test"


@dataclass
class ScaledStack:
    """``scripts/run.sh --scale N --background`` on free ports with its own PostgreSQL
    database and var directory: N Rasa servers behind nginx, Rasa's SQL tracker store on
    PostgreSQL, Rasa's Redis lock store, action-server workers and two web apps."""

    workdir: Path
    instances: int = 2
    api_token: str = "scale-test-token"
    database: str = field(default_factory=lambda: f"intake_scale_{os.getpid()}_{int(time.time())}")
    ports: dict[str, int] = field(default_factory=dict)

    @property
    def database_url(self) -> str:
        from sqlalchemy.engine import make_url

        return make_url(PG_ADMIN_URL).set(database=self.database).render_as_string(False)

    @property
    def rasa_url(self) -> str:  # nginx
        return f"http://127.0.0.1:{self.ports['rasa']}"

    def instance_url(self, number: int) -> str:  # 1-based, straight to one Rasa server
        return f"http://127.0.0.1:{self.ports['rasa_base'] + number - 1}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['web']}"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            INTAKE_VAR_DIR=str(self.workdir),
            INTAKE_OUTBOX_DIR=str(self.workdir / "outbox"),
            DATABASE_URL=self.database_url,
            TRACKER_DATABASE_URL=self.database_url,
            INTAKE_API_TOKEN=self.api_token,
            SECRET_KEY="scale-secret",
            RASA_PORT=str(self.ports["rasa"]),
            RASA_HOST="127.0.0.1",
            RASA_INSTANCE_BASE_PORT=str(self.ports["rasa_base"]),
            ACTION_PORT=str(self.ports["actions"]),
            WEB_PORT=str(self.ports["web"]),
            WEB_INSTANCE_BASE_PORT=str(self.ports["web_base"]),
            ACTION_WORKERS="2",
            PURGE_INTERVAL_HOURS="0",
            REDIS_LOCK_DB="3",
            REDIS_URL="redis://127.0.0.1:6379/4",
            CHAT_LIMIT_PER_SENDER="40",  # as Stack: more than a test conversation sends
        )
        env.pop("ACTION_SERVER_URL", None)
        return env

    def start(self) -> ScaledStack:
        base = free_port()
        # Consecutive ports for the instances: pick a base with room after it.
        while not all(_port_free(base + i) for i in range(self.instances + 2)):
            base = free_port()
        self.ports = {
            "rasa": free_port(), "actions": free_port(), "web": free_port(),
            "rasa_base": base, "web_base": base + self.instances,
        }
        out = subprocess.run(
            ["bash", str(ROOT / "scripts" / "run.sh"), "--scale", str(self.instances),
             "--background"],
            cwd=ROOT, env=self.env(), capture_output=True, text=True, timeout=600,
        )
        if out.returncode != 0:
            self.stop()
            raise RuntimeError(
                f"run.sh --scale failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
            )
        return self

    def pid(self, name: str) -> int | None:
        path = self.workdir / "run" / f"{name}.pid"
        return int(path.read_text()) if path.exists() else None

    def kill(self, name: str) -> None:
        """Kill one process hard (SIGKILL), as a crash would."""
        import signal

        pid = self.pid(name)
        if pid:
            os.kill(pid, signal.SIGKILL)
            (self.workdir / "run" / f"{name}.pid").unlink(missing_ok=True)
            for _ in range(100):
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    return
                time.sleep(0.05)

    def stop(self) -> None:
        subprocess.run(["bash", str(ROOT / "scripts" / "stop.sh")], cwd=ROOT, env=self.env(),
                       capture_output=True, timeout=60)
        from sqlalchemy import create_engine, text

        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)'))
        finally:
            admin.dispose()

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
            for p in sorted((self.workdir / "log").glob("*.log"))
        )

    def say(self, sender: str, message: str, instance: int | None = None) -> list[dict]:
        url = self.instance_url(instance) if instance else self.rasa_url
        status, body = http("POST", f"{url}/webhooks/rest/webhook",
                            {"sender": sender, "message": message})
        assert status == 200, (status, body)
        return body

    def intake(self, sender: str) -> tuple[int, object]:
        return http("GET", f"{self.web_url}/api/intakes/{sender}",
                    headers={"Authorization": f"Bearer {self.api_token}"})


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True
