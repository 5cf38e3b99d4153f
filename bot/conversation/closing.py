"""The end of the intake: profile, advice and coach summary for the confirmed answers, the
closing messages the person reads (the advice, its main reason, the next step), and their own
summary to print or download."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.conversation import catalogue as cat
from bot.conversation.asking import _name_of
from bot.conversation.catalogue import BotMessage
from bot.conversation.profile_builder import build_profile
from bot.conversation.summary import coach_summary, readback_lines


@dataclass
class Outcome:
    profile: dict[str, Any]
    advice: dict[str, Any]
    summary_text: str
    messages: list[BotMessage]
    # The person's own summary, to print or download at the end (the widget shows it).
    person_summary: dict[str, Any] | None = None


def person_summary(values: Mapping[str, Any], messages: list[BotMessage]) -> dict[str, Any]:
    """What the person told and the advice they heard, nothing more: it was all on their
    screen already. Sections of plain lines, so any client can print it."""
    school = values.get("respondent") == "school"
    told = [line.lstrip("• ").strip() for line in readback_lines(values)]
    # messages: intro, the advice ..., the routes explained (a question, not part of it)
    heard = [line.strip() for m in messages[1:-1] for line in m.text.split("\n") if line.strip()]
    return {
        "title": cat.text("person_summary_title", values.get("respondent"), name=_name_of(values)),
        "sections": [
            {"heading": "Over de leerling" if school else "Wat je vertelde", "lines": told},
            {"heading": "Het advies", "lines": heard},
        ],
    }


def profile_of(values: Mapping[str, Any]) -> dict[str, Any]:
    return build_profile(values)


def _extra_reasons(advice: Mapping[str, Any], school: bool) -> list[str]:
    """The B1 sentences of the safety and referral rules that fired, beside the route's own."""
    rules = [r.get("stage") for r in advice.get("rules") or []]
    texts = advice.get("reasons") if school else advice.get("reasons_b1")
    out: list[str] = []
    at = advice.get("route_reason", 0)
    main = (texts or [""])[at] if texts and at < len(texts) else ""
    for i, (stage, text) in enumerate(zip(rules, texts or [], strict=False)):
        if i == at or stage == "notice" or not text or text in out or text == main:
            continue  # the route's reason is said already; the notices get their own bubble
        out.append(text)
    return out[:4]


def _notices(advice: Mapping[str, Any], school: bool) -> list[str]:
    """What the advice notes beside the reasons: which questions are still open, and why
    there is no IPS yet for someone in GGZ care who doubts."""
    texts = (advice.get("reasons") if school else advice.get("reasons_b1")) or []
    return [
        text
        for rule, text in zip(advice.get("rules") or [], texts, strict=False)
        if rule.get("stage") == "notice" and text
    ]


def _reachable(values: Mapping[str, Any]) -> bool:
    contact = values.get("contact")
    return isinstance(contact, str) and contact not in cat.NO_ANSWER


def finish(values: Mapping[str, Any]) -> Outcome:
    """Profile, advice and coach summary for a confirmed intake, and the closing messages."""
    from bot.triage import advise, current_policy

    policy = current_policy()  # the municipality's own policy file when one is set
    profile = build_profile(values)
    # Chat answers are read leniently (the input rule, docs/triage.md): a yes/no slot may
    # hold a bool where the profile wants "ja"/"nee".
    advice = advise(profile, policy, lenient=True).to_dict()
    summary = coach_summary(profile, advice)
    respondent = profile.get("respondent")
    name = values.get("name") if isinstance(values.get("name"), str) else None
    name_part = f", {name}" if name and name not in cat.NO_ANSWER and respondent != "school" else ""
    route = policy.routes[advice["route"]]
    # The B1 texts speak to the job seeker ("je"); school staff are professionals reading about
    # a pupil, so they get the coach's wording of the route and the main reason.
    school = respondent == "school"
    reasons = (advice.get("reasons") if school else advice.get("reasons_b1")) or []
    at = advice.get("route_reason", 0)
    main_reason = reasons[at] if at < len(reasons) else ""
    messages = [
        BotMessage(
            cat.text("advice_intro", respondent, name_part=name_part, name=_name_of(values))
        ),
        BotMessage(
            cat.text(
                "advice_main",
                respondent,
                # The person hears the plain name; school staff the professional one.
                route_label=route.label if school else route.plain_label,
                route_b1=(
                    cat.fill(cat.texts()["route_school"][advice["route"]], name=_name_of(values))
                    if school
                    else route.b1
                ),
            )
            + (("\n" + cat.text("advice_reason", reason=main_reason)) if main_reason else "")
        ),
        # Help beside the route (debts, housing, the GP, ...): the person hears it too.
        *(
            [BotMessage(cat.text("advice_also") + "\n" + "\n".join(f"• {r}" for r in extra))]
            if (extra := _extra_reasons(advice, school))
            else []
        ),
        # The questions still open, by name ("Deze vragen zijn nog open: ..."), and the reason
        # why there is no IPS yet for someone in GGZ care who doubts.
        *(BotMessage(text) for text in _notices(advice, school)),
        # IPS is for everyone in GGZ care who wants to work (zero exclusion): when an unknown
        # answer is all that stands between the person and IPS, they should hear of it.
        *(
            [
                BotMessage(
                    cat.text(
                        "ips_maybe_epa" if values.get("in_ggz_treatment") is True else "ips_maybe",
                        respondent,
                        name=_name_of(values),
                    )
                )
            ]
            if advice["route"] != "ips" and any(w["route"] == "ips" for w in advice["what_if"])
            else []
        ),
        BotMessage(cat.text("advice_decides", respondent, name=_name_of(values))),
        # Urgent: "binnen 5 werkdagen" would contradict "zo snel mogelijk".
        BotMessage(
            cat.text(
                "urgent_next_step"
                if advice.get("urgent")
                else "next_step"
                if _reachable(values)
                else "next_step_no_contact",
                respondent,
                name=_name_of(values),
            )
        ),
        BotMessage(cat.text("routes_explained", respondent), cat.buttons("routes_buttons")),
    ]
    return Outcome(profile=profile, advice=advice, summary_text=summary, messages=messages,
                   person_summary=person_summary(values, messages))
