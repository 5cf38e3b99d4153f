"""Batch pre-screening: a school's list of pupils (CSV, or a JSON list of contract §2 profiles)
becomes one assessed row per pupil: the advice with its reasons, or the errors naming the field
and the column. A bad row never stops the good ones.

Every row keeps its cells as text, as the school wrote them, so a row can be corrected in the
workspace and assessed again with exactly the same reading as the upload (``assess_cells``).
The school's own name is put into every profile (``school.name``), whatever the file says, so
a list can only ever be about the uploading school's pupils.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from bot.pii.bsn import mask_bsn_deep
from bot.profile import ProfileError
from bot.triage.csv_input import CsvError, CsvTable, read_csv, row_from_cells

MAX_ROWS = 500
MAX_BYTES = 2_000_000

# The template's columns, in order: (header, what to fill in). docs/workspace.md lists them too.
TEMPLATE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("naam", "voornaam van de leerling"),
    ("x_leerlingnummer", "uw eigen nummer voor de leerling (geen BSN)"),
    ("leeftijd", "leeftijd in jaren"),
    ("schooltype", "PrO of VSO"),
    ("uitstroomprofiel", "arbeidsmarkt, dagbesteding of vervolgonderwijs"),
    ("overgangsdocument", "ja, nee of in_voorbereiding"),
    ("praktijkverklaring", "ja, nee of in_voorbereiding (ook een branchecertificaat)"),
    ("stage", "goed, wisselend, lastig of geen"),
    ("stage_toelichting", "waar en hoe de stages gingen"),
    ("droombaan", "wat de leerling het liefst wil doen"),
    ("wil_werken", "ja, nee of twijfel"),
    ("werkervaring", "stages en bijbanen, gescheiden door |"),
    ("vaardigheden", "waar de leerling goed in is, gescheiden door |"),
    ("werknemersvaardigheden", "goed, wisselend of lastig"),
    ("uren_per_week", "0 tot 60"),
    ("start_binnen_6_maanden", "ja of nee"),
    ("zelfstandig_minimumloon", "ja of nee"),
    ("ondersteuning", "waar hulp bij nodig is, gescheiden door |"),
    ("ggz_behandeling", "ja of nee"),
    ("epa", "ja of nee"),
    ("uitkering", "bijstand, wajong, wia, geen of anders"),
)
EXAMPLE_ROWS: tuple[tuple[str, ...], ...] = (
    ("Daan", "L-1001", "17", "VSO", "arbeidsmarkt", "ja", "in_voorbereiding", "goed",
     "stage in een magazijn, ging goed", "magazijnmedewerker", "ja", "stage magazijn",
     "netjes werken|tillen", "wisselend", "24", "ja", "nee", "inwerken op de werkvloer", "nee",
     "nee", "geen"),
    ("Sara", "L-1002", "18", "PrO", "", "nee", "ja", "wisselend", "", "werken met dieren",
     "twijfel", "stage kinderboerderij", "zorgen voor dieren", "lastig", "16", "ja", "nee",
     "vacatures zoeken|sollicitatiegesprek", "nee", "nee", "geen"),
)


class BatchFileError(Exception):
    """The file as a whole cannot be read; the message is Dutch, for the school."""


@dataclass
class AssessedRow:
    position: int
    line: int | None
    cells: dict[str, str]
    profile: dict[str, Any] | None = None
    advice: dict[str, Any] | None = None
    errors: list[dict[str, str | None]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def template_csv(with_examples: bool = False) -> str:
    """The template for Excel: ``;``-separated with a BOM, so Dutch Excel opens it as columns."""
    lines = [";".join(name for name, _ in TEMPLATE_COLUMNS)]
    if with_examples:
        lines += [";".join(row) for row in EXAMPLE_ROWS]
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


def read_upload(filename: str, raw: bytes, school_name: str) -> list[AssessedRow]:
    """Every row of an uploaded CSV or JSON file, assessed. Raises ``BatchFileError``."""
    if len(raw) > MAX_BYTES:
        raise BatchFileError("Het bestand is te groot. Een lijst mag hoogstens 2 MB zijn.")
    text = _decode(raw, filename)
    if not text.strip():
        raise BatchFileError("Het bestand is leeg.")
    is_json = filename.lower().endswith(".json") or text.lstrip()[:1] in ("[", "{")
    rows = _read_json(text, school_name) if is_json else _read_csv(text, school_name)
    if not rows:
        raise BatchFileError("Er staan geen leerlingen in het bestand. Is de eerste regel de kop?")
    if len(rows) > MAX_ROWS:
        raise BatchFileError(
            f"Er staan {len(rows)} leerlingen in. Stuur hoogstens {MAX_ROWS} per lijst."
        )
    return rows


def _decode(raw: bytes, filename: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        if filename.lower().endswith(".json"):
            raise BatchFileError("Het bestand is geen UTF-8. Sla het op als UTF-8.") from None
        # Excel on Windows saves "CSV (gescheiden door lijstscheidingsteken)" as cp1252.
        return raw.decode("cp1252", errors="replace")


def _read_csv(text: str, school_name: str) -> list[AssessedRow]:
    try:
        table = read_csv(text)
    except CsvError as exc:
        raise BatchFileError(f"Het bestand klopt niet: {exc}.") from None
    out = []
    for row in table.rows:
        assessed = AssessedRow(row.row, row.line, mask_bsn_deep(dict(row.cells)))
        if row.errors:
            assessed.errors = _errors(row.errors, table)
        else:
            _advise(assessed, row.profile, school_name, table)
        out.append(assessed)
    return out


def _read_json(text: str, school_name: str) -> list[AssessedRow]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BatchFileError(
            f"Het JSON-bestand klopt niet op regel {exc.lineno}, kolom {exc.colno}."
        ) from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise BatchFileError("Verwacht een lijst van profielen (JSON).")
    out = []
    for position, item in enumerate(data, start=1):
        assessed = AssessedRow(position, None, mask_bsn_deep(cells_from_profile(item)))
        if not isinstance(item, dict):
            assessed.errors = [{"field": "(profiel)", "column": None,
                                "message": "verwacht een profiel (object met velden)"}]
        else:
            _advise(assessed, dict(item), school_name, None)
        out.append(assessed)
    return out


def assess_cells(
    cells: dict[str, str], position: int, line: int | None, school_name: str
) -> AssessedRow:
    """A corrected row: read as a CSV row with these headers, then assessed."""
    assessed = AssessedRow(position, line, mask_bsn_deep({k: str(v) for k, v in cells.items()}))
    try:
        row, table = row_from_cells(assessed.cells, position, line or 0)
    except CsvError as exc:
        assessed.errors = [{"field": "(kolommen)", "column": None, "message": str(exc)}]
        return assessed
    if row.errors:
        assessed.errors = _errors(row.errors, table)
    else:
        _advise(assessed, row.profile, school_name, table)
    return assessed


def _advise(
    assessed: AssessedRow, profile: dict[str, Any], school_name: str, table: CsvTable | None
) -> None:
    from bot.profile import validate_profile
    from bot.triage import advise_validated, current_policy

    profile = mask_bsn_deep(profile)
    profile.setdefault("respondent", "school")
    school = profile.get("school")
    if school is None or isinstance(school, dict):
        profile["school"] = {**(school or {}), "name": school_name}
    try:
        # The input rule (docs/triage.md): CSV cells are read leniently, JSON strictly.
        normalised = validate_profile(profile, lenient=table is not None)
    except ProfileError as exc:
        assessed.errors = _errors(exc.errors, table)
        return
    assessed.profile = normalised
    assessed.advice = advise_validated(normalised, current_policy()).to_dict()


def _errors(errors: list[tuple[str, str]], table: CsvTable | None) -> list[dict[str, str | None]]:
    return [
        {"field": path, "column": table.column_of(path) if table else None, "message": message}
        for path, message in errors
    ]


def cells_from_profile(profile: Any) -> dict[str, str]:
    """A JSON profile as CSV cells (canonical column names), so it can be corrected like a row."""
    if not isinstance(profile, dict):
        return {}
    cells: dict[str, str] = {}
    for key, value in profile.items():
        if key == "school" and isinstance(value, dict):
            for sub, sub_value in value.items():
                if sub != "name":  # the school is the uploading school
                    cells[f"school_{sub}"] = _cell(sub_value)
        elif key == "motivation" and isinstance(value, dict):
            for sub, sub_value in value.items():
                cells[f"motivation_{sub}"] = _cell(sub_value)
        elif key == "life_domains" and isinstance(value, dict):
            for sub, sub_value in value.items():
                cells[f"leefgebied_{sub}"] = _cell(sub_value)
        elif key != "unknown":
            cells[str(key)] = _cell(value)
    return cells


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (list, tuple)):
        return "|".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
