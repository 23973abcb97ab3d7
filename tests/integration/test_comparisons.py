"""Comparisons in the embedded setup (tasks in-process): the pages, the polling fragment, the
API, who may see what, a task that fails and is retried, a queue that is down, idempotency.

alice owns Payments, bob edits, vera views, charlie is outside. A real worker process on
Redis is exercised in test_comparison_worker.py.
"""

from __future__ import annotations

import re

import pytest
from kombu.exceptions import OperationalError as BrokerDown

from advisor import comparison_services
from advisor.comparison_models import Comparison
from advisor.models import DesignVersion

from .actors import HTMX, is_fragment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing", "eager")]

PARAMS = {"regions": ["us-east-1", "eu-west-1"], "months": 12, "traffic_multipliers": [1, 2, 5]}


@pytest.fixture
def version(design):
    return design.versions.get(number=1)


def _start(client, design, django_capture_on_commit_callbacks, **form):
    data = {"region": "us-east-1", "other_regions": ["eu-west-1"], "months": "12",
            "traffic_multipliers": "1, 2, 5", **form}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"/designs/{design.pk}/versions/1/compare/", data)


def test_the_form_offers_sensible_defaults(client, vera, design):
    client.force_login(vera)
    page = client.get(f"/designs/{design.pk}/versions/1/compare/")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'value="36"' in text and 'value="0.5, 1, 2, 5, 10"' in text
    assert '<option value="us-east-1" selected>' in text
    checked = re.findall(r'<input type="checkbox" name="other_regions" value="([a-z0-9-]+)"'
                         r' id="[^"]+" checked>', text)  # fmt: skip
    assert checked == ["eu-west-1", "us-west-2"]  # beside the primary, us-east-1


def test_starting_a_comparison_runs_it_in_process_and_shows_the_result(
    client, bob, design, django_capture_on_commit_callbacks
):
    client.force_login(bob)
    response = _start(client, design, django_capture_on_commit_callbacks)
    comparison = Comparison.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/comparisons/{comparison.pk}/"
    assert comparison.status == "done" and comparison.progress == 100
    assert comparison.completions == 1 and comparison.attempt == 1
    assert comparison.regions == ["us-east-1", "eu-west-1"]
    page = client.get(response["Location"]).content.decode()
    result = comparison.result
    assert result["options"][0]["label"] in page
    assert "<svg" in page and "polyline" in page
    assert "Where one overtakes another" in page
    assert "eu-west-1" in page
    assert "hx-trigger" not in page  # finished: nothing polls


def test_the_status_fragment_polls_while_running_and_stops_when_done(client, vera, version):
    comparison = Comparison.objects.create(
        design_version=version, catalog_version=version.catalog_version, regions=["us-east-1"],
        months=3, traffic_multipliers=["1"], status="running", progress=40,
    )  # fmt: skip
    client.force_login(vera)
    running = client.get(f"/comparisons/{comparison.pk}/", headers=HTMX)
    assert running.status_code == 200 and is_fragment(running)
    text = running.content.decode()
    assert 'hx-trigger="every 1s"' in text and 'value="40"' in text
    comparison_services.comparison_compute(comparison_id=comparison.pk)  # a running row: taken over
    done = client.get(f"/comparisons/{comparison.pk}/", headers=HTMX).content.decode()
    assert "hx-trigger" not in done and "hx-get" not in done
    assert "Every feasible option, ranked" in done


def test_without_javascript_the_progress_page_offers_a_refresh_link(client, vera, version):
    comparison = Comparison.objects.create(
        design_version=version, catalog_version=version.catalog_version, regions=["us-east-1"],
        months=3, traffic_multipliers=["1"],
    )  # fmt: skip
    client.force_login(vera)
    page = client.get(f"/comparisons/{comparison.pk}/").content.decode()
    assert "<noscript>" in page and f'href="/comparisons/{comparison.pk}/"' in page


def test_bad_parameters_are_shown_on_the_form_with_a_400(
    client, alice, design, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    response = _start(client, design, django_capture_on_commit_callbacks,
                      months="500", traffic_multipliers="2, lots")  # fmt: skip
    assert response.status_code == 400
    text = response.content.decode()
    assert "Give numbers separated by commas." in text
    assert "less than or equal to 120" in text
    assert not Comparison.objects.exists()


def test_outsiders_get_404_for_every_comparison_page_and_action(
    client, alice, charlie, design, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    _start(client, design, django_capture_on_commit_callbacks)
    comparison = Comparison.objects.get()
    client.force_login(charlie)
    assert client.get(f"/designs/{design.pk}/versions/1/compare/").status_code == 404
    assert client.post(f"/designs/{design.pk}/versions/1/compare/", {}).status_code == 404
    assert client.get(f"/comparisons/{comparison.pk}/").status_code == 404
    assert client.post(f"/comparisons/{comparison.pk}/retry/").status_code == 404
    assert client.get(f"/api/v1/comparisons/{comparison.pk}").status_code == 404
    api = client.post(
        f"/api/v1/designs/{design.pk}/comparisons", {}, content_type="application/json"
    )
    assert api.status_code == 404


def test_a_task_that_raises_fails_with_the_error_shown_and_retry_completes_it(
    client, bob, design, django_capture_on_commit_callbacks, monkeypatch
):
    real = comparison_services.compare
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the pricing sweep broke")
        return real(*args, **kwargs)

    monkeypatch.setattr(comparison_services, "compare", flaky)
    client.force_login(bob)
    _start(client, design, django_capture_on_commit_callbacks)
    comparison = Comparison.objects.get()
    assert comparison.status == "failed"
    assert comparison.error == "RuntimeError: the pricing sweep broke"
    page = client.get(f"/comparisons/{comparison.pk}/").content.decode()
    assert "The comparison failed" in page and "the pricing sweep broke" in page
    assert f'action="/comparisons/{comparison.pk}/retry/"' in page
    with django_capture_on_commit_callbacks(execute=True):
        retried = client.post(f"/comparisons/{comparison.pk}/retry/")
    assert retried.status_code == 302
    comparison.refresh_from_db()
    assert (comparison.status, comparison.error, comparison.attempt) == ("done", "", 2)
    assert comparison.completions == 1


def test_a_queue_that_is_down_fails_the_comparison_not_the_request(
    client, bob, design, django_capture_on_commit_callbacks, monkeypatch
):
    from advisor.tasks import compute_comparison

    def down(*args, **kwargs):
        raise BrokerDown("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(compute_comparison, "apply_async", down)
    client.force_login(bob)
    response = _start(client, design, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    comparison = Comparison.objects.get()
    assert comparison.status == "failed"
    assert comparison.error.startswith("task queue unavailable")
    page = client.get(response["Location"]).content.decode()
    assert "The task queue is unavailable" in page and "Retry" in page
    assert DesignVersion.objects.filter(design=design).count() == 1  # the design is safe
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/comparisons/{comparison.pk}/retry/")
    comparison.refresh_from_db()
    assert comparison.status == "done"


def test_a_redelivered_message_for_a_done_comparison_does_nothing(
    client, bob, design, django_capture_on_commit_callbacks
):
    client.force_login(bob)
    _start(client, design, django_capture_on_commit_callbacks)
    comparison = Comparison.objects.get()
    finished = comparison.finished
    assert comparison_services.comparison_compute(comparison_id=comparison.pk) is False
    comparison.refresh_from_db()
    assert (comparison.attempt, comparison.completions, comparison.finished) == (1, 1, finished)


def test_a_superseded_attempt_stops_and_writes_nothing(version):
    comparison = Comparison.objects.create(
        design_version=version, catalog_version=version.catalog_version, regions=["us-east-1"],
        months=3, traffic_multipliers=["1"],
    )  # fmt: skip
    report = comparison_services._reporter(comparison.pk, attempt=1)
    Comparison.objects.filter(pk=comparison.pk).update(status="running", attempt=2)
    with pytest.raises(comparison_services.Superseded):
        report(1, 4)
    assert Comparison.objects.get(pk=comparison.pk).progress == 0


def test_a_stuck_comparison_can_be_retried_after_a_while(client, vera, version):
    from django.utils import timezone

    comparison = Comparison.objects.create(
        design_version=version, catalog_version=version.catalog_version, regions=["us-east-1"],
        months=3, traffic_multipliers=["1"], status="running", attempt=1,
    )  # fmt: skip
    client.force_login(vera)
    assert "Retry" not in client.get(f"/comparisons/{comparison.pk}/").content.decode()
    long_ago = timezone.now() - comparison_services.STALE_AFTER * 2
    Comparison.objects.filter(pk=comparison.pk).update(heartbeat=long_ago)
    page = client.get(f"/comparisons/{comparison.pk}/").content.decode()
    assert "may have stopped" in page and "Retry" in page


def test_too_many_unfinished_comparisons_of_a_version_are_refused(bob, version):
    for _ in range(comparison_services.MAX_ACTIVE_PER_VERSION):
        Comparison.objects.create(
            design_version=version, catalog_version=version.catalog_version,
            regions=["us-east-1"], months=3, traffic_multipliers=["1"],
        )  # fmt: skip
    with pytest.raises(comparison_services.Invalid):
        comparison_services.comparison_request(version=version, user=bob, params={})


# --- the API -----------------------------------------------------------------------------------


def test_api_starts_a_comparison_with_202_and_serves_api_md_shape(
    client, vera, design, django_capture_on_commit_callbacks
):
    client.force_login(vera)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(f"/api/v1/designs/{design.pk}/comparisons",
                              {"version": 1, **PARAMS}, content_type="application/json")  # fmt: skip
    assert started.status_code == 202
    body = started.json()
    assert set(body) >= {"id", "status"}
    got = client.get(f"/api/v1/comparisons/{body['id']}")
    assert got.status_code == 200
    doc = got.json()
    assert {"status", "progress", "result", "error"} <= set(doc)
    assert (doc["status"], doc["progress"], doc["error"]) == ("done", 100, None)
    assert doc["params"] == PARAMS
    result = doc["result"]
    assert set(result) >= {"options", "regions", "growth", "sensitivity", "break_even"}
    labels = [o["label"] for o in result["options"]]
    assert [g["month"] for g in result["growth"]] == list(range(13))
    assert [s["multiplier"] for s in result["sensitivity"]] == [1, 2, 5]
    assert all(set(g["costs"]) == set(labels) for g in result["growth"])  # jsonb: no order
    for b in result["break_even"]:
        assert b["variable"] in ("traffic_multiplier", "month", "utilization", "io_share")
        assert b["a"] in labels and b["b"] in labels


def test_api_refuses_bad_parameters_by_name(client, vera, design):
    client.force_login(vera)
    response = client.post(
        f"/api/v1/designs/{design.pk}/comparisons",
        {"regions": ["atlantis-1"], "months": 0, "traffic_multipliers": [-1], "colour": "red"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"colour"}
    response = client.post(
        f"/api/v1/designs/{design.pk}/comparisons",
        {"regions": ["atlantis-1"], "months": 0, "traffic_multipliers": [-1]},
        content_type="application/json",
    )
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"regions", "months", "traffic_multipliers"}
    assert not Comparison.objects.exists()


@pytest.mark.parametrize("multiplier", [1e30, "1E+400", 10**40])
def test_api_refuses_a_multiplier_past_decimal_precision_as_out_of_range(
    client, vera, design, multiplier
):
    # The range was checked, then every number normalized all the same: 1E+30 cannot be
    # quantized in 28 digits, and the request was a 500.
    client.force_login(vera)
    response = client.post(
        f"/api/v1/designs/{design.pk}/comparisons",
        {"traffic_multipliers": [1, multiplier]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["traffic_multipliers"]
    assert not Comparison.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shipped_catalog")
def test_api_answers_503_with_the_comparison_kept_when_the_queue_is_down(
    client, vera, design, monkeypatch
):
    # Committed for real (no test transaction around it), so the enqueue runs on commit,
    # inside the request, as it does in production.
    from advisor.tasks import compute_comparison

    def down(*args, **kwargs):
        raise BrokerDown("Connection refused.")

    monkeypatch.setattr(compute_comparison, "apply_async", down)
    client.force_login(vera)
    response = client.post(f"/api/v1/designs/{design.pk}/comparisons", {},
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 503
    body = response.json()
    assert body["error"]["code"] == "task_queue_unavailable" and body["status"] == "failed"
    got = client.get(f"/api/v1/comparisons/{body['id']}").json()
    assert got["status"] == "failed" and got["error"].startswith("task queue unavailable")


def test_api_needs_credentials(client, design):
    assert client.get("/api/v1/comparisons/1").status_code == 401


def test_openapi_describes_the_comparison_endpoints(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/designs/{id}/comparisons" in doc["paths"]
    assert "/api/v1/comparisons/{id}" in doc["paths"]
    assert "ComparisonResult" in doc["components"]["schemas"]


# --- links from the design pages, and the shared report ------------------------------------------


def test_the_design_and_version_pages_link_to_compare(client, vera, design):
    client.force_login(vera)
    href = f'href="/designs/{design.pk}/versions/1/compare/"'
    assert href in client.get(f"/designs/{design.pk}/").content.decode()
    assert href in client.get(f"/designs/{design.pk}/versions/1/").content.decode()


def test_a_shared_report_includes_the_finished_comparison_of_its_version(
    client, alice, design_v2, django_capture_on_commit_callbacks
):
    from advisor import services

    compared, plain = (design_v2.versions.get(number=n) for n in (1, 2))
    _r, token = services.report_share(version=compared, expires_in_days=30, created_by=alice)
    assert "The options compared" not in client.get(f"/r/{token}").content.decode()
    client.force_login(alice)
    _start(client, design_v2, django_capture_on_commit_callbacks)  # of version 1
    comparison = Comparison.objects.get()
    client.logout()
    # The report page is cached whole; a comparison finished since is still shown.
    page = client.get(f"/r/{token}").content.decode()
    assert "The options compared" in page
    assert comparison.result["options"][0]["label"] in page
    assert "<form" not in page and "<script" not in page
    _r, token = services.report_share(version=plain, expires_in_days=30, created_by=alice)
    assert "The options compared" not in client.get(f"/r/{token}").content.decode()
