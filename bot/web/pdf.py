"""The handover summary as a PDF for the client dossier (fpdf2, no network, no browser).

Uses DejaVu Sans when the system has it (names like "Şükrü" or "Łukasz" print correctly);
otherwise the built-in Helvetica, with characters outside Latin-1 reduced to their base
letter. The transcript is deliberately not part of the dossier document.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from fpdf import FPDF

from bot.web import labels
from bot.web.templating import format_datetime

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts/dejavu"),
)
_LATIN1_REPLACEMENTS = str.maketrans({
    "‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...",
    "€": "EUR", "•": "-", "→": "->",
})


def _find_fonts() -> tuple[Path, Path] | None:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            return regular, bold
    return None


class SummaryPdf(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        fonts = _find_fonts()
        self.unicode = fonts is not None
        if fonts:
            self.add_font("Body", "", str(fonts[0]))
            self.add_font("Body", "B", str(fonts[1]))
            self.family_name = "Body"
        else:
            self.family_name = "Helvetica"
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)
        self.set_title("Samenvatting intake")
        self.set_creator("Intake-assistent Supported Employment")

    def text_safe(self, text: Any) -> str:
        value = "" if text is None else str(text)
        if self.unicode:
            return value
        value = value.translate(_LATIN1_REPLACEMENTS)
        decomposed = unicodedata.normalize("NFKD", value)
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        return unicodedata.normalize("NFC", stripped).encode("latin-1", "replace").decode(
            "latin-1"
        )

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family_name, "", 8)
        self.set_text_color(80, 80, 80)
        self.cell(0, 6, self.text_safe(
            f"Vertrouwelijk: bevat persoonsgegevens.  Pagina {self.page_no()}/{{nb}}"
        ), align="C")

    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font(self.family_name, "B", 12)
        self.set_text_color(0, 0, 0)
        self.multi_cell(0, 7, self.text_safe(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def para(self, text: str, size: int = 10, bold: bool = False) -> None:
        self.set_font(self.family_name, "B" if bold else "", size)
        self.set_text_color(0, 0, 0)
        self.multi_cell(0, 5.5, self.text_safe(text), new_x="LMARGIN", new_y="NEXT")

    def bullet_list(self, items: list[str]) -> None:
        for item in items:
            self.para(f"- {item}")

    def row(self, label: str, value: str) -> None:
        """Label left, value right; the next row starts below whichever is taller."""
        if self.get_y() > self.h - 35:
            self.add_page()  # keep a label and its value on one page
        top, left = self.get_y(), self.l_margin
        self.set_font(self.family_name, "B", 10)
        self.multi_cell(55, 5.5, self.text_safe(label), new_x="LMARGIN", new_y="NEXT")
        label_bottom = self.get_y()
        page = self.page
        self.set_xy(left + 57, top)
        self.set_font(self.family_name, "", 10)
        self.multi_cell(0, 5.5, self.text_safe(value), new_x="LMARGIN", new_y="NEXT")
        if self.page == page:  # a long value may have continued on a new page
            self.set_y(max(label_bottom, self.get_y()) + 0.5)


def build_summary_pdf(intake: dict[str, Any], generated_by: str) -> bytes:
    profile = intake.get("profile") or {}
    advice = intake.get("advice") or {}
    pdf = SummaryPdf()
    pdf.alias_nb_pages()
    pdf.add_page()

    pdf.set_font(pdf.family_name, "B", 16)
    pdf.multi_cell(0, 9, pdf.text_safe("Samenvatting intake Supported Employment"),
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family_name, "", 9)
    now = datetime.now(timezone.utc)
    pdf.multi_cell(0, 5, pdf.text_safe(
        f"Gemaakt op {format_datetime(now)} door {generated_by}. Dit is een advies van de "
        "intake-assistent; de klantbegeleider beslist."), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    if intake.get("urgent"):
        pdf.set_fill_color(255, 235, 235)
        pdf.set_font(pdf.family_name, "B", 11)
        pdf.multi_cell(0, 7, pdf.text_safe(
            "URGENT: in het gesprek zijn signalen van acuut gevaar gezien."), fill=True,
            new_x="LMARGIN", new_y="NEXT")

    pdf.row("Naam", profile.get("name") or "onbekend")
    pdf.row("Kenmerk (chat)", intake.get("sender_id", ""))
    pdf.row("Binnengekomen", format_datetime(intake.get("created_at")))
    pdf.row("Gesprek", labels.CHAT_STATUS_LABELS.get(intake.get("status"), intake.get("status")))
    if intake.get("school_name"):
        pdf.row("School", intake["school_name"])

    pdf.heading("Samenvatting")
    pdf.para(intake.get("summary_text") or "Er is (nog) geen samenvatting.")

    pdf.heading("Advies van de assistent")
    if advice:
        pdf.para(labels.route_label(advice.get("route"), advice), bold=True)
        readiness = advice.get("readiness") or {}
        if readiness:
            parts = [f"totaal {readiness.get('score', '-')}"] + [
                f"{label.lower()} {readiness.get(key, '-')}"
                for key, label in labels.READINESS_PARTS
            ]
            pdf.para("Gereedheid (0-100): " + ", ".join(parts))
        warnings = labels.coach_warnings(advice)
        if warnings:
            pdf.para("Let op, vraag dit na:", bold=True)
            pdf.bullet_list(warnings)
        reasons = advice.get("reasons_b1") or advice.get("reasons") or []
        if reasons:
            pdf.para("Waarom dit advies:", bold=True)
            pdf.bullet_list([str(r) for r in reasons])
        if advice.get("referrals"):
            pdf.para("Ook doorverwijzen naar: " + ", ".join(map(str, advice["referrals"])))
    else:
        pdf.para("Nog geen advies: het gesprek is niet afgemaakt.")

    unknown = labels.unknown_fields(intake)
    if unknown:
        pdf.heading("Nog onbekend")
        pdf.para(", ".join(unknown))

    decision = intake.get("decision")
    pdf.heading("Besluit klantbegeleider")
    if decision:
        verb = "Advies overgenomen" if decision.get("follows_advice") else "Andere route gekozen"
        pdf.para(f"{verb}: {labels.route_label(decision.get('chosen_route'))}", bold=True)
        if decision.get("reason"):
            pdf.para(f"Reden: {decision['reason']}")
        pdf.para(f"Door {decision.get('by')} op {format_datetime(decision.get('created_at'))}",
                 size=9)
    else:
        pdf.para("Nog geen besluit.")

    pdf.heading("Profiel")
    for key, value in profile.items():
        if key in {"unknown"} or value in (None, "", [], {}):
            continue
        pdf.row(labels.field_label(key), labels.format_value(value, key))

    return bytes(pdf.output())
