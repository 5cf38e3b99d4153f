"""The CSV reader: column names, delimiters and cell conversion."""

from __future__ import annotations

import pytest

from bot.profile import validate_profile
from bot.triage.csv_input import CsvError, detect_delimiter, normalise_header, read_csv


@pytest.mark.parametrize(
    ("header", "normalised"),
    [
        ("Uren per week", "uren_per_week"),
        ("school.type", "school_type"),
        ("Life domains.Financiën", "life_domains_financien"),
        ("  AGE ", "age"),
        ("motivation-importance", "motivation_importance"),
    ],
)
def test_normalise_header(header: str, normalised: str) -> None:
    assert normalise_header(header) == normalised


@pytest.mark.parametrize(
    ("line", "delimiter"),
    [
        ("a;b;c", ";"),
        ("a,b,c", ","),
        ("a\tb\tc", "\t"),
        ('"x,y";b;c', ";"),
        ("enkel", ","),
    ],
)
def test_detect_delimiter(line: str, delimiter: str) -> None:
    assert detect_delimiter(line) == delimiter


@pytest.mark.parametrize(
    "header",
    [
        "school_type",
        "school.type",
        "schooltype",
    ],
)
def test_nested_column_names(header: str) -> None:
    table = read_csv(f"{header}\nVSO\n")
    assert validate_profile(table.rows[0].profile, lenient=True)["school"]["type"] == "VSO"


@pytest.mark.parametrize(
    "header",
    [
        "financien",
        "life_domains.financien",
        "life_domain_financien",
        "leefgebied_financien",
        "Financiën",
    ],
)
def test_life_domain_column_names(header: str) -> None:
    table = read_csv(f"{header}\n2\n")
    assert validate_profile(table.rows[0].profile, lenient=True)["life_domains"] == {"financien": 2}


def test_rulers_under_several_names() -> None:
    table = read_csv("motivation.importance,confidence,bereidheid\n8,6,7\n")
    motivation = validate_profile(table.rows[0].profile, lenient=True)["motivation"]
    assert motivation == {"importance": 8, "confidence": 6, "readiness": 7}


def test_cells_are_converted() -> None:
    text = (
        "skills,crisis,can_earn_minimum_wage_alone,hours_per_week,droombaan,X_Eigen\n"
        '"koken; tillen|schoonmaken",nee,Ja,"22,5",,abc\n'
    )
    row = read_csv(text).rows[0]
    profile = validate_profile(row.profile, lenient=True)
    assert profile["skills"] == ["koken", "tillen", "schoonmaken"]
    assert profile["crisis"] is False
    assert profile["can_earn_minimum_wage_alone"] is True
    assert profile["hours_per_week"] == 22.5
    assert profile["droombaan"] is None  # empty cell = unknown
    assert profile["x_eigen"] == "abc"


def test_missing_trailing_cells_are_unknown() -> None:
    row = read_csv("age;wil_werken;uren_per_week\n19;ja\n").rows[0]
    assert row.errors == [] and row.profile == {"age": "19", "wants_to_work": "ja"}


def test_empty_lines_are_skipped_but_lines_are_counted() -> None:
    table = read_csv("age;x_a\n\n19;\n;\n20;1\n")
    assert [(r.row, r.line) for r in table.rows] == [(1, 3), (2, 5)]


def test_column_of_maps_errors_back_to_the_header() -> None:
    table = read_csv("Uren per week;werkervaring\n1;a\n")
    assert table.column_of("hours_per_week") == "Uren per week"
    assert table.column_of("work_experience[0]") == "werkervaring"
    assert table.column_of("age") is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "leeg"),
        ("hours_per_weak\n1\n", 'bedoelde je "hours_per_week"'),
        ("leeftijd;age\n1;2\n", "gaan over hetzelfde veld"),
        ("school\nVSO\n", 'onbekende kolom "school"'),
    ],
)
def test_header_problems(text: str, fragment: str) -> None:
    with pytest.raises(CsvError) as info:
        read_csv(text)
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("cell", "month"),
    [
        ("2027-07", "2027-07"),
        ("10-07-2027", "2027-07"),
        ("07-2027", "2027-07"),
        ("juli 2027", "2027-07"),
        ("2027", "2027-07"),  # a year alone: the end of that school year
        ("onbekend", None),
    ],
)
def test_school_leaving_date_column(cell: str, month: str | None) -> None:
    table = read_csv(f"schooltype;einddatum_school\nPrO;{cell}\n")
    school = validate_profile(table.rows[0].profile, lenient=True)["school"]
    assert school["type"] == "PrO" and school["leaving_date"] == month


def test_a_csv_cell_is_read_leniently_but_the_same_value_in_json_is_not() -> None:
    from bot.profile import ProfileError

    row = read_csv("crisis;wants_to_work;age\nnee;JA;19\n").rows[0]
    assert validate_profile(row.profile, lenient=True)["crisis"] is False
    with pytest.raises(ProfileError) as info:
        validate_profile(row.profile)
    assert {path for path, _ in info.value.errors} == {"crisis", "wants_to_work", "age"}
