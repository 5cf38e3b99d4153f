"""Reads a policy file into a ``Policy``: every key checked, every error a ``PolicyError``.

The keys each object may and must have come from the pydantic models in ``policy_schema.py``;
this module checks the values (texts, numbers, conditions, ids, routes, profile values) and
words each error in Dutch with the key path and the line.
"""

from __future__ import annotations

import difflib
import string
from typing import Any

from pydantic import BaseModel

from bot import codes
from bot.profile import (
    EDUCATION_LEVELS,
    EMPLOYEE_SKILLS,
    PROFILE_FIELDS,
    RULERS,
    WANTS_TO_WORK,
    ProfileError,
    validate_profile,
)

from . import policy_schema as schema
from .conditions import ConditionError, DomainSpec, Test, compile_condition
from .facts import DOMAINS_KEY, FACT_SPECS, ROUTES, FactParams, ips_condition
from .policy_model import (
    IPS_FACTS,
    IPS_FIELDS,
    STAGES,
    TEMPLATE_VARS,
    Alternative,
    Part,
    Policy,
    PolicyError,
    RouteInfo,
    Rule,
    UnknownField,
)
from .score import ReadinessConfig
from .yaml_lines import format_path, line_of

# Never assumed: safety signals must come from the person, and undiscussed life domains
# already have a meaning (no problem raised).
_NOT_ASSUMABLE = frozenset({"life_domains", "unknown", "crisis", "crisis_signals"})


class PolicyReader:
    """Reads one policy file; ``policy(data)`` returns the ``Policy`` or raises ``PolicyError``."""

    def __init__(self, file: str, lines: dict[tuple[Any, ...], int]):
        self.file = file
        self.lines = lines
        self.ids: dict[str, tuple[Any, ...]] = {}

    def fail(self, path: tuple[Any, ...], message: str) -> PolicyError:
        return PolicyError(self.file, format_path(path) or None, line_of(self.lines, path), message)

    # generic shapes

    def mapping(
        self, node: Any, path: tuple[Any, ...], shape: type[BaseModel] | dict[Any, bool]
    ) -> dict[Any, Any]:
        """``shape``: a model of policy_schema, or a dict of each allowed key to whether it is
        required (for keys that are data: weights, points)."""
        keys = schema.keys(shape) if isinstance(shape, type) else shape
        names = [_yaml_key(key) for key in keys]
        if not isinstance(node, dict):
            raise self.fail(path, f"verwacht een object met: {', '.join(names)}")
        for key in node:
            if key not in keys:
                close = difflib.get_close_matches(str(key), names, n=1, cutoff=0.6)
                hint = (
                    f' (bedoelde je "{close[0]}"?)'
                    if close
                    else f"; toegestaan: {', '.join(names)}"
                )
                raise self.fail((*path, key), f'onbekend veld "{key}"{hint}')
        for key, required in keys.items():
            if required and key not in node:
                raise self.fail(path, f'verplicht veld "{_yaml_key(key)}" ontbreekt')
        return node

    def text(self, node: Any, path: tuple[Any, ...]) -> str:
        if not isinstance(node, str) or not node.strip():
            raise self.fail(path, "verwacht een niet-lege tekst")
        return " ".join(node.split())

    def parts(self, node: Any, path: tuple[Any, ...]) -> tuple[tuple[Part, ...], bool]:
        """A reason text: one text, or a list of parts (``text`` with an optional ``when``)."""
        if not isinstance(node, list):
            text, templated = self.template(node, path)
            return (Part(text),), templated
        if not node:
            raise self.fail(path, "verwacht een tekst of een niet-lege lijst van delen")
        parts: list[Part] = []
        templated = False
        for i, item in enumerate(node):
            sub = (*path, i)
            if isinstance(item, dict):
                entry = self.mapping(item, sub, schema.ReasonPart)
                text, t = self.template(entry["text"], (*sub, "text"))
                test = None
                if "when" in entry:
                    try:
                        test = compile_condition(
                            entry["when"], (*sub, "when"), allow_route=False
                        ).test
                    except ConditionError as exc:
                        raise self.fail(exc.path, exc.message) from None
                parts.append(Part(text, test))
            else:
                text, t = self.template(item, sub)
                parts.append(Part(text))
            templated = templated or t
        if all(p.test is not None for p in parts):
            # Otherwise a reason could come out empty.
            raise self.fail(path, "minstens één deel moet zonder when zijn")
        return tuple(parts), templated

    def template(self, node: Any, path: tuple[Any, ...]) -> tuple[str, bool]:
        text = self.text(node, path)
        try:
            names = [f for _, f, spec, conv in string.Formatter().parse(text) if f is not None]
        except ValueError as exc:
            raise self.fail(path, f"ongeldige {{...}} in de tekst: {exc}") from None
        for name in names:
            if name not in TEMPLATE_VARS:
                raise self.fail(
                    path,
                    f'onbekende invulplek "{{{name}}}"; toegestaan: '
                    + ", ".join("{" + v + "}" for v in sorted(TEMPLATE_VARS)),
                )
        return text, bool(names)

    def number(self, node: Any, path: tuple[Any, ...], low: float, high: float) -> float:
        if isinstance(node, bool) or not isinstance(node, (int, float)):
            raise self.fail(path, f"verwacht een getal, niet {node!r}")
        if not low <= node <= high:
            raise self.fail(path, f"onmogelijke waarde {node}: kies van {low:g} tot {high:g}")
        return float(node)

    def text_list(
        self, node: Any, path: tuple[Any, ...], allowed: tuple[str, ...] = ()
    ) -> tuple[str, ...]:
        if not isinstance(node, list) or not node:
            raise self.fail(path, "verwacht een niet-lege lijst")
        out = []
        for i, item in enumerate(node):
            value = self.text(item, (*path, i))
            if allowed and value not in allowed:
                raise self.fail(
                    (*path, i), f'onbekende waarde "{value}"; kies uit: {", ".join(allowed)}'
                )
            out.append(value)
        return tuple(out)

    # the policy

    def policy(self, data: Any) -> Policy:
        top = self.mapping(data, (), schema.PolicyFile)
        version = top["version"]
        if isinstance(version, bool) or not isinstance(version, (str, int, float)):
            raise self.fail(("version",), 'verwacht een versie, bijvoorbeeld "2024.1"')
        params = self.parameters(top["parameters"], ("parameters",))
        routes = self.routes(top["routes"], ("routes",))
        rules = top["rules"]
        if not isinstance(rules, list) or not rules:
            raise self.fail(("rules",), "verwacht een niet-lege lijst van regels")
        parsed = [self.rule(node, ("rules", i)) for i, node in enumerate(rules)]
        ips = [r for r in parsed if r.stage == "ips"]
        if len(ips) != 1:
            raise self.fail(
                ("rules",),
                f"er moet precies één regel met stage: ips zijn (nul-uitsluiting), niet {len(ips)}",
            )
        fallback = self.special(top["fallback"], ("fallback",), "fallback")
        notices = self.mapping(top["notices"], ("notices",), schema.Notices)
        missing = self.special(notices["missing"], ("notices", "missing"), "notice")
        extra = {
            key: self.special(notices[key], ("notices", key), "notice")
            if key in notices
            else _BUILT_IN_NOTICES[key]
            for key in ("ips_twijfel", "crisis")
        }
        warnings = self.warnings(top.get("warnings", []), ("warnings",))
        route_rules = tuple(r for r in parsed if r.stage == "route")
        deciders = (ips[0], *route_rules)
        decider_facts = sorted(IPS_FACTS.union(*(r.reads for r in deciders)) - {DOMAINS_KEY})
        return Policy(
            name=self.text(top["name"], ("name",)),
            version=str(version),
            description=" ".join(str(top.get("description") or "").split()),
            path=self.file,
            routes=routes,
            params=params,
            unknowns=self.unknowns(top["unknowns"], ("unknowns",)),
            readiness=self.readiness(top["readiness"], ("readiness",)),
            safety_rules=tuple(r for r in parsed if r.stage == "safety"),
            ips_rule=ips[0],
            route_rules=route_rules,
            referral_rules=tuple(r for r in parsed if r.stage == "referral"),
            fallback=fallback,
            missing_notice=missing,
            ips_twijfel_notice=extra["ips_twijfel"],
            crisis_notice=extra["crisis"],
            warnings=warnings,
            decider_facts=tuple(decider_facts),
            decider_domain_tests=tuple(spec[3] for r in deciders for spec in r.domain_specs),
        )

    def warnings(self, node: Any, path: tuple[Any, ...]) -> tuple[Rule, ...]:
        """Coach-facing warnings: contradictory or doubtful answers, tested on what was said."""
        if not isinstance(node, list):
            raise self.fail(path, "verwacht een lijst van waarschuwingen (id, when, coach, source)")
        out = []
        for i, item in enumerate(node):
            sub = (*path, i)
            w = self.mapping(item, sub, schema.WarningEntry)
            try:
                compiled = compile_condition(w["when"], (*sub, "when"), allow_route=False)
            except ConditionError as exc:
                raise self.fail(exc.path, exc.message) from None
            parts, templated = self.parts(w["coach"], (*sub, "coach"))
            out.append(
                Rule(
                    id=self.rule_id(w["id"], (*sub, "id")),
                    stage="warning",
                    route=None,
                    coach=" ".join(p.text for p in parts),
                    b1="",
                    source=self.text(w["source"], (*sub, "source")),
                    referrals=(),
                    urgent=False,
                    test=compiled.test,
                    fields=_profile_fields(compiled.facts),
                    templated=templated,
                    coach_parts=parts,
                )
            )
        return tuple(out)

    def routes(self, node: Any, path: tuple[Any, ...]) -> dict[str, RouteInfo]:
        if not isinstance(node, dict):
            raise self.fail(path, "verwacht een object met de routes " + ", ".join(ROUTES))
        for key in node:
            if key not in ROUTES:
                raise self.fail(
                    (*path, key), f'route "{key}" bestaat niet; kies uit: {", ".join(ROUTES)}'
                )
        out = {}
        for key in ROUTES:
            if key not in node:
                raise self.fail(path, f'de route "{key}" ontbreekt')
            sub = (*path, key)
            entry = self.mapping(node[key], sub, schema.RouteEntry)
            if "label" in entry:  # the policy's own name for the route (and its B1 name)
                label = self.text(entry["label"], (*sub, "label"))
                label_b1 = (
                    self.text(entry["label_b1"], (*sub, "label_b1")) if "label_b1" in entry else ""
                )
            else:  # the names in bot/codes.yml
                label = codes.label("routes", key, "coach")
                label_b1 = (
                    self.text(entry["label_b1"], (*sub, "label_b1"))
                    if "label_b1" in entry
                    else codes.entry("routes", key).get("b1", "")
                )
            out[key] = RouteInfo(
                key,
                label,
                self.text(entry["b1"], (*sub, "b1")),
                self.text(entry["coach"], (*sub, "coach")),
                self.text(entry["source"], (*sub, "source")),
                label_b1,
            )
        return out

    def parameters(self, node: Any, path: tuple[Any, ...]) -> FactParams:
        p = self.mapping(node, path, schema.Parameters)
        school = {
            key: self.number(p[key], (*path, key), low, high)
            for key, (low, high) in (("school_end_months", (0, 120)), ("school_end_age", (12, 30)))
            if key in p
        }
        return FactParams(
            **school,
            twijfel_rulers=self.text_list(p["twijfel_rulers"], (*path, "twijfel_rulers"), RULERS),
            twijfel_min_motivation=self.number(
                p["twijfel_min_motivation"], (*path, "twijfel_min_motivation"), 0, 10
            ),
            keep_support_keywords=tuple(
                w.lower()
                for w in self.text_list(
                    p["keep_support_keywords"], (*path, "keep_support_keywords")
                )
            ),
            keep_support_employee_skills=self.text_list(
                p["keep_support_employee_skills"],
                (*path, "keep_support_employee_skills"),
                EMPLOYEE_SKILLS,
            ),
        )

    def rule(self, node: Any, path: tuple[Any, ...]) -> Rule:
        r = self.mapping(node, path, schema.RuleEntry)
        rule_id = self.rule_id(r["id"], (*path, "id"))
        stage = r["stage"]
        if stage not in STAGES:
            raise self.fail(
                (*path, "stage"), f'onbekende stage "{stage}"; kies uit: {", ".join(STAGES)}'
            )
        route = None
        if stage == "route":
            if "route" not in r:
                raise self.fail(path, 'een regel met stage: route heeft een "route" nodig')
            route = self.route_name(r["route"], (*path, "route"))
        elif "route" in r:
            raise self.fail(
                (*path, "route"), f'"route" hoort alleen bij stage: route, niet bij {stage}'
            )
        if "urgent" in r and stage != "safety":
            raise self.fail((*path, "urgent"), '"urgent" hoort alleen bij stage: safety')
        urgent = r.get("urgent", stage == "safety")
        if not isinstance(urgent, bool):
            raise self.fail((*path, "urgent"), "verwacht true of false")
        test: Test | None = None
        fields: frozenset[str] = frozenset()
        specs: tuple[DomainSpec, ...] = ()
        reads: frozenset[str] = IPS_FACTS
        if stage == "ips":
            if "when" in r:
                raise self.fail(
                    (*path, "when"),
                    "de voorwaarde van IPS ligt vast (wil werken + EPA + ggz-behandeling, "
                    "nul-uitsluiting) en kan niet in het beleid worden aangepast",
                )
            fields = IPS_FIELDS
            test = ips_condition
        else:
            if "when" not in r:
                raise self.fail(path, 'verplicht veld "when" ontbreekt')
            try:
                compiled = compile_condition(
                    r["when"], (*path, "when"), allow_route=stage == "referral"
                )
            except ConditionError as exc:
                raise self.fail(exc.path, exc.message) from None
            test = compiled.test
            fields = _profile_fields(compiled.facts)
            specs = tuple(compiled.domains)
            reads = frozenset(compiled.facts)
        referrals: tuple[str, ...] = ()
        if "referrals" in r:
            referrals = self.text_list(r["referrals"], (*path, "referrals"))
        elif stage == "referral":
            raise self.fail(path, 'een regel met stage: referral heeft "referrals" nodig')
        coach, coach_t = self.parts(r["coach"], (*path, "coach"))
        b1, b1_t = self.parts(r["b1"], (*path, "b1"))
        return Rule(
            id=rule_id,
            stage=stage,
            route=route,
            coach=" ".join(p.text for p in coach),
            b1=" ".join(p.text for p in b1),
            source=self.text(r["source"], (*path, "source")),
            referrals=referrals,
            urgent=urgent,
            test=test,
            fields=fields,
            templated=coach_t or b1_t,
            coach_parts=coach,
            b1_parts=b1,
            domain_specs=specs,
            reads=reads,
        )

    def special(self, node: Any, path: tuple[Any, ...], stage: str) -> Rule:
        r = self.mapping(
            node, path, schema.FallbackEntry if stage == "fallback" else schema.NoticeEntry
        )
        coach, coach_t = self.parts(r["coach"], (*path, "coach"))
        b1, b1_t = self.parts(r["b1"], (*path, "b1"))
        referrals: tuple[str, ...] = ()
        if "referrals" in r:
            referrals = self.text_list(r["referrals"], (*path, "referrals"))
        return Rule(
            id=self.rule_id(r["id"], (*path, "id")),
            stage=stage,
            route=self.route_name(r["route"], (*path, "route")) if stage == "fallback" else None,
            coach=" ".join(p.text for p in coach),
            b1=" ".join(p.text for p in b1),
            source=self.text(r["source"], (*path, "source")),
            referrals=referrals,
            urgent=False,
            test=None,
            fields=frozenset(),
            templated=coach_t or b1_t,
            coach_parts=coach,
            b1_parts=b1,
        )

    def rule_id(self, node: Any, path: tuple[Any, ...]) -> str:
        rule_id = self.text(node, path)
        if (
            not rule_id.replace("_", "").isalnum()
            or not rule_id[0].isalpha()
            or rule_id != rule_id.lower()
        ):
            raise self.fail(path, f'ongeldige id "{rule_id}": gebruik kleine letters, cijfers en _')
        if rule_id in self.ids:
            other = line_of(self.lines, self.ids[rule_id])
            raise self.fail(path, f'id "{rule_id}" komt twee keer voor (ook op regel {other})')
        self.ids[rule_id] = path
        return rule_id

    def route_name(self, node: Any, path: tuple[Any, ...]) -> str:
        if node not in ROUTES:
            raise self.fail(path, f'route "{node}" bestaat niet; kies uit: {", ".join(ROUTES)}')
        return node

    def unknowns(self, node: Any, path: tuple[Any, ...]) -> tuple[UnknownField, ...]:
        if not isinstance(node, list):
            raise self.fail(path, "verwacht een lijst van velden (field, assume, alternatives)")
        out: list[UnknownField] = []
        seen: set[str] = set()
        for i, item in enumerate(node):
            sub = (*path, i)
            u = self.mapping(item, sub, schema.UnknownEntry)
            field = u["field"]
            if field not in PROFILE_FIELDS or field in _NOT_ASSUMABLE:
                raise self.fail(
                    (*sub, "field"), f'"{field}" is geen profielveld dat je kunt aannemen'
                )
            if field in seen:
                raise self.fail((*sub, "field"), f'"{field}" staat er twee keer')
            seen.add(field)
            assume = self.profile_value(field, u["assume"], (*sub, "assume"))
            alts_node = u["alternatives"]
            if not isinstance(alts_node, list) or not alts_node:
                raise self.fail((*sub, "alternatives"), "verwacht een niet-lege lijst")
            alts = []
            for j, alt in enumerate(alts_node):
                asub = (*sub, "alternatives", j)
                a = self.mapping(alt, asub, schema.Alternative)
                value = self.profile_value(field, a["value"], (*asub, "value"))
                if value == assume:
                    raise self.fail((*asub, "value"), "een alternatief moet verschillen van assume")
                alts.append(Alternative(value, self.text(a["als"], (*asub, "als"))))
            out.append(UnknownField(field, assume, self.text(u["why"], (*sub, "why")), tuple(alts)))
        return tuple(out)

    def profile_value(self, field: str, value: Any, path: tuple[Any, ...]) -> Any:
        try:
            normalised = validate_profile({field: value})[field]
        except ProfileError as exc:
            raise self.fail(path, str(exc)) from None
        if normalised is None:
            raise self.fail(path, "verwacht een bekende waarde, niet leeg")
        return normalised

    def readiness(self, node: Any, path: tuple[Any, ...]) -> ReadinessConfig:
        r = self.mapping(node, path, schema.Readiness)
        w = self.mapping(r["willen"], (*path, "willen"), schema.Willen)
        k = self.mapping(r["kunnen"], (*path, "kunnen"), schema.Kunnen)
        s = self.mapping(r["stabiliteit"], (*path, "stabiliteit"), schema.Stabiliteit)
        wants = self.points(w["wants_to_work"], (*path, "willen", "wants_to_work"), WANTS_TO_WORK)
        if not wants["nee"] <= wants["twijfel"] <= wants["ja"]:
            # Otherwise a firmer "ja" could lower willen (issue 3 invariant).
            raise self.fail(
                (*path, "willen", "wants_to_work"), "punten moeten oplopen: nee ≤ twijfel ≤ ja"
            )
        domain_points = self.points(
            s["domain_points"], (*path, "stabiliteit", "domain_points"), (1, 2, 3, 4, 5)
        )
        if any(domain_points[i] > domain_points[i + 1] for i in range(1, 5)):
            # Otherwise a worse life-domain score could raise stabiliteit (issue 3 invariant).
            raise self.fail(
                (*path, "stabiliteit", "domain_points"), "punten moeten oplopen van score 1 naar 5"
            )
        undiscussed = s["undiscussed"]
        if isinstance(undiscussed, bool) or undiscussed not in (1, 2, 3, 4, 5):
            raise self.fail((*path, "stabiliteit", "undiscussed"), "verwacht een score van 1 tot 5")
        education = k["education"]
        if not isinstance(education, dict):
            raise self.fail((*path, "kunnen", "education"), "verwacht een object niveau: punten")
        for level in education:
            if level not in EDUCATION_LEVELS:
                raise self.fail(
                    (*path, "kunnen", "education", level),
                    f'onbekend niveau "{level}"; kies uit: {", ".join(EDUCATION_LEVELS)}',
                )
        return ReadinessConfig(
            weights=self.weights(r["weights"], (*path, "weights"), schema.ReadinessWeights),
            neutral=self.number(r["neutral"], (*path, "neutral"), 0, 100),
            willen_weights=self.weights(
                w["weights"], (*path, "willen", "weights"), schema.WillenWeights
            ),
            wants_points=wants,
            kunnen_weights=self.weights(
                k["weights"], (*path, "kunnen", "weights"), schema.KunnenWeights
            ),
            education_points={
                level: self.number(v, (*path, "kunnen", "education", level), 0, 100)
                for level, v in education.items()
            },
            experience_points=self.rising(
                k["work_experience"], (*path, "kunnen", "work_experience")
            ),
            skills_points=self.rising(k["skills"], (*path, "kunnen", "skills")),
            hours_full=self.positive_hours(k["hours_full"], (*path, "kunnen", "hours_full")),
            employee_skills_points=self.points(
                k["employee_skills"], (*path, "kunnen", "employee_skills"), EMPLOYEE_SKILLS
            ),
            can_start_points=self.points(
                k["can_start_within_6_months"],
                (*path, "kunnen", "can_start_within_6_months"),
                (True, False),
            ),
            domain_points=domain_points,
            undiscussed_score=undiscussed,
            stabiliteit_weights=self.weights(
                s["weights"], (*path, "stabiliteit", "weights"), schema.StabiliteitWeights
            ),
        )

    def weights(
        self, node: Any, path: tuple[Any, ...], shape: type[BaseModel]
    ) -> dict[str, float]:
        m = self.mapping(node, path, shape)
        out = {key: self.number(m[key], (*path, key), 0, 1000) for key in schema.keys(shape)}
        if sum(out.values()) <= 0:
            raise self.fail(path, "minstens één gewicht moet groter dan 0 zijn")
        return out

    def points(self, node: Any, path: tuple[Any, ...], keys: tuple[Any, ...]) -> dict[Any, float]:
        m = self.mapping(node, path, dict.fromkeys(keys, True))
        return {key: self.number(m[key], (*path, key), 0, 100) for key in keys}

    def rising(self, node: Any, path: tuple[Any, ...]) -> tuple[float, ...]:
        if not isinstance(node, list) or not node:
            raise self.fail(path, "verwacht een niet-lege lijst punten (voor 0, 1, 2, ... items)")
        values = tuple(self.number(v, (*path, i), 0, 100) for i, v in enumerate(node))
        if any(a > b for a, b in zip(values, values[1:], strict=False)):
            raise self.fail(path, "punten moeten oplopen: meer ervaring mag nooit lager scoren")
        return values

    def positive_hours(self, node: Any, path: tuple[Any, ...]) -> float:
        hours = self.number(node, path, 0, 60)
        if hours <= 0:
            raise self.fail(
                path,
                "onmogelijke waarde 0: het aantal uur voor de volle score moet groter dan 0 zijn",
            )
        return hours


def _notice(rule_id: str, coach: str, b1: str, source: str) -> Rule:
    return Rule(
        id=rule_id,
        stage="notice",
        route=None,
        coach=coach,
        b1=b1,
        source=source,
        referrals=(),
        urgent=False,
        test=None,
        fields=frozenset(),
        templated=False,
        coach_parts=(Part(coach),),
        b1_parts=(Part(b1),),
    )


# Used when a policy has no wording of its own for these guarantees (the default policy has).
_BUILT_IN_NOTICES = {
    "ips_twijfel": _notice(
        "ips_twijfel_standaard",
        "Heeft een EPA, is in zorg bij een ggz-team en twijfelt over werk: nog geen IPS. "
        "Zodra de persoon wil werken, is IPS mogelijk; bespreek dit met het ggz-team.",
        "Als je wilt werken, kan een IPS-begeleider van je ggz-team je helpen.",
        "seed 004, Individuele Plaatsing en Steun (IPS)",
    ),
    "crisis": _notice(
        "veiligheid_eerst",
        "Tijdens de intake is acuut gevaar gesignaleerd; neem vandaag persoonlijk contact op.",
        "Je vertelde iets dat zorgen geeft. Iemand van de gemeente neemt snel contact met je op.",
        "DOMAIN.md, The routes (Safety comes before routing)",
    ),
}


def _profile_fields(facts: set[str]) -> frozenset[str]:
    fields: set[str] = set()
    for fact in facts:
        if fact == DOMAINS_KEY:
            fields.add("life_domains")
        else:
            fields.update(FACT_SPECS[fact].fields)
    return frozenset(fields)


def _yaml_key(key: Any) -> str:
    """How a key is written in YAML: ``True`` → ``true``."""
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)
