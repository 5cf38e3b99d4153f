"""CSV in: a school's spreadsheet with one pupil (or person) per row → raw profiles.

Columns are named after the profile fields (contract §2). Nested fields use a dot or an
underscore (``school.type`` or ``school_type``, ``motivation_importance``), life domains may
be written ``life_domains.wonen``, ``life_domain_wonen``, ``leefgebied_wonen`` or just
``wonen``, and a few Dutch headers are understood (``leeftijd``, ``opleiding``,
``uren_per_week``, ...; the full list is in docs/triage.md and ``COLUMN_ALIASES``). Headers
are matched case-insensitively, without accents. Columns starting with ``x_`` are the
municipality's or school's own and pass through untouched.

Cells: empty = unknown; lists are separated by ``;`` or ``|`` (with ``;`` as the CSV
delimiter, quote the cell or use ``|``). Values are *not* judged here: every cell is text, and
``validate_profile(..., lenient=True)`` reads it (ja/nee, true/false, 1/0; a decimal comma;
``onbekend``; ``juli 2026``), so a CSV row and a JSON profile get the same messages. That
lenient reading is for CSV cells (and chat answers) only; JSON is strict (docs/triage.md).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from bot.profile import (
    FIELD_KINDS,
    LIFE_DOMAINS,
    PROFILE_FIELDS,
    RULERS,
    SCHOOL_FIELDS,
    strip_accents,
    unknown_name_message,
)

# Dutch headers a school is likely to use, mapped to the canonical column name.
COLUMN_ALIASES: dict[str, str] = {
    "naam": "name",
    "roepnaam": "name",
    "leeftijd": "age",
    "schooltype": "school_type",
    "soort_school": "school_type",
    "uitstroomprofiel": "school_uitstroomprofiel",
    "schoolnaam": "school_name",
    "school_naam": "school_name",
    "leaving_date": "school_leaving_date",
    "einddatum_school": "school_leaving_date",
    "uitstroomdatum": "school_leaving_date",
    "uitkering": "benefit",
    "wil_werken": "wants_to_work",
    "belang": "motivation_importance",
    "vertrouwen": "motivation_confidence",
    "bereidheid": "motivation_readiness",
    "werkwaarden": "work_values",
    "opleiding": "education",
    "opleidingsniveau": "education",
    "werkervaring": "work_experience",
    "vaardigheden": "skills",
    "uren_per_week": "hours_per_week",
    "start_binnen_6_maanden": "can_start_within_6_months",
    "zelfstandig_minimumloon": "can_earn_minimum_wage_alone",
    "ondersteuning": "support_needs",
    "ondersteuningsbehoefte": "support_needs",
    "ggz_behandeling": "in_ggz_treatment",
    "epa": "severe_mental_illness",
    "werknemersvaardigheden": "employee_skills",
    "crisissignalen": "crisis_signals",
    "wil_medewerker": "wants_human",
    # PrO/VSO leaving specifics (issue 12)
    "overgangsdocument": "school_overgangsdocument",
    "praktijkverklaring": "school_praktijkverklaring",
    "stage": "school_stage",
    "stages": "school_stage",
    "stage_toelichting": "school_stage_text",
}

_LIST_KINDS = ("list", "enum_list", "names")
_LIST_SPLIT = re.compile(r"[;|]")


class CsvError(Exception):
    """The file as a whole cannot be read (header, encoding); names the column or line."""


@dataclass
class CsvRow:
    row: int  # 1-based number of the profile (empty lines not counted)
    line: int  # line in the file where the row ends
    profile: dict[str, Any] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)  # header as written -> cell, as typed


@dataclass
class CsvTable:
    rows: list[CsvRow]
    columns: dict[str, str]  # profile field path → header as written, for error messages

    def column_of(self, path: str) -> str | None:
        base = path.split("[", 1)[0]
        return self.columns.get(base)


def _canonical_columns() -> dict[str, tuple[str, ...]]:
    columns: dict[str, tuple[str, ...]] = {}
    for name in PROFILE_FIELDS:
        if name not in ("school", "motivation", "life_domains"):
            columns[name] = (name,)
    for sub in SCHOOL_FIELDS:
        columns[f"school_{sub}"] = ("school", sub)
    for ruler in RULERS:
        columns[f"motivation_{ruler}"] = ("motivation", ruler)
        columns[ruler] = ("motivation", ruler)
    for domain in LIFE_DOMAINS:
        for name in (f"life_domains_{domain}", f"life_domain_{domain}", f"leefgebied_{domain}"):
            columns[name] = ("life_domains", domain)
        columns[domain] = ("life_domains", domain)
    for alias, target in COLUMN_ALIASES.items():
        columns[alias] = columns[target]
    return columns


COLUMNS: dict[str, tuple[str, ...]] = _canonical_columns()


def normalise_header(header: str) -> str:
    """``"Uren per week"`` → ``"uren_per_week"``; ``"school.type"`` → ``"school_type"``."""
    plain = strip_accents(header).strip().lower()
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


def detect_delimiter(first_line: str) -> str:
    """The most frequent of ``;``, ``,`` and tab outside quotes in the header line."""
    outside = re.sub(r'"[^"]*"', "", first_line)
    counts = {d: outside.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(text: str) -> CsvTable:
    """Parse CSV text into raw profiles, one per non-empty row."""
    text = text.lstrip("\ufeff")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    if not first_line:
        raise CsvError("het CSV-bestand is leeg")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(first_line))
    try:
        header: list[str] | None = None
        targets: list[tuple[str, ...] | None] = []
        table = CsvTable([], {})
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = cells
                targets = _map_header(cells, table)
                continue
            table.rows.append(
                _read_row(cells, header, targets, len(table.rows) + 1, reader.line_num)
            )
    except csv.Error as exc:
        raise CsvError(f"regel {reader.line_num}: onleesbare CSV ({exc})") from None
    return table


def _map_header(cells: list[str], table: CsvTable) -> list[tuple[str, ...] | None]:
    targets: list[tuple[str, ...] | None] = []
    seen: dict[tuple[str, ...], str] = {}
    problems: list[str] = []
    for raw in cells:
        name = normalise_header(raw)
        if not name:
            targets.append(None)  # an unnamed column (often a trailing delimiter) is ignored
            continue
        if name.startswith("x_"):
            targets.append(("x", name))
            continue
        target = COLUMNS.get(name)
        if target is None:
            message = unknown_name_message(f'onbekende kolom "{raw.strip()}"', name, tuple(COLUMNS))
            problems.append(message)
            targets.append(None)
            continue
        if target in seen:
            problems.append(
                f'kolommen "{seen[target]}" en "{raw.strip()}" gaan over hetzelfde veld'
            )
        seen[target] = raw.strip()
        table.columns[".".join(target)] = raw.strip()
        targets.append(target)
    if problems:
        raise CsvError("; ".join(problems) + " (zie docs/triage.md voor de kolomnamen)")
    return targets


def _read_row(
    cells: list[str], header: list[str], targets: list[tuple[str, ...] | None], row: int, line: int
) -> CsvRow:
    result = CsvRow(row, line)
    result.cells = {
        name.strip(): cell for name, cell in zip(header, cells, strict=False) if name.strip()
    }
    if len(cells) > len(header):
        extra = cells[len(header) :]
        if any(c.strip() for c in extra):
            result.errors.append(
                ("(rij)", f"{len(cells)} cellen, maar de kop heeft er {len(header)}")
            )
            return result
    profile = result.profile
    for target, cell in zip(targets, cells, strict=False):
        if target is None or not cell.strip():
            continue  # missing trailing cells and empty cells mean: unknown
        if target[0] == "x":
            profile[target[1]] = cell
            continue
        if len(target) == 1:
            profile[target[0]] = _convert(FIELD_KINDS[target[0]][0], cell)
        else:
            profile.setdefault(target[0], {})[target[1]] = cell.strip()
    return result


def row_from_cells(cells: dict[str, str], row: int = 1, line: int = 0) -> tuple[CsvRow, CsvTable]:
    """One row given as {header: cell} (a corrected row in the workspace), read exactly as a
    CSV row with that header would be. Raises ``CsvError`` for an unknown column."""
    header = list(cells)
    table = CsvTable([], {})
    targets = _map_header(header, table)
    return _read_row([str(cells[h]) for h in header], header, targets, row, line), table


def _convert(kind: str, cell: str) -> Any:
    if kind in _LIST_KINDS:
        return [part.strip() for part in _LIST_SPLIT.split(cell) if part.strip()]
    return cell.strip()
