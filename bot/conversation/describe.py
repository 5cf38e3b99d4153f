"""Short Dutch descriptions of answers, for "Ik heb ook genoteerd: ..." and the read-back."""

from __future__ import annotations

from typing import Any

from bot.conversation import catalogue as cat
from bot.conversation.flow import domain_of


def leaving_label(value: Any) -> str:
    """ "2027-07" -> "juli 2027"; the "no longer at school" answer in words."""
    if isinstance(value, str) and len(value) == 7 and value[4] == "-":
        months = (
            "januari", "februari", "maart", "april", "mei", "juni",
            "juli", "augustus", "september", "oktober", "november", "december",
        )  # fmt: skip
        return f"{months[int(value[5:]) - 1]} {value[:4]}"
    return cat.label("school_leaving", value)


def describe(slot: str, value: Any) -> str:
    """A short Dutch description of one answer, for "Ik heb ook genoteerd: ..."."""
    if slot == "hours_per_week":
        return f"{value} uur per week"
    if slot == "age":
        return f"{value} jaar"
    if slot == "can_start_within_6_months":
        return "je kunt snel beginnen" if value else "je kunt pas later beginnen"
    if slot == "benefit":
        return cat.label("benefit", value)
    if slot == "education":
        return f"opleiding: {cat.label('education', value)}"
    if slot == "school_type":
        return f"soort school {value}"
    if slot == "school_leaving_date":
        return "klaar met school: " + leaving_label(value)
    if slot == "name":
        return f"je naam ({value})"
    if slot == "can_earn_minimum_wage_alone" and isinstance(value, bool):
        return "minimumloon zelf verdienen: " + cat.label("yes_no", value)
    if slot in ("in_ggz_treatment", "severe_mental_illness") and isinstance(value, bool):
        topic = "hulp van de GGZ" if slot == "in_ggz_treatment" else "EPA"
        return f"{topic}: {cat.label('yes_no', value)}"
    if slot == "wants_to_work":
        return {"ja": "je wilt werken", "nee": "je wilt nu niet werken"}.get(value, "je twijfelt")
    domain = domain_of(slot)
    if domain:
        return cat.label("scale", value)
    return str(value)
