"""A tech lead's whole journey in a real browser: answer, sign up, save, revise, diff, share,
open the link logged out, revoke it and see it gone."""

from __future__ import annotations

import re

import pytest

from .conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MONEY = re.compile(r"\$[\d,]+\.\d\d")


@pytest.fixture(autouse=True)
def _catalog(shipped_catalog):
    return shipped_catalog


def answer_total(page) -> str:
    panel = page.locator("#answer-panel")
    text = panel.inner_text()
    match = MONEY.search(text)
    assert match, text[:500]
    return match.group(0)


def wait_for_total_change(page, before: str) -> str:
    page.wait_for_function(
        """(before) => {
            const el = document.querySelector('#answer-panel');
            const m = el && el.innerText.match(/\\$[\\d,]+\\.\\d\\d/);
            return m && m[0] !== before;
        }""",
        arg=before,
    )
    return answer_total(page)


def test_answer_sign_up_save_revise_diff_share_and_revoke(page, live_server, browser):
    # 1. Anyone can answer; the answer follows each change in place.
    page.goto("/")
    page.get_by_label("Data model").select_option("relational")
    page.get_by_label("Peak reads").fill("2000")
    page.get_by_label("Peak writes").fill("300")
    page.get_by_label("Data stored today").fill("500")
    page.get_by_label("Data stored today").press("Tab")
    page.wait_for_function(
        "() => /\\$[\\d,]+\\.\\d\\d/.test(document.querySelector('#answer-panel').innerText)"
    )
    first_total = answer_total(page)
    url_before = page.url

    page.get_by_label("Peak reads").fill("40000")
    page.get_by_label("Peak reads").press("Tab")
    second_total = wait_for_total_change(page, first_total)
    assert second_total != first_total
    assert page.url != url_before  # the address bar carries the answers
    screenshot(page, "questionnaire")

    # An invalid answer shows its message beside the field and keeps the last good answer.
    page.get_by_label("Peak writes").fill("-5")
    page.get_by_label("Peak writes").press("Tab")
    page.wait_for_selector("text=must be at least 0")
    assert answer_total(page) == second_total
    page.get_by_label("Peak writes").fill("300")
    page.get_by_label("Peak writes").press("Tab")
    page.wait_for_selector("text=must be at least 0", state="detached")

    # 2. Sign up and make a team.
    page.goto("/accounts/signup/")
    page.locator("#id_username").fill("alice")
    page.locator("#id_password1").fill("correct-horse-battery-9")
    page.locator("#id_password2").fill("correct-horse-battery-9")
    page.get_by_role("button", name="Create my account").click()
    page.goto("/teams/")
    page.get_by_label("Name").fill("Payments")
    page.get_by_role("button", name="Create team").click()
    page.wait_for_selector("text=Payments")

    # 3. Save the answer to the team as a design (version 1).
    page.goto(
        "/?data_model=relational&reads_per_sec=2000&writes_per_sec=300&storage_gb=500"
        "&name=Orders+database"
    )
    page.wait_for_function(
        "() => /\\$[\\d,]+\\.\\d\\d/.test(document.querySelector('#answer-panel').innerText)"
    )
    v1_total = answer_total(page)
    page.get_by_role("button", name="Save design").click()
    page.wait_for_url(re.compile(r"/designs/\d+/"))
    design_url = page.url
    assert "v1" in page.inner_text("body")
    screenshot(page, "design")

    # 4. Change an answer and save version 2.
    page.get_by_role("link", name="Change answers and save a new version").click()
    page.wait_for_function(
        "() => /\\$[\\d,]+\\.\\d\\d/.test(document.querySelector('#answer-panel').innerText)"
    )
    page.get_by_label("Peak writes").fill("9000")
    page.get_by_label("Peak writes").press("Tab")
    wait_for_total_change(page, v1_total)
    page.get_by_role("button", name="Save as a new version of the design").click()
    page.wait_for_url(re.compile(r"/designs/\d+/"))
    assert "v2" in page.inner_text("body")

    # 5. Diff the two versions: the changed input is named.
    page.locator("#diff-a").select_option("1")
    page.locator("#diff-b").select_option("2")
    page.get_by_role("button", name="Compare", exact=True).click()
    diff = page.locator("#diff")
    diff.get_by_text("300", exact=False).first.wait_for()
    assert "9,000" in diff.inner_text()
    # The side column is narrow (a laptop's, here): no value (an instance class) may run out
    # of its card.
    page.set_viewport_size({"width": 1024, "height": 900})
    card_right = page.locator("#diff-title").evaluate(
        "h => h.closest('.card').getBoundingClientRect().right"
    )
    overflowing = diff.evaluate(
        "(d, right) => Array.from(d.querySelectorAll('td, th, span, strong'))"
        ".filter(e => e.getBoundingClientRect().right > right + 0.5).map(e => e.textContent)",
        card_right,
    )
    assert overflowing == [], overflowing
    screenshot(page, "design-diff")
    page.set_viewport_size({"width": 1280, "height": 900})

    # 6. Share version 2 and open the link logged out.
    page.locator("#share-version").select_option("2")
    page.get_by_role("button", name="Create link").click()
    link = page.get_by_test_id("report-link")
    link.wait_for()
    report_url = link.get_attribute("href")
    assert report_url and "/r/" in report_url
    # Shown only once: a button copies it whole.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.get_by_role("button", name="Copy link").click()
    page.get_by_role("button", name="Copied").wait_for()
    assert page.evaluate("() => navigator.clipboard.readText()") == report_url

    anonymous = browser.new_context(base_url=live_server.url)
    outsider = anonymous.new_page()
    response = outsider.goto(report_url)
    assert response.status == 200
    assert "noindex" in response.headers.get("x-robots-tag", "")
    assert response.headers.get("referrer-policy") == "no-referrer"
    assert MONEY.search(outsider.inner_text("body"))
    screenshot(outsider, "report")

    # 7. Revoke it: the link now answers 410 with a page that says so.
    page.goto(design_url)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Revoke").first.click()
    page.wait_for_selector("text=revoked", timeout=10_000)
    gone = outsider.goto(report_url)
    assert gone.status == 410
    screenshot(outsider, "report-revoked")
    anonymous.close()

    csp = [e for e in page.console_errors if "Content Security Policy" in e]
    assert csp == [], csp
