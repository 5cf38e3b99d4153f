"""The coach sees the advice's warnings about contradictory answers (issue 10)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bot.storage import Store
from bot.triage import advise


def test_detail_page_and_pdf_show_the_warnings(
    client: TestClient, as_role, store: Store
) -> None:
    profile = {
        "name": "Tess",
        "wants_to_work": "nee",
        "motivation": {"importance": 10, "confidence": 5, "readiness": 4},
    }
    advice = advise(profile).to_dict()
    assert advice["warnings"], advice
    store.save_intake("tegen-1", status="complete", profile=profile, advice=advice)
    as_role("klantbegeleider")
    html = client.get("/intakes/tegen-1").text
    assert "Let op: vraag dit na" in html
    assert "Zegt nu niet te willen werken, maar scoort belang of bereidheid hoog" in html
    assert client.get("/intakes/tegen-1/samenvatting.pdf").status_code == 200


def test_no_warning_block_without_warnings(client: TestClient, as_role, store: Store) -> None:
    advice = advise({"wants_to_work": "ja"}).to_dict()
    store.save_intake("rustig-1", status="complete", profile={"name": "Rik"}, advice=advice)
    as_role("klantbegeleider")
    assert "Let op: vraag dit na" not in client.get("/intakes/rustig-1").text
