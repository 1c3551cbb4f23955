"""Every UI page in headless Chromium over the sample database: it loads with no console error
and no request off the server, its charts draw over their tables, and a screenshot is kept.
Then the interactions: a mention opens its entity, a dragged range refilters the search page
to exactly that range (and the back button undoes it), hostile article text stays text, and
the tables are there with JavaScript off."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from newsgraph import query
from newsgraph.store import open_store

from .conftest import HOSTILE_TITLE

# Pages whose charts must be drawn, by CSS selector of the chart element.
CHARTS = {
    "search": "[data-chart=timeseries]",
    "entity": "[data-chart=timeseries]",
    "network": "[data-chart=network]",
    "map": "[data-chart=worldmap]",
}


@pytest.fixture(scope="module")
def ids(sample_db: str) -> dict[str, str]:
    """Ids to build page URLs from: an article, a linked entity, a story."""
    with sqlite3.connect(sample_db) as db:
        article = db.execute("SELECT id FROM documents ORDER BY seq LIMIT 1").fetchone()[0]
        entity = db.execute(
            "SELECT entity_id FROM event_participants WHERE role = 'actor' "
            "GROUP BY entity_id ORDER BY count(*) DESC, entity_id LIMIT 1"
        ).fetchone()[0]
        story = db.execute("SELECT id FROM stories ORDER BY size DESC, id LIMIT 1").fetchone()
        hostile = db.execute("SELECT id FROM documents WHERE title LIKE 'Talks <script>%'").fetchone()[0]
    return {"article": article, "entity": entity, "story": story[0] if story else "", "hostile": hostile}


def pages(ids: dict[str, str]) -> dict[str, str]:
    found = {
        "search": "/",
        "search-query": "/?q=talks",
        "article": f"/articles/{ids['article']}",
        "entity": f"/entities/{ids['entity']}",
        "events": "/events",
        "quotes": "/quotes",
        "network": "/network",
        "map": "/map",
        "stories": "/stories",
        "story": f"/stories/{ids['story']}",
    }
    return found


PAGE_NAMES = ("search", "search-query", "article", "entity", "events", "quotes", "network", "map", "stories", "story")


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_loads_offline_without_errors(page: Any, ids: dict[str, str], artifacts: Path, name: str) -> None:
    assert ids["story"], "the sample database has no story: ingest should have linked the examples"
    response = page.goto(pages(ids)[name])
    assert response is not None and response.status == 200, f"{name}: HTTP {response and response.status}"
    page.wait_for_load_state("networkidle")
    assert page.locator("main h1").count() == 1
    if name in CHARTS:
        chart = page.locator(CHARTS[name]).first
        chart.wait_for(state="attached")
        page.wait_for_function("el => el.dataset.ready === '1'", arg=chart.element_handle(), timeout=10_000)
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    page.problems.check()


def test_clicking_a_mention_opens_its_entity(page: Any, ids: dict[str, str]) -> None:
    page.goto(f"/articles/{ids['article']}")
    mention = page.locator("#article-text a.hl.mention").first
    name = mention.get_attribute("title") or ""
    href = mention.get_attribute("href") or ""
    assert href.startswith("/entities/")
    mention.click()
    page.wait_for_url(f"**{href}")
    heading = page.locator("main h1").inner_text()
    assert heading and heading in name, f"the mention says {name!r}, the entity page is {heading!r}"


def _drag_points(page: Any) -> tuple[float, float, float, str, str]:
    """Screen points over the 2nd and 2nd-to-last periods of the search timeline (or the first
    and last when there are only a few), and those periods' first and last days."""
    return page.evaluate(
        """() => {
        const el = document.querySelector('#volume [data-chart=timeseries]');
        const u = el.uplot;
        const rows = [...el.closest('figure').querySelectorAll('table tbody tr')];
        const a = rows.length > 3 ? 1 : 0, b = rows.length > 3 ? rows.length - 2 : rows.length - 1;
        const box = u.over.getBoundingClientRect();
        const x = (i) => box.left + u.valToPos(Number(rows[i].dataset.t), 'x');
        return [x(a) - 1, x(b) + 1, box.top + box.height / 2, rows[a].dataset.first, rows[b].dataset.last];
    }"""
    )


def test_dragging_the_timeline_refilters_to_exactly_that_range(page: Any, sample_db: str) -> None:
    page.goto("/")
    page.wait_for_function("() => document.querySelector('#volume [data-chart=timeseries]')?.dataset.ready === '1'")
    left, right, y, first, last = _drag_points(page)
    page.mouse.move(left, y)
    page.mouse.down()
    page.mouse.move((left + right) / 2, y, steps=5)
    page.mouse.move(right, y, steps=5)
    page.mouse.up()
    page.wait_for_url("**since=**")
    params = parse_qs(urlparse(page.url).query)
    assert params["since"] == [first] and params["until"] == [last]
    shown = page.locator("#article-list li[data-published]").evaluate_all(
        "items => items.map(li => li.querySelector('a').getAttribute('href').split('/').pop())"
    )
    with open_store(sample_db) as store:
        expected = [row.id for row in query.documents(store, query.Filters(since=first, until=last))]
        dates = {row.id: row.published for row in query.documents(store)}
    assert shown and sorted(shown) == sorted(expected)
    assert all(first <= (dates[i] or "")[:10] <= last for i in shown)
    outside = [i for i in dates if i not in shown and dates[i] and first <= dates[i][:10] <= last]
    assert not outside, f"articles in range missing from the list: {outside}"
    page.go_back()
    page.wait_for_url(lambda url: "since=" not in url)
    page.problems.check()


def test_hostile_article_text_is_shown_as_text(page: Any, ids: dict[str, str], artifacts: Path) -> None:
    page.goto(f"/articles/{ids['hostile']}")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => window.__xss") is None
    assert page.locator("main h1").inner_text() == HOSTILE_TITLE
    assert page.locator("#article-text script, #article-text img").count() == 0
    assert "<script>window.__xss = 3</script>" in page.locator("#article-text").inner_text()
    page.screenshot(path=str(artifacts / "hostile-article.png"), full_page=True)
    page.problems.check()


@pytest.fixture
def no_js_page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(java_script_enabled=False, base_url=server)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", ["/", "/events", "/network", "/map"])
def test_tables_work_without_javascript(no_js_page: Any, path: str) -> None:
    no_js_page.goto(path)
    tables = no_js_page.locator("main table")
    assert tables.count() >= 1
    assert tables.first.is_visible(), "the data table must be visible when no chart can be drawn"
