"""The load bench's readers without a browser (bench/load_protocol.py) get the view their URL
names, one after another in one session, as the frontend does for a permalink or the back
button: otherwise the load would time the same view twenty times over."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from bench.load_protocol import Reader


def views(url: str, queries: list[str]) -> list:
    """The runs of `queries`, one after another in one reader's session. In a thread of its
    own: the suite's sync Playwright keeps an event loop running in this one."""
    async def read() -> list:
        reader = await Reader.open(url)
        try:
            return [await reader.view(query) for query in queries]
        finally:
            await reader.close()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, read()).result()


def test_one_reader_follows_its_url_from_view_to_view(app_server):
    dunhua, yanbian, province = views(app_server.url, ["?county=222403", "?prefecture=222400",
                                                       ""])
    for run in (dunhua, yanbian, province):
        assert run.status == "ok" and not run.exceptions
    total, projects, counties = "总投资 · 项目合计", "项目数", "覆盖县区"
    # The KPI figures of each view (as tests/test_app_investment.py has them for the page).
    assert (dunhua.metrics[total], dunhua.metrics[projects], dunhua.metrics[counties]) \
        == ("80亿元", "1", "1")
    assert (yanbian.metrics[total], yanbian.metrics[projects], yanbian.metrics[counties]) \
        == ("544.5亿元", "5", "2")
    assert (province.metrics[total], province.metrics[projects], province.metrics[counties]) \
        == ("998.1亿元", "25", "8")


def test_a_reader_in_english_gets_english_labels(app_server):
    (run,) = views(app_server.url, ["?lang=en&county=222403"])
    assert run.metrics["Projects"] == "1"
    assert run.metrics["Counties covered"] == "1"
