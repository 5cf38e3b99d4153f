"""The triage engine: a profile and a policy in, an explainable advice out.

Order of evaluation (issue 3, point 3: precedence that protects people):

1. **Safety.** Every safety rule that holds adds its referrals; any crisis signal makes the
   advice urgent whatever the route (guaranteed here, not left to the policy).
2. **IPS zero exclusion.** Wants to work + severe mental illness + in GGZ care → ``ips``,
   whatever the readiness, debts, housing or history (seed 004, IPS). Checked before every
   other route rule; its condition is fixed in code.
3. **Route rules** of the policy, first match wins (default: Wmo, jobcoaching, niet_klaar,
   regulier); the policy's ``fallback`` when none holds.
4. **Referral rules**: every one that holds adds parallel referrals.

Unknown answers: for the fields in the policy's ``unknowns`` block the engine routes on the
policy's most likely value, then re-decides with each alternative value (and each pair of
alternatives, which is how "EPA unknown and GGZ unknown" still surfaces IPS) and reports the
answers that would change the route as ``what_if``. The readiness score always uses the real
answers, never the assumptions. Nothing here reads a clock or a random source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from bot.profile import FIELD_LABELS, LIFE_DOMAIN_LABELS, LIFE_DOMAINS, validate_profile

from .facts import build_facts, with_changes
from .policy import Alternative, Policy, Rule, UnknownField, current_policy
from .score import Readiness, readiness


@dataclass(frozen=True)
class WhatIf:
    field: str
    value: Any
    route: str
    text: str
    also: dict[str, Any] | None = None  # further answers in the same scenario (pairs)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "field": self.field,
            "value": _copy(self.value),
            "route": self.route,
            "text": self.text,
        }
        if self.also:
            out["also"] = {k: _copy(v) for k, v in self.also.items()}
        return out


@dataclass(frozen=True)
class Advice:
    route: str
    route_label: str
    readiness: Readiness
    reasons: tuple[str, ...]
    reasons_b1: tuple[str, ...]
    referrals: tuple[str, ...]
    urgent: bool
    rules: tuple[tuple[str, str], ...]  # (id, source) of the rules that fired, reason order
    missing: tuple[str, ...]
    what_if: tuple[WhatIf, ...]
    policy_name: str
    policy_version: str
    assumed: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Contract §3 keys first, then the extension keys (see docs/triage.md)."""
        return {
            "route": self.route,
            "readiness": self.readiness.to_dict(),
            "reasons": list(self.reasons),
            "referrals": list(self.referrals),
            "urgent": self.urgent,
            "route_label": self.route_label,
            "reasons_b1": list(self.reasons_b1),
            "rules": [{"id": i, "source": s} for i, s in self.rules],
            "missing": list(self.missing),
            "what_if": [w.to_dict() for w in self.what_if],
            "policy": {"name": self.policy_name, "version": self.policy_version},
            "readiness_notes": list(self.readiness.notes),
            "assumed": {k: _copy(v) for k, v in self.assumed.items()},
        }


def advise(profile: dict[str, Any], policy: Policy | None = None) -> Advice:
    """Advise on one profile (raw or normalised; raises ``ProfileError`` when malformed).

    ``policy=None`` uses ``TRIAGE_POLICY_FILE`` when set, else the packaged default policy.
    """
    pol = policy if policy is not None else current_policy()
    return advise_validated(validate_profile(profile), pol)


def advise_validated(profile: dict[str, Any], policy: Policy) -> Advice:
    """Advise on a profile that already went through ``validate_profile``."""
    unknown = [u for u in policy.unknowns if _is_unknown(profile, u.field)]
    routed = dict(profile)
    for u in unknown:
        routed[u.field] = u.assume
    facts = build_facts(routed, policy.params)
    route_rule = _decide(facts, policy)
    route = route_rule.route or "ips"
    facts["route"] = route

    safety = [r for r in policy.safety_rules if r.test is not None and r.test(facts) is True]
    # Guaranteed whatever the policy says: a crisis signal always makes the advice urgent.
    in_crisis = bool(profile["crisis"]) or bool(profile["crisis_signals"])
    urgent = in_crisis or any(r.urgent for r in safety)
    referral_rules = [
        r for r in policy.referral_rules if r.test is not None and r.test(facts) is True
    ]

    what_if = _what_if(facts, routed, unknown, route, policy)
    missing = _missing(unknown, route_rule, what_if, policy)
    assumed = {u.field: u.assume for u in unknown if u.field in missing}

    fired: list[Rule] = [route_rule, *safety, *referral_rules]
    if missing:
        fired.append(policy.missing_notice)
    variables = (
        _template_vars(profile, facts, policy, missing, assumed)
        if any(r.templated for r in fired)
        else None
    )
    reasons = [_fill(r.coach, r, variables) for r in fired]
    reasons_b1 = [_fill(r.b1, r, variables) for r in fired]
    # The route's reason rests on an answer that was not given: say so right there, so the
    # reason never reads as a fact the person did not tell ("kan niet zelfstandig het
    # minimumloon verdienen" after "weet ik niet").
    leaned_on = [u for u in unknown if u.field in route_rule.fields]
    if leaned_on and fired[0] is route_rule:
        said = "; ".join(f"{FIELD_LABELS.get(u.field, u.field)}: {_dutch_value(u.assume)}"
                         for u in leaned_on)
        reasons[0] = f"{reasons[0]} (Aangenomen, want onbekend: {said}. Navragen.)"
    referrals = _unique(ref for r in (*safety, route_rule, *referral_rules) for ref in r.referrals)
    return Advice(
        route=route,
        route_label=policy.routes[route].label,
        readiness=readiness(profile, policy.readiness),
        reasons=tuple(reasons),
        reasons_b1=tuple(reasons_b1),
        referrals=referrals,
        urgent=urgent,
        rules=tuple((r.id, r.source) for r in fired),
        missing=missing,
        what_if=what_if,
        policy_name=policy.name,
        policy_version=policy.version,
        assumed=assumed,
    )


# --- deciding -----------------------------------------------------------------------------


def _ips(facts: dict[str, Any]) -> bool:
    # Zero exclusion: nothing else is looked at (seed 004, "Wie komt in aanmerking voor IPS?").
    return (
        facts["wants_to_work"] == "ja"
        and facts["severe_mental_illness"] is True
        and facts["in_ggz_treatment"] is True
    )


def _decide(facts: dict[str, Any], policy: Policy) -> Rule:
    """The rule that sets the route: IPS, else the first route rule that holds, else fallback."""
    if _ips(facts):
        return policy.ips_rule
    for rule in policy.route_rules:
        if rule.test(facts) is True:  # type: ignore[misc]
            return rule
    return policy.fallback


def _route_of(
    facts: dict[str, Any], routed: dict[str, Any], changes: dict[str, Any], policy: Policy
) -> str:
    """The route when the answers in ``changes`` replace those in ``routed``."""
    return _decide(with_changes(facts, routed, changes, policy.params), policy).route or "ips"


def _what_if(
    facts: dict[str, Any],
    routed: dict[str, Any],
    unknown: list[UnknownField],
    route: str,
    policy: Policy,
) -> tuple[WhatIf, ...]:
    out: list[WhatIf] = []
    singles: dict[tuple[str, int], str] = {}
    for u in unknown:
        for i, alt in enumerate(u.alternatives):
            other = _route_of(facts, routed, {u.field: alt.value}, policy)
            singles[(u.field, i)] = other
            if other != route:
                out.append(WhatIf(u.field, alt.value, other, _sentence([alt], other, policy)))
    # Pairs: only report what neither answer alone would change, to keep the list short.
    for a, b in combinations(unknown, 2):
        for i, alt_a in enumerate(a.alternatives):
            for j, alt_b in enumerate(b.alternatives):
                changes = {a.field: alt_a.value, b.field: alt_b.value}
                other = _route_of(facts, routed, changes, policy)
                if other not in (route, singles[(a.field, i)], singles[(b.field, j)]):
                    text = _sentence([alt_a, alt_b], other, policy)
                    out.append(WhatIf(a.field, alt_a.value, other, text, {b.field: alt_b.value}))
    return tuple(out)


def _missing(
    unknown: list[UnknownField], route_rule: Rule, what_if: tuple[WhatIf, ...], policy: Policy
) -> tuple[str, ...]:
    """Unknown answers that matter for this decision, in the policy's order.

    An answer matters when some answer to it would change the route (it shows up in
    ``what_if``). When no rule decided (the fallback), every unknown answer matters. A field a
    policy wants reported here needs an entry in the policy's ``unknowns`` block.
    """
    if route_rule.stage == "fallback":
        return tuple(u.field for u in unknown)
    matters: set[str] = set()
    for w in what_if:
        matters.add(w.field)
        matters.update(w.also or ())
    return tuple(u.field for u in policy.unknowns if u.field in matters)


def _is_unknown(profile: dict[str, Any], name: str) -> bool:
    value = profile.get(name)
    if name == "motivation" and value is not None:
        return all(v is None for v in value.values())
    if name == "life_domains":
        return False  # undiscussed domains are "no problem raised", not unknown
    return value is None


# --- wording ------------------------------------------------------------------------------


def _sentence(alts: list[Alternative], route: str, policy: Policy) -> str:
    clause = " en ".join(a.als for a in alts)
    return f"Als {clause}, dan zou het advies '{policy.routes[route].label}' zijn."


def _fill(text: str, rule: Rule, variables: dict[str, str] | None) -> str:
    return text.format_map(variables) if rule.templated and variables is not None else text


def _template_vars(
    profile: dict[str, Any],
    facts: dict[str, Any],
    policy: Policy,
    missing: tuple[str, ...],
    assumed: dict[str, Any],
) -> dict[str, str]:
    domains: dict[str, int] = profile["life_domains"]

    def labels(limit: int) -> str:
        found = [LIFE_DOMAIN_LABELS[d] for d in LIFE_DOMAINS if domains.get(d, 9) <= limit]
        return ", ".join(found) or "geen"

    out = {d: str(domains[d]) if d in domains else "onbekend" for d in LIFE_DOMAINS}
    out.update(
        acute_domains=labels(1),
        laag_domains=labels(2),
        zorg_domains=labels(3),
        # From the real answers, never from the routing assumptions.
        motivation_mean=_dutch_number(_mean(profile["motivation"])),
        # The rulers that settle "twijfel" (policy parameter), so the figure matches the rule.
        twijfel_mean=_dutch_number(
            _mean(
                {
                    r: v
                    for r, v in (profile["motivation"] or {}).items()
                    if r in policy.params.twijfel_rulers
                }
            )
        ),
        hours_per_week=_dutch_number(profile["hours_per_week"]),
        age=_dutch_number(profile["age"]),
        route_label=policy.routes[facts["route"]].label,
        missing=", ".join(FIELD_LABELS.get(f, f) for f in missing) or "niets",
        assumed="; ".join(
            f"{FIELD_LABELS.get(k, k)}: {_dutch_value(v)}" for k, v in assumed.items()
        )
        or "niets",
    )
    return out


def _mean(motivation: dict[str, Any] | None) -> float | None:
    values = [v for v in (motivation or {}).values() if v is not None]
    return sum(values) / len(values) if values else None


def _dutch_number(value: float | None) -> str:
    if value is None:
        return "onbekend"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")


def _dutch_value(value: Any) -> str:
    if value is True:
        return "ja"
    if value is False:
        return "nee"
    if isinstance(value, dict):
        names = {"importance": "belang", "confidence": "vertrouwen", "readiness": "bereidheid"}
        return ", ".join(f"{names.get(k, k)} {v}" for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return ", ".join(value) or "geen"
    return str(value)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
