"""``python -m bot triage FILE``: advice for one profile, a JSON list or a CSV (contract §3).

Output (stdout, UTF-8 JSON): one advice object for a single JSON object; a list for a JSON
list or a CSV, each item the advice plus ``row`` (1-based) and, for CSV, ``line``.

Input rule (docs/triage.md): JSON is read strictly (``true``/``false`` for booleans, numbers
as numbers, enum values spelled as in contract §2, ``null`` for unknown); a CSV cell is read
leniently (``ja``/``nee``, ``1``/``0``, a decimal comma, ``onbekend``, ``juli 2026``).

Errors never show a traceback. Exit codes: 0 all fine; 2 malformed input (broken JSON, a
wrong value, an unknown column, a missing file, ...); 3 a policy file that cannot be used;
1 an unexpected internal error. In a list or CSV with some bad rows every bad row is reported
on stderr (row, line, field, column) and appears in the output as ``{"row", "error",
"errors"}`` in its place, so a school still gets the advice for the good rows; the exit code
is 2 all the same. ``--strict`` prints nothing when any row is bad.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any, TextIO

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INPUT = 2
EXIT_POLICY = 3


class InputError(Exception):
    """Input that cannot be read at all; the message is for the user, in Dutch."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "triage",
        help="advies (route en readiness) voor een profiel, een lijst of een CSV",
        description=(
            "Geeft per profiel het advies als JSON: route, readiness, redenen, "
            "doorverwijzingen en urgent. Invoer: .json (object of lijst), .csv "
            "(één persoon per rij) of '-' voor stdin."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="profiel(en): .json, .csv of - (stdin)")
    parser.add_argument(
        "--policy",
        metavar="PATH",
        help="eigen beleidsbestand (YAML); standaard TRIAGE_POLICY_FILE of het standaardbeleid",
    )
    parser.add_argument("--pretty", action="store_true", help="JSON met inspringing")
    parser.add_argument(
        "--today",
        metavar="JJJJ-MM-DD",
        type=_day,
        help="peildatum voor school.leaving_date (standaard: vandaag)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="bij een fout in een rij niets uitvoeren (standaard: goede rijen wel)",
    )
    parser.set_defaults(func=run)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"geen datum als 2026-07-01: {text}") from None


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except Exception as exc:  # never a traceback for the user
        if os.environ.get("TRIAGE_DEBUG"):
            raise
        _err(f"interne fout: {type(exc).__name__}: {exc}")
        return EXIT_INTERNAL


def _run(args: argparse.Namespace) -> int:
    from .policy import PolicyError, load_policy

    try:
        policy = load_policy(args.policy)
    except PolicyError as exc:
        _err(f"fout in beleid: {exc}")
        return EXIT_POLICY
    try:
        kind, text, name = _read_input(args.file)
    except InputError as exc:
        _err(str(exc))
        return EXIT_INPUT
    if kind == "json":
        return _run_json(text, name, policy, args)
    return _run_csv(text, policy, args)


def _run_json(text: str, name: str, policy: Any, args: argparse.Namespace) -> int:
    from bot.profile import ProfileError

    from .engine import advise

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        _err(f"ongeldige JSON in {name} op regel {exc.lineno}, kolom {exc.colno}: {exc.msg}")
        return EXIT_INPUT
    except RecursionError:
        _err(f"ongeldige JSON in {name}: te diep genest")
        return EXIT_INPUT
    if isinstance(data, dict):
        try:
            advice = advise(data, policy, today=args.today)
        except ProfileError as exc:
            for path, message in exc.errors:
                _err(f'fout in profiel, veld "{path}": {message}')
            return EXIT_INPUT
        _emit(advice.to_dict(), args.pretty)
        return EXIT_OK
    if not isinstance(data, list):
        _err(f"{name}: verwacht een profiel (object) of een lijst van profielen")
        return EXIT_INPUT
    items: list[dict[str, Any]] = []
    bad = 0
    for index, item in enumerate(data, start=1):
        try:
            advice = advise(item, policy, today=args.today)
        except ProfileError as exc:
            bad += 1
            for path, message in exc.errors:
                _err(f'fout in profiel {index}, veld "{path}": {message}')
            items.append(_error_item(index, None, exc.errors))
            continue
        items.append({**advice.to_dict(), "row": index})
    return _finish(items, bad, len(data), args)


def _run_csv(text: str, policy: Any, args: argparse.Namespace) -> int:
    from bot.profile import ProfileError

    from .csv_input import CsvError, read_csv
    from .engine import advise

    try:
        table = read_csv(text)
    except CsvError as exc:
        _err(f"fout in CSV: {exc}")
        return EXIT_INPUT
    items: list[dict[str, Any]] = []
    bad = 0
    for row in table.rows:
        errors = row.errors
        if not errors:
            try:
                # CSV cells are text: read leniently (the input rule, docs/triage.md).
                advice = advise(row.profile, policy, today=args.today, lenient=True)
            except ProfileError as exc:
                errors = exc.errors
        if errors:
            bad += 1
            for path, message in errors:
                column = table.column_of(path)
                where = f' (kolom "{column}")' if column and column != path else ""
                place = f"profiel {row.row} (CSV-regel {row.line})"
                _err(f'fout in {place}, veld "{path}"{where}: {message}')
            items.append(_error_item(row.row, row.line, errors))
            continue
        items.append({**advice.to_dict(), "row": row.row, "line": row.line})
    return _finish(items, bad, len(table.rows), args)


def _finish(items: list[dict[str, Any]], bad: int, total: int, args: argparse.Namespace) -> int:
    if bad and args.strict:
        _err(f"{bad} van {total} profielen hebben een fout; door --strict is er geen uitvoer.")
        return EXIT_INPUT
    _emit(items, args.pretty)
    if bad:
        _err(f'{bad} van {total} profielen hebben een fout; die staan als "error" in de uitvoer.')
        return EXIT_INPUT
    return EXIT_OK


def _error_item(row: int, line: int | None, errors: list[tuple[str, str]]) -> dict[str, Any]:
    item: dict[str, Any] = {"row": row}
    if line is not None:
        item["line"] = line
    item["error"] = "; ".join(f'veld "{p}": {m}' for p, m in errors)
    item["errors"] = [{"field": p, "message": m} for p, m in errors]
    return item


# --- input and output ----------------------------------------------------------------------


def _read_input(file: str) -> tuple[str, str, str]:
    """Return (kind, text, display name); kind is "json" or "csv"."""
    if file == "-":
        raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
        name = "stdin"
        suffix = ""
    else:
        path = Path(file)
        name = str(path)
        suffix = path.suffix.lower()
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"bestand niet gevonden: {name}") from None
        except IsADirectoryError:
            raise InputError(f"{name} is een map, geen bestand") from None
        except PermissionError:
            raise InputError(f"geen toegang tot {name}") from None
        except OSError as exc:
            raise InputError(f"kan {name} niet lezen: {exc.strerror}") from None
    text = _decode(raw, name, allow_legacy=suffix == ".csv")
    if not text.strip():
        raise InputError(f"{name} is leeg")
    if suffix == ".json":
        kind = "json"
    elif suffix == ".csv":
        kind = "csv"
    else:  # stdin or another extension: look at the first character
        kind = "json" if text.lstrip()[:1] in ("{", "[") else "csv"
    return kind, text, name


def _decode(raw: bytes | str, name: str, *, allow_legacy: bool) -> str:
    if isinstance(raw, str):
        return raw.lstrip("\ufeff")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if allow_legacy:
            # Excel on Windows saves "CSV (gescheiden door lijstscheidingsteken)" as cp1252.
            return raw.decode("cp1252", errors="replace")
        raise InputError(
            f"{name} is geen UTF-8 (byte {exc.start + 1}); sla het bestand op als UTF-8"
        ) from None


def _emit(data: Any, pretty: bool) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2 if pretty else None) + "\n"
    _write(sys.stdout, text)


def _err(message: str) -> None:
    _write(sys.stderr, _one_line(message) + "\n")


def _one_line(message: str) -> str:
    """One error, one line: a line break or control character in a column name or key the
    file gave (``"a\\nb"``) is shown escaped, so every line on stderr is one whole error."""
    if message.isprintable():
        return message
    return "".join(
        ch if ch == " " or unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp", "Cs")
        else (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        for ch in message
    )


def _write(stream: TextIO, text: str) -> None:
    # Write UTF-8 whatever the locale says (a C locale would choke on "–" or "ë").
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(text.encode("utf-8", errors="replace"))
        buffer.flush()
    else:
        stream.write(text)
