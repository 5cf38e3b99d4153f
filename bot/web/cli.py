"""Command-line tools for the workspace and privacy jobs (registered by ``bot/cli.py``).

    python -m bot web [--host H] [--port P]          serve the workspace (uvicorn)
    python -m bot create-admin [--username U] [--password-stdin]
    python -m bot create-user USERNAME --role ROLE [--school NAME] [--password-stdin]
    python -m bot purge [--dry-run]                  apply the retention periods
    python -m bot export-person SENDER_ID [-o FILE]  inzage JSON
    python -m bot erase-person SENDER_ID [--yes] [--dry-run]
    python -m bot db-upgrade                         alembic upgrade head
    python -m bot db-create                          create the PostgreSQL databases if missing

Passwords are never taken from the command line itself (they would end up in the shell
history and the process list): from a prompt, from stdin (``--password-stdin``), or from the
environment variable ``INTAKE_ADMIN_PASSWORD`` / ``INTAKE_USER_PASSWORD``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

ROLES = ("klantbegeleider", "school", "beheerder")


def _err(message: str) -> int:
    print(f"Fout: {message}", file=sys.stderr)
    return 1


def _read_password(args: argparse.Namespace, env_name: str) -> str | None:
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\r\n")
    if os.environ.get(env_name):
        return os.environ[env_name]
    if not sys.stdin.isatty():
        return None
    import getpass

    first = getpass.getpass("Wachtwoord: ")
    if getpass.getpass("Nog een keer: ") != first:
        print("De wachtwoorden zijn niet gelijk.", file=sys.stderr)
        return None
    return first


def _store():
    from bot.storage import get_store

    return get_store()


def _guard(func):
    """Turn storage errors into a Dutch message and exit code instead of a traceback."""

    def wrapper(args: argparse.Namespace) -> int:
        from bot.storage import StorageUnavailable, ValidationError

        try:
            return func(args)
        except StorageUnavailable:
            from bot.settings import load_settings

            url = _safe_url(load_settings().database_url)
            return _err(f"de database is niet bereikbaar ({url}).")
        except ValidationError as exc:
            return _err(str(exc))

    return wrapper


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


# -- commands --------------------------------------------------------------------------------


def cmd_web(args: argparse.Namespace) -> int:
    import uvicorn

    from bot.settings import load_settings
    from bot.web.app import create_app

    settings = load_settings()
    host = args.host or settings.web_host
    port = args.port or settings.web_port
    app = create_app(settings)
    database = _safe_url(settings.database_url)
    print(f"Intake-werkplek op http://{host}:{port}/ (database: {database})")
    uvicorn.run(app, host=host, port=port, proxy_headers=args.proxy_headers,
                forwarded_allow_ips=args.forwarded_allow_ips, log_level=args.log_level)
    return 0


@_guard
def cmd_create_admin(args: argparse.Namespace) -> int:
    store = _store()
    username = args.username or os.environ.get("INTAKE_ADMIN_USERNAME") or "beheerder"
    if store.count_users("beheerder") and not args.force:
        print("Er is al een beheerder; niets gedaan. (Gebruik --force voor nog een beheerder.)")
        return 0
    password = _read_password(args, "INTAKE_ADMIN_PASSWORD")
    if not password:
        return _err("geen wachtwoord: gebruik --password-stdin, INTAKE_ADMIN_PASSWORD of "
                    "een terminal.")
    user = store.create_user(username, password, "beheerder", display_name=args.display_name)
    print(f"Beheerder '{user['username']}' aangemaakt.")
    return 0


@_guard
def cmd_create_user(args: argparse.Namespace) -> int:
    password = _read_password(args, "INTAKE_USER_PASSWORD")
    if not password:
        return _err("geen wachtwoord: gebruik --password-stdin, INTAKE_USER_PASSWORD of "
                    "een terminal.")
    user = _store().create_user(args.username, password, args.role, school_name=args.school,
                                display_name=args.display_name)
    school = f" ({user['school_name']})" if user["school_name"] else ""
    print(f"Gebruiker '{user['username']}' aangemaakt met rol {user['role']}{school}.")
    return 0


@_guard
def cmd_purge(args: argparse.Namespace) -> int:
    from bot.privacy.retention import purge
    from bot.settings import load_settings

    settings = load_settings()
    report = purge(_store(), settings.retention, dry_run=args.dry_run,
                   tracker_url=settings.tracker_database_url)
    print(json.dumps(report.as_dict(), indent=2))
    return 0


def _person_actor():
    import getpass

    from bot.storage import Actor

    try:
        who = getpass.getuser()
    except Exception:
        who = "unknown"
    return Actor(f"cli:{who}"[:100], "beheerder")


@_guard
def cmd_export_person(args: argparse.Namespace) -> int:
    from bot.privacy.inzage import export_person
    from bot.storage import NotFound

    try:
        document = export_person(_store(), args.sender_id, _person_actor())
    except NotFound:
        return _err(f"onder kenmerk {args.sender_id!r} is niets opgeslagen.")
    text = json.dumps(document, ensure_ascii=False, indent=2)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        os.chmod(args.output, 0o600)
        print(f"Inzage geschreven naar {args.output}")
    else:
        print(text)
    return 0


@_guard
def cmd_erase_person(args: argparse.Namespace) -> int:
    from bot.privacy.erasure import erase_person
    from bot.settings import load_settings

    if not args.yes and not args.dry_run:
        if not sys.stdin.isatty():
            return _err("wissen is definitief: bevestig met --yes.")
        answer = input(f"Alle gegevens van {args.sender_id!r} definitief wissen? Typ 'ja': ")
        if answer.strip().lower() != "ja":
            print("Niets gewist.")
            return 1
    report: dict[str, Any] = erase_person(
        _store(), args.sender_id, _person_actor(), dry_run=args.dry_run,
        tracker_url=load_settings().tracker_database_url,
    )
    print(json.dumps(report, indent=2))
    return 0 if report["found"] or report.get("tracker_events") else 3


@_guard
def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from bot.storage.migrate import current_revision, head_revision

    store = _store()
    store.ensure_schema()
    print(f"Database op versie {current_revision(store.engine)} (nieuwste: {head_revision()}).")
    return 0


@_guard
def cmd_db_create(args: argparse.Namespace) -> int:
    """Create the databases of DATABASE_URL and TRACKER_DATABASE_URL when missing, then migrate."""
    from bot.settings import load_settings
    from bot.storage.engine import create_database_if_missing

    settings = load_settings()
    for url in dict.fromkeys([settings.database_url, settings.tracker_database_url]):
        if url and create_database_if_missing(url):
            print(f"Database aangemaakt: {_safe_url(url)}")
    return cmd_db_upgrade(args)


# -- registration ----------------------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction) -> None:
    web = subparsers.add_parser("web", help="de werkplek voor klantbegeleiders starten")
    web.add_argument("--host", help="standaard WEB_HOST of 127.0.0.1")
    web.add_argument("--port", type=int, help="standaard WEB_PORT of 8000")
    web.add_argument("--proxy-headers", action="store_true",
                     help="X-Forwarded-For/-Proto vertrouwen (achter een reverse proxy)")
    web.add_argument("--forwarded-allow-ips", default="127.0.0.1",
                     help="proxy-adressen die vertrouwd worden (standaard 127.0.0.1)")
    web.add_argument("--log-level", default="info")
    web.set_defaults(func=cmd_web)

    admin = subparsers.add_parser("create-admin", help="de eerste beheerder aanmaken")
    admin.add_argument("--username", help="standaard INTAKE_ADMIN_USERNAME of 'beheerder'")
    admin.add_argument("--display-name")
    admin.add_argument("--password-stdin", action="store_true",
                       help="wachtwoord van stdin lezen (anders INTAKE_ADMIN_PASSWORD of prompt)")
    admin.add_argument("--force", action="store_true",
                       help="ook aanmaken als er al een beheerder is")
    admin.set_defaults(func=cmd_create_admin)

    user = subparsers.add_parser("create-user", help="een gebruiker aanmaken")
    user.add_argument("username")
    user.add_argument("--role", required=True, choices=ROLES)
    user.add_argument("--school", help="schoolnaam (verplicht voor de rol school)")
    user.add_argument("--display-name")
    user.add_argument("--password-stdin", action="store_true",
                      help="wachtwoord van stdin lezen (anders INTAKE_USER_PASSWORD of prompt)")
    user.set_defaults(func=cmd_create_user)

    purge = subparsers.add_parser("purge", help="bewaartermijnen toepassen (voor cron)")
    purge.add_argument("--dry-run", action="store_true", help="alleen tellen, niets wissen")
    purge.set_defaults(func=cmd_purge)

    export = subparsers.add_parser("export-person", help="inzage: alle gegevens van een persoon")
    export.add_argument("sender_id")
    export.add_argument("-o", "--output", help="naar dit bestand (mode 600) in plaats van stdout")
    export.set_defaults(func=cmd_export_person)

    erase = subparsers.add_parser("erase-person", help="alle gegevens van een persoon wissen")
    erase.add_argument("sender_id")
    erase.add_argument("--yes", action="store_true", help="niet om bevestiging vragen")
    erase.add_argument("--dry-run", action="store_true", help="alleen tellen, niets wissen")
    erase.set_defaults(func=cmd_erase_person)

    upgrade = subparsers.add_parser("db-upgrade", help="databaseschema bijwerken (alembic)")
    upgrade.set_defaults(func=cmd_db_upgrade)

    create = subparsers.add_parser("db-create", help="databases aanmaken als ze er niet zijn")
    create.set_defaults(func=cmd_db_create)
