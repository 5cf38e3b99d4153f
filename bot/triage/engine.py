"""The triage engine: a profile and a policy in, an explainable advice out.

Order of evaluation (issue 3, point 3: precedence that protects people):

1. **Safety.** Every safety rule that holds adds its referrals; any crisis signal makes the
   advice urgent whatever the route (guaranteed here, not left to the policy), and the safety
   reasons come first.
2. **IPS zero exclusion.** Wants to work + severe mental illness + in GGZ care → ``ips``,
   whatever the readiness, debts, housing or history (seed 004, IPS). "Wants to work" is the
   derived fact ``wants`` that every route reads (``twijfel`` settled by the rulers). Checked
   before every other route rule; its condition is fixed in code. Someone with EPA in GGZ
   care who doubts and does not get IPS gets the policy's stated reason why not.
3. **Route rules** of the policy, first match wins (default: Wmo, school, jobcoaching,
   niet_klaar, regulier); the policy's ``fallback`` when none holds.
4. **Referral rules**: every one that holds adds parallel referrals.

Unknown answers: for the fields in the policy's ``unknowns`` block the engine routes on the
policy's most likely value, then re-decides with each alternative value (and each pair of
alternatives, which is how "EPA unknown and GGZ unknown" still surfaces IPS) and reports the
answers that would change the route as ``what_if``. The readiness score always uses the real
answers, never the assumptions, and so do the reason texts: a part of a reason is only said
when it holds on the answers given. Nothing here reads a random source; the clock is read only
for the school leaving date (``today=`` fixes it).

Speed: the what-if analysis re-decides a route up to ~35 times for a sparse profile. A
re-decision only re-tests the rules that read a changed answer (the others keep their result),
and the whole analysis is remembered per routing key (the answers the route rules read), so
profiles that differ only in what routing does not read share one analysis.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

from bot import codes
from bot.profile import (
    FIELD_LABELS,
    FIELD_QUESTIONS_B1,
    LIFE_DOMAIN_LABELS,
    validate_profile,
)

from .facts import (
    DOMAINS_KEY,
    DOUBT_KEY,
    FACT_SPECS,
    NOW_KEY,
    PLAIN_FACTS,
    build_facts,
    facts_of_field,
    with_changes,
)
from .policy import Alternative, Part, Policy, Rule, UnknownField, current_policy
from .score import Readiness, readiness

# Routing analyses kept per policy; cleared when full (keys are small tuples).
MEMO_SIZE = 10_000  # about 0.9 kB each
# Profile fields that carry a crisis: a safety reason that reads none of them is no crisis reason.
_CRISIS_FIELDS = frozenset({"crisis", "crisis_signals"})


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
class CoachWarning:
    """A coach-facing warning: answers that contradict each other or need checking."""

    id: str
    text: str
    source: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "text": self.text, "source": self.source}


@dataclass(frozen=True)
class Advice:
    route: str
    route_label: str
    readiness: Readiness
    reasons: tuple[str, ...]
    reasons_b1: tuple[str, ...]
    referrals: tuple[str, ...]
    urgent: bool
    rules: tuple[tuple[str, str, str], ...]  # (id, source, stage) of the rules, reason order
    missing: tuple[str, ...]
    what_if: tuple[WhatIf, ...]
    policy_name: str
    policy_version: str
    assumed: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[CoachWarning, ...] = ()

    @property
    def route_reason(self) -> int:
        """Index of the reason of the rule that chose the route (after safety reasons)."""
        return next(
            (i for i, r in enumerate(self.rules) if r[2] in ("ips", "route", "fallback")), 0
        )

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
            "route_reason": self.route_reason,
            "rules": [{"id": i, "source": s, "stage": st} for i, s, st in self.rules],
            "warnings": [w.to_dict() for w in self.warnings],
            "missing": list(self.missing),
            "what_if": [w.to_dict() for w in self.what_if],
            "policy": {"name": self.policy_name, "version": self.policy_version},
            "readiness_notes": list(self.readiness.notes),
            "assumed": {k: _copy(v) for k, v in self.assumed.items()},
        }


def advise(
    profile: dict[str, Any],
    policy: Policy | None = None,
    *,
    today: date | None = None,
    lenient: bool = False,
) -> Advice:
    """Advise on one profile (raw or normalised; raises ``ProfileError`` when malformed).

    ``policy=None`` uses ``TRIAGE_POLICY_FILE`` when set, else the packaged default policy.
    ``lenient=True`` reads text values as CSV cells and chat answers give them; the default is
    the strict JSON rule (docs/triage.md). ``today`` is the day of advice (default: the real
    date), used only with ``school.leaving_date``.
    """
    pol = policy if policy is not None else current_policy()
    return advise_validated(validate_profile(profile, lenient=lenient), pol, today=today)


def advise_validated(
    profile: dict[str, Any], policy: Policy, *, today: date | None = None
) -> Advice:
    """Advise on a profile that already went through ``validate_profile``."""
    params = policy.params
    stated = build_facts(profile, params, today)  # what the person said
    unknown = [u for u in policy.unknowns if _is_unknown(profile, u.field)]
    if unknown:
        assumptions = {u.field: u.assume for u in unknown}
        routed = {**profile, **assumptions}
        facts = with_changes(stated, profile, assumptions, params)  # plus the assumptions
    else:
        routed = profile
        facts = dict(stated)
    route_rule, what_if = _routing(facts, routed, unknown, policy)
    route = route_rule.route or "ips"
    facts["route"] = stated["route"] = route

    safety = [r for r in policy.safety_rules if r.test is not None and r.test(facts) is True]
    # Guaranteed whatever the policy says: a crisis signal always makes the advice urgent.
    in_crisis = bool(profile["crisis"]) or bool(profile["crisis_signals"])
    urgent = in_crisis or any(r.urgent for r in safety)
    referral_rules = [
        r for r in policy.referral_rules if r.test is not None and r.test(facts) is True
    ]
    missing = _missing(unknown, route_rule, what_if, policy)
    assumed = {u.field: u.assume for u in unknown if u.field in missing}

    # Safety first: the urgent safety reasons lead, and a crisis always has a reason of its own.
    first = [r for r in safety if r.urgent] if urgent else []
    if in_crisis and not any(r.fields & _CRISIS_FIELDS for r in safety):
        first.insert(0, policy.crisis_notice)
    fired: list[Rule] = [*first, route_rule]
    if _ips_not_chosen(profile, route):
        fired.append(policy.ips_twijfel_notice)  # IPS or a stated reason why not (seed 004)
    fired += [r for r in safety if r not in first]
    fired += referral_rules
    if missing:
        fired.append(policy.missing_notice)
    warnings = [w for w in policy.warnings if w.test is not None and w.test(stated) is True]
    variables = _Vars(profile, facts, policy, missing, assumed)
    reasons = []
    reasons_b1 = []
    for rule in fired:
        if rule is policy.missing_notice:
            coach, b1 = _missing_texts(policy, missing, stated, variables)
        else:
            coach = _say(rule, rule.coach_parts, stated, variables)
            b1 = _say(rule, rule.b1_parts, stated, variables)
        reasons.append(coach)
        reasons_b1.append(b1)
    # The route's reason rests on an answer that was not given: say so right there, so the
    # coach reads it as an assumption ("kan niet zelfstandig het minimumloon verdienen" after
    # "weet ik niet" is not what the person said).
    # Only answers that matter (would change the route): with "ja" the rulers do not.
    leaned_on = [u for u in unknown if u.field in route_rule.fields and u.field in missing]
    if leaned_on:
        at = fired.index(route_rule)
        said = "; ".join(
            f"{FIELD_LABELS.get(u.field, u.field)}: {_dutch_value(u.assume)}" for u in leaned_on
        )
        reasons[at] = f"{reasons[at]} (Aangenomen, want onbekend: {said}. Navragen.)"
    referrals = _unique(
        ref for r in (*safety, route_rule, *fired, *referral_rules) for ref in r.referrals
    )
    return Advice(
        route=route,
        route_label=policy.routes[route].label,
        readiness=readiness(profile, policy.readiness),
        reasons=tuple(reasons),
        reasons_b1=tuple(reasons_b1),
        referrals=referrals,
        urgent=urgent,
        rules=tuple((r.id, r.source, r.stage) for r in fired),
        missing=missing,
        what_if=what_if,
        policy_name=policy.name,
        policy_version=policy.version,
        assumed=assumed,
        warnings=tuple(
            CoachWarning(w.id, _say(w, w.coach_parts, stated, variables), w.source)
            for w in warnings
        ),
    )


# --- deciding -----------------------------------------------------------------------------


def _ips_not_chosen(profile: dict[str, Any], route: str) -> bool:
    """EPA, in GGZ care, wants or doubts, and yet no IPS: the advice must say why not."""
    return (
        route != "ips"
        and profile["severe_mental_illness"] is True
        and profile["in_ggz_treatment"] is True
        and profile["wants_to_work"] in ("ja", "twijfel")
    )


def _routing(
    facts: dict[str, Any],
    routed: dict[str, Any],
    unknown: list[UnknownField],
    policy: Policy,
) -> tuple[Rule, tuple[WhatIf, ...]]:
    """The deciding rule and the what-if list, remembered per routing key.

    The analysis is a pure function of what the deciders can see: the facts they read (with
    the assumptions for unknown answers), the results of their life-domain tests, which
    answers are unknown, and the answers a what-if change recomputes derived facts from (and
    the month, when that is the school leaving date). Profiles that agree on these share one
    analysis, whatever else differs (age, domains the rules do not look at, names, hours...).
    """
    touches, _, _, sources, dated = _plan(policy, unknown)
    key = (
        tuple([_freeze(facts[name]) for name in policy.decider_facts]),
        tuple([test(facts) for test in policy.decider_domain_tests]),
        tuple([u.field for u in unknown]),
        # The rulers only as what a doubt would mean with them (DOUBT_KEY).
        tuple([facts[DOUBT_KEY] if n == "motivation" else _freeze(routed[n]) for n in sources]),
        facts[NOW_KEY] if dated else None,
    )
    memo = policy.memo
    found = memo.get(key)
    if found is None:
        found = _analyse(facts, routed, unknown, policy)
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[key] = found
    return found


def _analyse(
    facts: dict[str, Any],
    routed: dict[str, Any],
    unknown: list[UnknownField],
    policy: Policy,
) -> tuple[Rule, tuple[WhatIf, ...]]:
    """Decide, then re-decide for each alternative answer and each pair of them.

    Done without re-deciding from scratch: a change is reduced to the facts it changes (its
    *delta*) and only the deciders that read one of those facts are tested again; the others
    keep their first result. Answers that feed different derived facts change disjoint facts,
    so for a pair of them a decider that reads the facts of only one keeps that answer's
    result, and only a decider that reads both is tested on the pair. Answers that share a
    derived fact (``wants_to_work`` and ``motivation`` both feed ``wants``) are worked out
    together.
    """
    deciders = (policy.ips_rule, *policy.route_rules)  # in the order of deciding
    base = [rule.test(facts) for rule in deciders]  # type: ignore[misc]
    route_rule = _winner(base, deciders, policy)
    route = route_rule.route or "ips"
    if not unknown:
        return route_rule, ()
    params = policy.params
    touches, group, readers, _, _ = _plan(policy, unknown)
    plain = PLAIN_FACTS

    def outcome(changes: dict[str, Any]) -> tuple[dict[str, Any], frozenset[int], list[Any]]:
        """The changed facts, the deciders that read them, and every decider's result."""
        names = frozenset().union(*(touches[name] for name in changes))
        if not names:
            return {}, frozenset(), base
        if names <= plain and names.issuperset(changes):
            changed = {**facts, **changes}  # plain answers: nothing is derived from them
        else:
            changed = with_changes(facts, routed, changes, params)
        delta = {n: changed[n] for n in names if changed[n] != facts[n]}
        hit = frozenset().union(*(readers[n] for n in delta))
        results = list(base)
        for k in hit:
            results[k] = deciders[k].test(changed)  # type: ignore[misc]
        return delta, hit, results

    out: list[WhatIf] = []
    singles: dict[tuple[str, int], tuple[dict[str, Any], frozenset[int], list[Any], str]] = {}
    for u in unknown:
        for i, alt in enumerate(u.alternatives):
            delta, hit, results = outcome({u.field: alt.value})
            other = _winner(results, deciders, policy).route or "ips"
            singles[(u.field, i)] = (delta, hit, results, other)
            if other != route:
                out.append(WhatIf(u.field, alt.value, other, _sentence([alt], other, policy)))
    # Pairs: only report what neither answer alone would change, to keep the list short.
    for a, b in combinations(unknown, 2):
        together = group[a.field] == group[b.field]
        for i, alt_a in enumerate(a.alternatives):
            delta_a, hit_a, results_a, route_a = singles[(a.field, i)]
            for j, alt_b in enumerate(b.alternatives):
                delta_b, hit_b, results_b, route_b = singles[(b.field, j)]
                if together:
                    results = outcome({a.field: alt_a.value, b.field: alt_b.value})[2]
                elif not hit_b:
                    results = results_a
                elif not hit_a:
                    results = results_b
                else:
                    results = list(results_a)
                    for k in hit_b - hit_a:
                        results[k] = results_b[k]
                    both = hit_a & hit_b
                    if both:
                        merged = {**facts, **delta_a, **delta_b}
                        for k in both:
                            results[k] = deciders[k].test(merged)  # type: ignore[misc]
                other = _winner(results, deciders, policy).route or "ips"
                if other not in (route, route_a, route_b):
                    text = _sentence([alt_a, alt_b], other, policy)
                    out.append(WhatIf(a.field, alt_a.value, other, text, {b.field: alt_b.value}))
    return route_rule, tuple(out)


Plan = tuple[
    dict[str, frozenset[str]], dict[str, int], dict[str, frozenset[int]], tuple[str, ...], bool
]


def _plan(policy: Policy, unknown: list[UnknownField]) -> Plan:
    """For a set of unknown answers: the decider facts each one changes, their groups, which
    deciders read each fact, the profile fields those facts are worked out from, and whether
    the month matters. The same for every profile with these unknowns: kept."""
    key = tuple(u.field for u in unknown)
    plan = policy.plans.get(key)
    if plan is None:
        deciders = (policy.ips_rule, *policy.route_rules)
        watched = frozenset().union(*(r.reads for r in deciders))
        touches = {u.field: facts_of_field(u.field) & watched for u in unknown}
        readers = {
            name: frozenset(k for k, rule in enumerate(deciders) if name in rule.reads)
            for name in watched
        }
        sources = sorted(
            {
                f
                for names in touches.values()
                for n in names
                for f in (FACT_SPECS[n].fields if n in FACT_SPECS else ("life_domains",))
            }
        )
        dated = bool({"school", "age"} & set(sources))
        plan = (touches, _groups(unknown, touches), readers, tuple(sources), dated)
        policy.plans[key] = plan
    return plan


def _groups(unknown: list[UnknownField], touches: dict[str, frozenset[str]]) -> dict[str, int]:
    """Unknown answers that change a common fact share a group (they must be worked out
    together); the others change disjoint facts."""
    group = {u.field: i for i, u in enumerate(unknown)}
    for a, b in combinations(unknown, 2):
        if touches[a.field] & touches[b.field]:
            old, new = group[b.field], group[a.field]
            for name, g in group.items():
                if g == old:
                    group[name] = new
    return group


def _winner(results: list[Any], deciders: tuple[Rule, ...], policy: Policy) -> Rule:
    """The first decider whose condition is true (IPS first), else the fallback."""
    try:
        return deciders[results.index(True)]  # results hold True, False or None only
    except ValueError:
        return policy.fallback


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


def _freeze(value: Any) -> Any:
    """A hashable copy of a validated answer (its dicts and lists hold plain values)."""
    kind = type(value)
    if kind is dict:
        return tuple(value.items())
    if kind is list:
        return tuple(value)
    return value


# --- wording ------------------------------------------------------------------------------


def _sentence(alts: list[Alternative], route: str, policy: Policy) -> str:
    clause = " en ".join(a.als for a in alts)
    return f"Als {clause}, dan zou het advies '{policy.routes[route].label}' zijn."


def _say(rule: Rule, parts: tuple[Part, ...], stated: dict[str, Any], variables: _Vars) -> str:
    """The parts of a reason that hold on what the person said, filled in and joined."""
    if len(parts) == 1 and parts[0].test is None:
        text = parts[0].text
    else:
        text = " ".join([p.text for p in parts if p.test is None or p.test(stated) is True])
    if not rule.templated:
        return text
    if "{matched_domains}" in text:
        text = text.replace("{matched_domains}", _matched_domains(rule, stated[DOMAINS_KEY]))
    return text.format_map(variables)


# Placeholders of the notice on unknown answers that depend on nothing but which are missing.
_MISSING_ONLY = frozenset({"missing", "missing_b1", "assumed"})


def _missing_texts(
    policy: Policy, missing: tuple[str, ...], stated: dict[str, Any], variables: _Vars
) -> tuple[str, str]:
    """The notice on unknown answers; the same for every profile missing the same answers
    (unless a policy words it with other placeholders), so it is kept per policy."""
    notice = policy.missing_notice
    key = ("missing notice", missing)
    found = policy.plans.get(key)
    if found is None:
        found = (
            _say(notice, notice.coach_parts, stated, variables),
            _say(notice, notice.b1_parts, stated, variables),
        )
        names = {
            name
            for part in (*notice.coach_parts, *notice.b1_parts)
            for _, name, _, _ in string.Formatter().parse(part.text)
            if name
        }
        conditional = any(p.test is not None for p in (*notice.coach_parts, *notice.b1_parts))
        if names <= _MISSING_ONLY and not conditional:
            policy.plans[key] = found
    return found


def _matched_domains(rule: Rule, domains: dict[str, int]) -> str:
    """Dutch labels of the life domains that meet the rule's own ``domains:`` condition."""
    found = [
        LIFE_DOMAIN_LABELS[d]
        for d, score in domains.items()
        if any(low <= score <= high and d in among for low, high, among, _ in rule.domain_specs)
    ]
    return ", ".join(found) or "geen"


class _Vars(dict):  # type: ignore[type-arg]
    """The placeholders of the reason texts, each worked out only when a text asks for it
    (``str.format_map`` calls ``__missing__``): most advices use two or three of them."""

    def __init__(
        self,
        profile: dict[str, Any],
        facts: dict[str, Any],
        policy: Policy,
        missing: tuple[str, ...],
        assumed: dict[str, Any],
    ):
        super().__init__()
        self.profile, self.facts, self.policy = profile, facts, policy
        self.missing, self.assumed = missing, assumed

    def __missing__(self, key: str) -> str:
        value = self[key] = self._work_out(key)
        return value

    def _work_out(self, key: str) -> str:
        profile, policy = self.profile, self.policy
        domains: dict[str, int] = profile["life_domains"]
        motivation = profile["motivation"] or {}
        if key in LIFE_DOMAIN_LABELS:
            return str(domains[key]) if key in domains else "onbekend"
        if key in _DOMAIN_LIMITS:
            limit = _DOMAIN_LIMITS[key]
            found = [LIFE_DOMAIN_LABELS[d] for d, score in domains.items() if score <= limit]
            return ", ".join(found) or "geen"
        if key == "motivation_mean":  # from the real answers, never from the assumptions
            return _dutch_number(_mean(motivation))
        if key == "twijfel_mean":  # the rulers that settle "twijfel", so it matches the rule
            rulers = policy.params.twijfel_rulers
            return _dutch_number(_mean({r: v for r, v in motivation.items() if r in rulers}))
        if key == "will_rulers":
            said = [
                f"{_RULER_NAMES[r]} {motivation[r]}"
                for r in policy.params.twijfel_rulers
                if motivation.get(r) is not None
            ]
            return ", ".join(said) or "onbekend"
        if key in ("hours_per_week", "age"):
            return _dutch_number(profile[key])
        if key == "route_label":
            return policy.routes[self.facts["route"]].label
        if key == "missing":
            return ", ".join(FIELD_LABELS.get(f, f) for f in self.missing) or "niets"
        if key == "missing_b1":
            questions = [FIELD_QUESTIONS_B1.get(f, FIELD_LABELS.get(f, f)) for f in self.missing]
            return _dutch_list(questions) or "geen"
        if key == "assumed":
            said = [f"{FIELD_LABELS.get(k, k)}: {_dutch_value(v)}" for k, v in self.assumed.items()]
            return "; ".join(said) or "niets"
        if key == "leaving_date":
            return _dutch_month((profile["school"] or {}).get("leaving_date"))
        if key == "months_to_school_end":
            return _dutch_number(self.facts["months_to_school_end"])
        raise KeyError(key)  # the policy loader only lets known placeholders through


# {acute_domains} etc.: the discussed life domains at or below this score.
_DOMAIN_LIMITS = {"acute_domains": 1, "laag_domains": 2, "zorg_domains": 3}
_RULER_NAMES = codes.labels("rulers", "coach")
_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def _dutch_month(value: str | None) -> str:
    """ "2026-07" → "juli 2026"."""
    if not value:
        return "onbekend"
    return f"{_MONTHS[int(value[5:7]) - 1]} {value[:4]}"


def _dutch_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


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
        return ", ".join(f"{_RULER_NAMES.get(k, k)} {v}" for k, v in value.items() if v is not None)
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
