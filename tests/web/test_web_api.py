"""Contract §4 (GET /api/intakes/{sender_id}), the list endpoint and the OpenAPI spec."""

from __future__ import annotations

from fastapi.testclient import TestClient
from fixtures_db import API_TOKEN

from bot.storage import Store

AUTH = {"Authorization": f"Bearer {API_TOKEN}"}


def test_get_intake_contract_shape(client: TestClient, store: Store) -> None:
    response = client.get("/api/intakes/client-1", headers=AUTH)
    assert response.status_code == 200
    data = response.json()
    assert data == store.get_intake("client-1")
    assert list(data)[:6] == ["sender_id", "status", "profile", "advice", "summary_text",
                              "created_at"]
    assert data["status"] == "complete"
    assert data["advice"]["route"] == "jobcoaching"
    assert data["profile"]["name"] == "Sanne <b>de Vries</b>"  # JSON is data, not HTML
    assert "transcript" not in data


def test_incomplete_intake(client: TestClient) -> None:
    data = client.get("/api/intakes/urgent-1", headers=AUTH).json()
    assert data["status"] == "incomplete" and data["advice"] is None and data["urgent"] is True


def test_missing_or_wrong_token_is_401(client: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": API_TOKEN},
                    {"Authorization": f"Basic {API_TOKEN}"}, {"Authorization": "Bearer "}):
        for path in ("/api/intakes/client-1", "/api/intakes/nobody", "/api/intakes"):
            response = client.get(path, headers=headers)
            client.app.state.api_throttle.success("api", "testclient")  # see the test below
            assert response.status_code == 401, (headers, path)
            assert response.headers["content-type"].startswith("application/json")
            assert response.json()["detail"]
            assert response.headers["www-authenticate"] == "Bearer"


def test_unknown_is_404_json(client: TestClient) -> None:
    response = client.get("/api/intakes/nobody", headers=AUTH)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_list_filters_and_paging(client: TestClient) -> None:
    data = client.get("/api/intakes", headers=AUTH).json()
    assert data["total"] == 4 and data["limit"] == 50 and data["offset"] == 0
    assert data["items"][0]["sender_id"] == "urgent-1"
    page = client.get("/api/intakes?limit=2&offset=2", headers=AUTH).json()
    assert len(page["items"]) == 2 and page["total"] == 4
    assert [i["sender_id"] for i in client.get(
        "/api/intakes?route=wmo", headers=AUTH).json()["items"]] == ["pupil-1"]
    assert client.get("/api/intakes?urgent=true", headers=AUTH).json()["total"] == 1
    assert client.get("/api/intakes?status=complete&school=vso%20de%20brug",
                      headers=AUTH).json()["total"] == 1
    assert client.get("/api/intakes?q=kok", headers=AUTH).json()["total"] == 1
    assert client.get("/api/intakes?date_to=2000-01-01", headers=AUTH).json()["total"] == 0
    for bad in ("route=mars", "limit=0", "limit=1000", "date_from=gisteren", "urgent=soms"):
        assert client.get(f"/api/intakes?{bad}", headers=AUTH).status_code == 422, bad


def test_api_reads_are_audited(client: TestClient, store: Store) -> None:
    client.get("/api/intakes/client-1", headers=AUTH)
    client.get("/api/intakes?route=wmo", headers=AUTH)
    entries = store.audit_entries(actor="api")
    assert [(e["action"], e["sender_id"]) for e in entries][:2] == [
        ("api_list", None), ("api_get", "client-1")]
    assert entries[0]["detail"]["filters"] == {"route": "wmo"}


def test_openapi_documents_the_api_only(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {"/api/intakes/{sender_id}", "/api/intakes", "/api/health"}
    single = spec["paths"]["/api/intakes/{sender_id}"]["get"]
    assert {"200", "401", "404", "503"} <= set(single["responses"])
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    schema = spec["components"]["schemas"]["IntakeSummary"]
    assert {"sender_id", "status", "profile", "advice", "summary_text",
            "created_at"} <= set(schema["properties"])
    listing = spec["paths"]["/api/intakes"]["get"]
    assert {p["name"] for p in listing["parameters"]} >= {"route", "urgent", "status", "q",
                                                          "limit", "offset"}


def test_health(client: TestClient) -> None:
    assert client.get("/api/health").json() == {"status": "ok"}


def test_wrong_tokens_from_one_address_are_slowed_down(client: TestClient) -> None:
    for _ in range(10):
        assert client.get("/api/intakes", headers={"Authorization": "Bearer guess"}).status_code \
            == 401
    refused = client.get("/api/intakes", headers={"Authorization": "Bearer guess"})
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    # During the pause even the right token is refused from that address.
    assert client.get("/api/intakes", headers=AUTH).status_code == 429
