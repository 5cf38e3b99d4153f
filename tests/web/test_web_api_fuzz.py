"""Schemathesis against the web app's own ``/openapi.json``: requests made from the schema
(with the bearer token, and with a wrong one; any path and query values), on SQLite and
PostgreSQL, with stored intakes to find. No answer may be a 500, and every answer must match
the schema: a documented status code, its content type and its body model.

The app runs in this process under uvicorn on a loopback port. (Schemathesis's own ASGI
client, ``starlette-testclient``, needs anyio 3; the pinned stack has anyio 4.)
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
import uvicorn
from fixtures_db import API_TOKEN, make_settings, seed
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from bot.storage import Store
from bot.web.app import create_app

# FastAPI writes OpenAPI 3.1; schemathesis 3.21 reads it behind this switch.
schemathesis.experimental.OPEN_API_3_1.enable()

CHECKS = (not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance)


@pytest.fixture
def web_url(store: Store, db_url: str, tmp_path: Path) -> Iterator[str]:
    """The web app with seeded intakes, served on a free loopback port for this test."""
    from tests.e2e.stack import free_port

    seed(store)
    app = create_app(make_settings(db_url, tmp_path), store=store)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error",
                                           lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "the web app did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def fuzz(url: str, headers: dict[str, str], examples: int) -> list[str]:
    """Run schemathesis over every operation; the failures found, as text."""
    schema = schemathesis.from_uri(f"{url}/openapi.json", base_url=url)
    runner = schemathesis.runner.from_schema(
        schema, checks=CHECKS, headers=headers,
        hypothesis_settings=settings(max_examples=examples, deadline=None,
                                     suppress_health_check=list(HealthCheck), database=None),
    )
    problems: list[str] = []
    operations = 0
    for event in runner.execute():
        if isinstance(event, schemathesis.runner.events.AfterExecution):
            operations += 1
            result = event.result
            for check in result.checks:
                if check.value != "success":
                    request = check.example.url if check.example else ""
                    problems.append(f"{event.verbose_name}: {check.name}: {check.message} "
                                    f"{request}")
            problems += [f"{event.verbose_name}: error: {e.exception}" for e in result.errors]
        elif isinstance(event, schemathesis.runner.events.Finished):
            assert operations >= 3, "the schema's operations were not all tried"
    return problems


def test_the_api_answers_every_request_as_documented(web_url: str) -> None:
    problems = fuzz(web_url, {"Authorization": f"Bearer {API_TOKEN}"}, examples=60)
    assert not problems, "\n".join(problems[:20])


def test_with_a_wrong_token_the_api_refuses_as_documented(web_url: str) -> None:
    problems = fuzz(web_url, {"Authorization": "Bearer not-the-token"}, examples=20)
    assert not problems, "\n".join(problems[:20])


def test_a_huge_offset_or_page_number_is_no_server_error(client, as_role) -> None:  # noqa: ANN001
    """Found by the fuzzer: an offset past 2**63 overflowed the SQL query (HTTP 500)."""
    huge = "1050074083909477863624846344192"
    api = client.get(f"/api/intakes?offset={huge}",
                     headers={"Authorization": f"Bearer {API_TOKEN}"})
    assert api.status_code == 422
    as_role("klantbegeleider")
    page = client.get(f"/intakes?pagina={huge}")
    assert page.status_code == 200 and "0 intakes" not in page.text


def test_a_nul_character_in_an_id_or_a_search_is_no_server_error(client, as_role) -> None:  # noqa: ANN001
    """Found by the fuzzer on PostgreSQL, which refuses NUL in a query (HTTP 500)."""
    headers = {"Authorization": f"Bearer {API_TOKEN}"}
    assert client.get("/api/intakes/a%00b", headers=headers).status_code == 404
    listing = client.get("/api/intakes?q=%00&school=x%00", headers=headers)
    assert listing.status_code == 200 and listing.json()["total"] == 0
    as_role("klantbegeleider")
    assert client.get("/intakes/a%00b").status_code == 404
    assert client.get("/intakes?q=a%00").status_code == 200
