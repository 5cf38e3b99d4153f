"""Settings for the storage, the klantbegeleider workspace and privacy jobs.

Everything comes from environment variables, read when ``load_settings()`` is called, so a test
or a process can change the environment and load again. Defaults are safe for a single
machine: SQLite under ``var/``, the web app on localhost only, short retention for transcripts.

``DATABASE_URL``            ``sqlite:///var/intake.sqlite3`` (relative to the repo root);
                            ``postgresql://user:pass@host/db`` in production
``INTAKE_API_TOKEN``        bearer token for ``/api/intakes``; unset: generated into
                            ``var/intake_api_token`` (the API is never open)
``SECRET_KEY``              keys session-token hashes and the login-form CSRF token; unset:
                            generated into ``var/secret_key`` (survives restarts)
``WEB_HOST`` / ``WEB_PORT`` ``127.0.0.1`` / ``8000``: where ``python -m bot web`` listens
``COOKIE_SECURE``           ``false``; ``true`` behind https adds ``Secure`` to cookies
``SESSION_HOURS``           ``8``: a login lasts at most this long
``TRANSCRIPT_RETENTION_DAYS`` ``30``: transcripts and resume state
``INCOMPLETE_RETENTION_DAYS`` ``30``: unfinished intakes nobody worked on
``SUMMARY_RETENTION_DAYS``  ``365``: summaries, advice, decisions, notes
``AUDIT_RETENTION_DAYS``    ``730``: audit-log entries
``PURGE_INTERVAL_HOURS``    ``24``: the web app applies retention this often; ``0`` = off
``LOGIN_MAX_FAILURES``      ``5``: failed logins per username + IP before the slowdown
``LOGIN_LOCKOUT_SECONDS``   ``30``: first lockout; doubles per further failure, max 15 min
``REDIS_URL``               unset; when set, login-failure counters live in Redis
``TRACKER_DATABASE_URL``    ``sqlite:///var/tracker.sqlite3``; Rasa's SQL tracker store (the chat's
                            own copy of each conversation), cleaned by purge and erasure

The beheerder can change the three intake retention periods in the workspace; those values are
stored in the database and take precedence over the environment defaults.
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = REPO_ROOT / "var"
DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'intake.sqlite3'}"
DEFAULT_TRACKER_DATABASE_URL = f"sqlite:///{VAR_DIR / 'tracker.sqlite3'}"


def _env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        log.warning("%s=%r is not a whole number; using %s", name, raw, default)
        return default
    return max(minimum, value)


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    return raw in {"1", "true", "yes", "ja", "on"}


def normalise_database_url(url: str) -> str:
    """Make relative SQLite paths relative to the repo root, not the working directory.

    ``sqlite:///var/x.sqlite3`` would otherwise land wherever the process happened to start,
    and the chat's action server and the web app would silently use two databases.
    Also accept the ``postgres://`` spelling some hosting platforms use.
    """
    url = url.strip()
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    prefix = "sqlite:///"
    if url.startswith(prefix) and url != "sqlite:///:memory:":
        path = url[len(prefix) :]
        if path and not path.startswith("/"):
            url = prefix + str(REPO_ROOT / path)
    return url


def read_or_create_secret(path: Path, nbytes: int = 32) -> str:
    """Return the secret stored in ``path``, creating it (mode 600) on first use.

    Persisting it means sessions and tokens survive a restart without anyone having to
    configure a secret for a local installation.
    """
    try:
        value = path.read_text(encoding="utf-8").strip()
        if value:
            return value
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(nbytes)
    # O_EXCL: if two processes race, one wins and the other reads the winner's value.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    return value


@dataclass(frozen=True)
class RetentionDefaults:
    transcript_days: int = 30
    incomplete_days: int = 30
    summary_days: int = 365
    audit_days: int = 730


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    intake_api_token: str | None = None
    secret_key: str | None = None
    web_host: str = "127.0.0.1"
    web_port: int = 8000
    cookie_secure: bool = False
    session_hours: int = 8
    retention: RetentionDefaults = field(default_factory=RetentionDefaults)
    purge_interval_hours: int = 24
    login_max_failures: int = 5
    login_lockout_seconds: int = 30
    redis_url: str | None = None
    tracker_database_url: str | None = DEFAULT_TRACKER_DATABASE_URL
    var_dir: Path = VAR_DIR

    def resolved_secret_key(self) -> str:
        if self.secret_key:
            return self.secret_key
        return read_or_create_secret(self.var_dir / "secret_key")

    def resolved_api_token(self) -> str:
        """The API token; generated into ``var/intake_api_token`` when the variable is unset.

        A generated token is long and random, so an unconfigured installation never answers
        the API without a token; the log says where to find it.
        """
        if self.intake_api_token:
            return self.intake_api_token
        path = self.var_dir / "intake_api_token"
        existed = path.exists()
        token = read_or_create_secret(path)
        if not existed:
            log.warning(
                "INTAKE_API_TOKEN is not set; generated an API token into %s. "
                "Set INTAKE_API_TOKEN to choose one.",
                path,
            )
        return token


def load_settings() -> Settings:
    """Read the environment now (cheap: secrets are only read when used)."""
    env = os.environ
    return Settings(
        database_url=normalise_database_url(env.get("DATABASE_URL") or DEFAULT_DATABASE_URL),
        intake_api_token=env.get("INTAKE_API_TOKEN") or None,
        secret_key=env.get("SECRET_KEY") or None,
        web_host=env.get("WEB_HOST") or "127.0.0.1",
        web_port=_env_int("WEB_PORT", 8000, minimum=1),
        cookie_secure=_env_bool("COOKIE_SECURE", False),
        session_hours=_env_int("SESSION_HOURS", 8, minimum=1),
        retention=RetentionDefaults(
            transcript_days=_env_int("TRANSCRIPT_RETENTION_DAYS", 30, minimum=1),
            incomplete_days=_env_int("INCOMPLETE_RETENTION_DAYS", 30, minimum=1),
            summary_days=_env_int("SUMMARY_RETENTION_DAYS", 365, minimum=1),
            audit_days=_env_int("AUDIT_RETENTION_DAYS", 730, minimum=1),
        ),
        purge_interval_hours=_env_int("PURGE_INTERVAL_HOURS", 24, minimum=0),
        login_max_failures=_env_int("LOGIN_MAX_FAILURES", 5, minimum=1),
        login_lockout_seconds=_env_int("LOGIN_LOCKOUT_SECONDS", 30, minimum=1),
        redis_url=env.get("REDIS_URL") or None,
        tracker_database_url=tracker_database_url(),
    )


def tracker_database_url() -> str:
    """Where Rasa's tracker store keeps conversations (read by the Rasa server, purge, erasure)."""
    raw = os.environ.get("TRACKER_DATABASE_URL") or DEFAULT_TRACKER_DATABASE_URL
    return normalise_database_url(raw)
