"""The condition language of a policy's ``when:`` blocks, compiled once into closures.

Grammar (YAML)::

    when:                          # a mapping: all entries must hold
      wants: true                  # fact: value            -> equals
      hours_per_week: {at_least: 8, at_most: 40}
      wants_to_work: {in: [ja, twijfel]}
      crisis_signals: {contains: suicide}
      any:  [ {...}, {...} ]       # at least one holds
      all:  [ {...}, {...} ]       # all hold
      not:  {...}                  # does not hold
      domains: {at_most: 2, count_at_least: 2, among: [financien, wonen]}

Unknown facts make a test *unknown* (three-valued logic: unknown AND false = false, unknown OR
true = true, NOT unknown = unknown). A rule fires only when its condition is *true*, so an
unknown answer never silently triggers a rule; the engine's what-if analysis covers it.
Everything a policy writes is checked here: the fact exists, the operator suits the fact,
values are allowed, thresholds lie on the fact's scale and are not contradictory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.profile import LIFE_DOMAINS, normalise_education

from .facts import DOMAINS_KEY, FACT_SPECS, FactSpec

Test = Callable[[dict[str, Any]], "bool | None"]
Path = tuple[Any, ...]

_OPS_BY_KIND: dict[str, frozenset[str]] = {
    "enum": frozenset({"equals", "in", "not_in", "known"}),
    "bool": frozenset({"equals", "known"}),
    "number": frozenset({"equals", "at_least", "at_most", "known"}),
    "list": frozenset({"contains", "contains_any", "not_empty", "known"}),
    "text": frozenset({"equals", "in", "not_in", "not_empty", "known"}),
}
_COMBINATORS = ("all", "any", "not", "domains")
_DOMAIN_KEYS = ("at_least", "at_most", "count_at_least", "among")


class ConditionError(Exception):
    def __init__(self, path: Path, message: str):
        super().__init__(message)
        self.path = path
        self.message = message


# A ``domains:`` condition as (lowest score, highest score, watched domains, its test).
DomainSpec = tuple[int, int, frozenset[str], Test]


@dataclass
class Compiled:
    test: Test
    facts: set[str] = field(default_factory=set)
    domains: list[DomainSpec] = field(default_factory=list)  # for {matched_domains}


def compile_condition(node: Any, path: Path, *, allow_route: bool) -> Compiled:
    """Check and compile a ``when:`` node found at ``path`` in the policy file."""
    used: set[str] = set()
    specs: list[DomainSpec] = []
    test = _compile_mapping(node, path, used, allow_route, specs)
    return Compiled(test, used, specs)


def _compile_mapping(
    node: Any, path: Path, used: set[str], allow_route: bool, specs: list[DomainSpec]
) -> Test:
    if not isinstance(node, dict) or not node:
        raise ConditionError(path, "verwacht een voorwaarde (een niet-lege lijst van feit: waarde)")
    tests: list[Test] = []
    equals: list[tuple[str, Any]] = []  # plain "fact: value" entries, tested in one loop
    for key, value in node.items():
        sub = (*path, key)
        if key in FACT_SPECS and not isinstance(value, dict) and key != "route":
            used.add(key)
            _compile_fact(key, FACT_SPECS[key], value, sub)  # validates the value
            equals.append((key, _check_value(FACT_SPECS[key], value, sub)))
            continue
        if key in ("all", "any"):
            if not isinstance(value, list) or not value:
                raise ConditionError(sub, f"'{key}' verwacht een niet-lege lijst van voorwaarden")
            parts = [
                _compile_mapping(item, (*sub, i), used, allow_route, specs)
                for i, item in enumerate(value)
            ]
            tests.append(_all(parts) if key == "all" else _any(parts))
        elif key == "not":
            tests.append(_not(_compile_mapping(value, sub, used, allow_route, specs)))
        elif key == "domains":
            used.add(DOMAINS_KEY)
            tests.append(_compile_domains(value, sub, specs))
        elif key in FACT_SPECS:
            if key == "route" and not allow_route:
                raise ConditionError(
                    sub, "het feit 'route' kan alleen in regels met stage: referral"
                )
            used.add(key)
            tests.append(_compile_fact(key, FACT_SPECS[key], value, sub))
        else:
            raise ConditionError(sub, _unknown_fact_message(str(key)))
    if equals:
        tests.insert(0, _all_equal(tuple(equals)))
    return tests[0] if len(tests) == 1 else _all(tests)


def _all_equal(pairs: tuple[tuple[str, Any], ...]) -> Test:
    """``a: x, b: y, ...`` in one closure: the route rules are mostly this shape, and the
    what-if analysis evaluates them often."""

    def run(facts: dict[str, Any]) -> bool | None:
        result: bool | None = True
        for name, expected in pairs:
            value = facts[name]
            if value is None:
                result = None
            elif value != expected:
                return False
        return result

    return run


def _compile_fact(name: str, spec: FactSpec, value: Any, path: Path) -> Test:
    ops = value if isinstance(value, dict) else {"equals": value}
    if not ops:
        raise ConditionError(path, "lege voorwaarde")
    allowed = _OPS_BY_KIND[spec.kind]
    tests: list[Test] = []
    for op, arg in ops.items():
        sub = (*path, op) if isinstance(value, dict) else path
        if op not in allowed:
            raise ConditionError(
                sub, f"'{op}' past niet bij feit '{name}'; kies uit: {', '.join(sorted(allowed))}"
            )
        tests.append(_compile_op(name, spec, op, arg, sub))
    low = ops.get("at_least")
    high = ops.get("at_most")
    if low is not None and high is not None and low > high:
        raise ConditionError(
            path, f"onmogelijke voorwaarde: at_least {low} is groter dan at_most {high}"
        )
    return tests[0] if len(tests) == 1 else _all(tests)


def _compile_op(name: str, spec: FactSpec, op: str, arg: Any, path: Path) -> Test:
    if op == "known":
        expected = _check_bool(arg, path)
        return lambda facts: (facts[name] is not None) == expected
    if op == "not_empty":
        expected = _check_bool(arg, path)
        return lambda facts: None if (v := facts[name]) is None else bool(v) == expected
    if op in ("at_least", "at_most"):
        bound = _check_number(spec, arg, path)
        if op == "at_least":
            return lambda facts: None if (v := facts[name]) is None else v >= bound
        return lambda facts: None if (v := facts[name]) is None else v <= bound
    if op == "equals":
        expected = _check_value(spec, arg, path)
        return lambda facts: None if (v := facts[name]) is None else v == expected
    if op in ("in", "not_in"):
        if not isinstance(arg, list) or not arg:
            raise ConditionError(path, f"'{op}' verwacht een niet-lege lijst")
        options = frozenset(_check_value(spec, a, (*path, i)) for i, a in enumerate(arg))
        if op == "in":
            return lambda facts: None if (v := facts[name]) is None else v in options
        return lambda facts: None if (v := facts[name]) is None else v not in options
    if op == "contains":
        item = _check_item(spec, arg, path)
        return lambda facts: None if (v := facts[name]) is None else item in v
    if op == "contains_any":
        if not isinstance(arg, list) or not arg:
            raise ConditionError(path, "'contains_any' verwacht een niet-lege lijst")
        items = frozenset(_check_item(spec, a, (*path, i)) for i, a in enumerate(arg))
        return lambda facts: None if (v := facts[name]) is None else any(x in items for x in v)
    raise AssertionError(op)  # pragma: no cover


def _compile_domains(node: Any, path: Path, specs: list[DomainSpec]) -> Test:
    """``domains: {at_most: 2, count_at_least: 2, among: [...]}``.

    Counts the discussed domains (among the listed ones, default all) whose score lies within
    the bounds. Undiscussed domains never count: they are treated as "no problem raised"
    (data minimisation means we only ask about domains the person raises, DOMAIN.md §5).
    """
    if not isinstance(node, dict) or not node:
        raise ConditionError(path, "verwacht een object met at_least/at_most/count_at_least/among")
    for key in node:
        if key not in _DOMAIN_KEYS:
            raise ConditionError(
                (*path, key), f"onbekend veld; kies uit: {', '.join(_DOMAIN_KEYS)}"
            )
    scale = FACT_SPECS["life_domains.financien"]
    low = _check_number(scale, node["at_least"], (*path, "at_least")) if "at_least" in node else 1
    high = _check_number(scale, node["at_most"], (*path, "at_most")) if "at_most" in node else 5
    if "at_least" not in node and "at_most" not in node:
        raise ConditionError(path, "geef at_least en/of at_most (score 1–5)")
    if low > high:
        raise ConditionError(
            path, f"onmogelijke voorwaarde: at_least {low} is groter dan at_most {high}"
        )
    among_raw = node.get("among", list(LIFE_DOMAINS))
    if not isinstance(among_raw, list) or not among_raw:
        raise ConditionError((*path, "among"), "verwacht een niet-lege lijst van leefgebieden")
    among: list[str] = []
    for i, domain in enumerate(among_raw):
        if domain not in LIFE_DOMAINS:
            raise ConditionError(
                (*path, "among", i),
                f'onbekend leefgebied "{domain}"; kies uit: {", ".join(LIFE_DOMAINS)}',
            )
        if domain not in among:
            among.append(domain)
    count = node.get("count_at_least", 1)
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= len(among):
        raise ConditionError(
            (*path, "count_at_least"),
            f"onmogelijk aantal {count!r}: kies een geheel getal van 1 tot {len(among)}",
        )
    watched = frozenset(among)

    def test(facts: dict[str, Any]) -> bool:
        # Loop over the discussed domains (usually few), not over the watched ones.
        hits = 0
        for domain, score in facts[DOMAINS_KEY].items():
            if domain in watched and low <= score <= high:
                hits += 1
        return hits >= count

    specs.append((int(low), int(high), watched, test))
    return test


# --- three-valued combinators --------------------------------------------------------------


def _all(tests: list[Test]) -> Test:
    def run(facts: dict[str, Any]) -> bool | None:
        result: bool | None = True
        for t in tests:
            r = t(facts)
            if r is False:
                return False
            if r is None:
                result = None
        return result

    return run


def _any(tests: list[Test]) -> Test:
    def run(facts: dict[str, Any]) -> bool | None:
        result: bool | None = False
        for t in tests:
            r = t(facts)
            if r is True:
                return True
            if r is None:
                result = None
        return result

    return run


def _not(test: Test) -> Test:
    def run(facts: dict[str, Any]) -> bool | None:
        r = test(facts)
        return None if r is None else not r

    return run


# --- value checks ---------------------------------------------------------------------------


def _check_bool(arg: Any, path: Path) -> bool:
    if not isinstance(arg, bool):
        raise ConditionError(path, f"verwacht true of false, niet {arg!r}")
    return arg


def _check_number(spec: FactSpec, arg: Any, path: Path) -> float:
    if isinstance(arg, bool) or not isinstance(arg, (int, float)):
        raise ConditionError(path, f"verwacht een getal, niet {arg!r}")
    if not spec.low <= arg <= spec.high:
        raise ConditionError(
            path, f"onmogelijke drempel {arg}: de schaal loopt van {spec.low:g} tot {spec.high:g}"
        )
    return arg


def _check_value(spec: FactSpec, arg: Any, path: Path) -> Any:
    if spec.kind == "bool":
        return _check_bool(arg, path)
    if spec.kind == "number":
        return _check_number(spec, arg, path)
    if not isinstance(arg, str):
        raise ConditionError(path, f"verwacht tekst, niet {arg!r}")
    if spec.kind == "enum":
        if arg not in spec.values:
            raise ConditionError(
                path, f'onbekende waarde "{arg}"; kies uit: {", ".join(spec.values)}'
            )
        return arg
    if spec.values:  # education: compare in the normalised spelling
        return normalise_education(arg)
    return arg


def _check_item(spec: FactSpec, arg: Any, path: Path) -> str:
    if not isinstance(arg, str):
        raise ConditionError(path, f"verwacht tekst, niet {arg!r}")
    if spec.values and arg not in spec.values:
        raise ConditionError(path, f'onbekende waarde "{arg}"; kies uit: {", ".join(spec.values)}')
    return arg


def _unknown_fact_message(name: str) -> str:
    import difflib

    choices = [*_COMBINATORS, *FACT_SPECS]
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    hint = f' (bedoelde je "{close[0]}"?)' if close else ""
    return f'onbekend feit "{name}"{hint}'
