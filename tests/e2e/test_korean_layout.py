"""The questionnaire and an answer in Korean, in a real browser: Korean labels are longer or
shorter than English and break differently (no spaces inside long compounds), so nothing may
stick out of the page or be cut off inside its button, on a desktop or a phone."""

from __future__ import annotations

import pytest

from .conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ANSWERED = (
    "/?data_model=relational&needs_joins=on&reads_per_sec=1500&writes_per_sec=200"
    "&storage_gb=250&multi_region=dr&regions=ap-northeast-2&regions=ap-northeast-1"
)

# Elements that reach past the right edge of the page, except inside a container that
# scrolls on its own (wide tables), and controls whose own text is cut off.
OVERFLOWS = """() => {
    const width = document.documentElement.clientWidth;
    const scrolls = el => {
        for (let p = el.parentElement; p; p = p.parentElement) {
            const s = getComputedStyle(p);
            if (s.overflowX === 'auto' || s.overflowX === 'scroll') return true;
        }
        return false;
    };
    const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '')
        + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
        if (r.right > width + 1 && !scrolls(el)) out.push('past the edge: ' + name(el));
    }
    for (const el of document.querySelectorAll('button, .btn, label, legend, th, summary')) {
        if (el.closest('.visually-hidden')) continue;  // clipped on purpose: for screen readers
        if (el.getBoundingClientRect().width && el.scrollWidth > el.clientWidth + 1
            && getComputedStyle(el).overflowX !== 'visible') out.push('cut off: ' + name(el));
    }
    // a checkbox sits right beside its label's text, not stretched away from it
    for (const box of document.querySelectorAll('label input[type=checkbox]')) {
        if (box.getBoundingClientRect().width > 32) out.push('checkbox stretched: ' + name(box.parentElement));
    }
    return {page: document.documentElement.scrollWidth - width, elements: out};
}"""


@pytest.fixture(autouse=True)
def _catalog(shipped_catalog):
    return shipped_catalog


@pytest.fixture
def korean_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="ko-KR")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_korean_questionnaire_and_answer_fit_the_screen(korean_page, width):
    page = korean_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(ANSWERED)
    assert page.locator("html").get_attribute("lang") == "ko"
    page.locator(".answer").first.wait_for()
    assert page.get_by_text("이 설계를 권장하는 이유").first.is_visible()
    # open every folded part so that its content is measured too
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    found = page.evaluate(OVERFLOWS)
    screenshot(page, f"korean-questionnaire-{width}")
    assert found["page"] <= 0, f"the page scrolls sideways by {found['page']}px"
    assert found["elements"] == []
