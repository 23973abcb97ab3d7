"""Layout that only a browser can judge: text cut off, labels hidden under other controls."""

from __future__ import annotations

import pytest

from .conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The width a select needs to show its chosen option in full (or the whole row, on a screen
# too narrow for it), against the width it has.
SELECT_WIDTHS = """() => Array.from(document.querySelectorAll('#catalog-filters select')).map(el => {
    const natural = el.cloneNode(true);
    natural.style.width = 'auto';
    natural.style.position = 'absolute';
    el.parentNode.appendChild(natural);
    natural.selectedIndex = el.selectedIndex;
    const needed = natural.getBoundingClientRect().width;
    natural.remove();
    const room = el.closest('.filters').getBoundingClientRect().width;
    return [el.name, Math.min(needed, room), el.getBoundingClientRect().width];
})"""


@pytest.fixture(autouse=True)
def _catalog(shipped_catalog):
    return shipped_catalog


@pytest.mark.parametrize("width", [1280, 390])
def test_catalog_filter_selects_show_their_choice_in_full(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/catalog/?service=rds&region=us-east-1")
    for name, needed, actual in page.evaluate(SELECT_WIDTHS):
        assert actual + 1 >= needed, f"{name}: {actual}px shown of {needed}px"
    screenshot(page, f"catalog-filters-{width}")


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def _edit_with_answers_held(page) -> list:
    """Change an answer while the new answer's POST is held back: the held routes, to let go."""
    held = []
    page.route(
        "**/",
        lambda route: held.append(route) if route.request.method == "POST" else route.continue_(),
    )
    page.get_by_label("Peak reads").fill("2500")
    page.get_by_label("Peak reads").press("Tab")
    return held


@pytest.mark.parametrize("width", [1280, 390])
def test_while_an_answer_loads_updating_is_shown_clear_of_the_copy_button_and_announced(
    page, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/?data_model=relational&reads_per_sec=2000&writes_per_sec=300&storage_gb=500")
    copy = page.get_by_role("button", name="Copy link")
    copy.wait_for()
    held = _edit_with_answers_held(page)
    page.wait_for_function("() => document.querySelector('#answer-busy').textContent !== ''")
    indicator = page.locator(".answer-updating")
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.answer-updating')).opacity === '1'"
    )
    assert page.locator("#answer-busy").inner_text() == "Updating the answer…"
    assert page.locator("#answer-busy").get_attribute("role") == "status"
    indicator.scroll_into_view_if_needed()
    box, copy_box = indicator.bounding_box(), copy.bounding_box()
    assert not _overlap(box, copy_box), (box, copy_box)
    # Not clipped by a scroll box around it (the answer column scrolls on its own on a desktop).
    clipped = indicator.evaluate(
        """el => {
            const top = el.getBoundingClientRect().top;
            for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                if (getComputedStyle(p).overflowY !== 'visible' && top < p.getBoundingClientRect().top) {
                    return true;
                }
            }
            return false;
        }"""
    )
    assert not clipped
    screenshot(page, f"answer-loading-{width}")
    assert held
    for route in held:
        route.continue_()
    page.wait_for_function("() => document.querySelector('#answer-busy').textContent === ''")


def test_on_a_phone_the_bottom_bar_says_it_is_updating_while_a_new_answer_loads(page):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/?data_model=relational&reads_per_sec=2000&writes_per_sec=300&storage_gb=500")
    jump = page.locator("#answer-jump")
    jump.wait_for()
    held = _edit_with_answers_held(page)
    page.wait_for_function(
        "() => document.querySelector('#answer-jump').classList.contains('is-updating')"
    )
    label = jump.evaluate("el => getComputedStyle(el, '::before').content")
    assert "Updating" in label
    assert held
    for route in held:
        route.continue_()
    page.wait_for_function(
        "() => !document.querySelector('#answer-jump').classList.contains('is-updating')"
    )


def test_on_a_phone_the_members_table_shows_its_leave_button_without_scrolling(
    page, django_user_model
):
    from advisor import services

    alice = django_user_model.objects.create_user(username="alice", password="pw-long-enough-1")
    team = services.team_create(name="Payments", owner=alice)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/accounts/login/")
    page.locator("#id_username").fill("alice")
    page.locator("#id_password").fill("pw-long-enough-1")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"/teams/{team.pk}/")
    leave = page.get_by_role("button", name="Leave")
    wrap = page.locator("#members-panel .table-wrap")
    box, frame = leave.bounding_box(), wrap.bounding_box()
    assert box["x"] + box["width"] <= frame["x"] + frame["width"], (box, frame)


def test_on_a_phone_the_bar_says_an_answer_needs_a_fix_and_leaves_the_field_clear(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/?data_model=relational&reads_per_sec=2000&writes_per_sec=300&storage_gb=500")
    jump = page.locator("#answer-jump")
    jump.get_by_text("per month").wait_for()
    writes = page.get_by_label("Peak writes")
    writes.focus()  # as the keyboard's Next or a tap does: the browser scrolls it into view
    writes.press("Control+a")
    writes.press_sequentially("-3")
    message = page.locator("#errors-writes_per_sec").get_by_text("must be at least 0")
    message.wait_for()
    jump.get_by_text("An answer needs a fix").wait_for()
    assert "per month" not in jump.inner_text()  # no stale total shown as current
    bar_top = jump.bounding_box()["y"]
    for part in (writes, message):
        box = part.bounding_box()
        assert box["y"] + box["height"] <= bar_top, (part, box, bar_top)
    screenshot(page, "phone-wrong-answer")
    writes.press("Control+a")
    writes.press_sequentially("30")
    jump.get_by_text("per month").wait_for()
