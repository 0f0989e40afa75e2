"""The speakers panel: one row per person across articles, under the group of most of their
quotes, with group counts that add up; choosing a group shows exactly that many quotes."""

from __future__ import annotations

from pathlib import Path

from app_support import ArticleBuilder, fill, make_store, widget_text
from test_app import SIZE, started, wait_for

from quotebrowser.app.app import QuoteBrowserApp
from quotebrowser.app.detail_pane import DetailPane
from quotebrowser.app.speakers_panel import SpeakersPanel, panel_entries
from quotebrowser.whoswho import WhosWho


def articles():
    first = (
        ArticleBuilder("/port.txt", "Port to reopen")
        .say("Harbour Minister Mara Olsen spoke. ")
        .quote(
            "The port reopens on Monday", "Mara Olsen", role="Harbour Minister", group="official"
        )
        .end_paragraph()
        .quote("Ferries will run hourly", "Mara Olsen", role="Harbour Minister", group="official")
        .end_paragraph()
        .build()
    )
    # Another article names her by surname only, and a description of someone else gave this
    # one quote the wrong group: she is still one person, an official.
    second = (
        ArticleBuilder("/ferry.txt", "Ferry strike ends")
        .quote("The strike is over", "Olsen", role="protester", group="other")
        .end_paragraph()
        .quote("We got what we asked for", "Ines Gray", role="union member", group="other")
        .end_paragraph()
        .quote("Prices will rise", "Ana Sol", role="economist", group="analyst")
        .end_paragraph()
        .build()
    )
    return [first, second]


async def test_one_row_per_person_and_group_counts_that_add_up(tmp_path: Path) -> None:
    store = make_store(tmp_path / "quotes.json")
    fill(store, articles())
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        panel = app.query_one(SpeakersPanel)
        text = widget_text(panel)
        for label in (
            "All quotes  5",
            "Officials  3",
            "Mara Olsen  3",
            "Analysts  1",
            "Ana Sol  1",
            "Others  1",
            "Ines Gray  1",
        ):
            assert label in text
        assert "Olsen  1" not in text
        # Choosing a group shows as many quotes as its header says, the merged one included.
        labels = [str(o.prompt.plain) for o in panel.options]
        panel.focus()
        await pilot.press("g", *["j"] * labels.index("Officials  3"), "enter")
        await wait_for(pilot, lambda: len(quotes.rows) == 3)
        assert {quotes.quotes[i].text for i in quotes.rows} >= {"The strike is over"}


def test_group_counts_are_the_sum_of_their_rows() -> None:
    quotes = [q for _, qs in articles() for q in qs]
    entries = panel_entries(WhosWho.of_quotes(quotes))
    headers = [i for i, e in enumerate(entries) if e.scope and e.scope[0] == "group"]
    assert sum(entries[i].count for i in headers) == entries[0].count == len(quotes)
    for start, end in zip(headers, [*headers[1:], len(entries)], strict=True):
        assert entries[start].count == sum(e.count for e in entries[start + 1 : end])
    # Without the store's merge, "Olsen" is a person of their own, under their own group.
    assert [e.label.strip() for e in entries if e.label.strip().endswith("Olsen")] == [
        "Mara Olsen",
        "Olsen",
    ]


def test_quotes_and_statements_add_up_apart() -> None:
    from dataclasses import replace

    quotes = [q for _, qs in articles() for q in qs]
    # Two of them reported statements (no quotation marks): counted apart, as "+N".
    quotes = [replace(q, kind="reported") if i in (1, 4) else q for i, q in enumerate(quotes)]
    entries = panel_entries(WhosWho.of_quotes(quotes))
    assert (entries[0].count, entries[0].statements) == (len(quotes) - 2, 2)
    headers = [i for i, e in enumerate(entries) if e.scope and e.scope[0] == "group"]
    for start, end in zip(headers, [*headers[1:], len(entries)], strict=True):
        rows = entries[start + 1 : end]
        assert entries[start].count == sum(e.count for e in rows) >= 0
        assert entries[start].statements == sum(e.statements for e in rows)
    assert sum(entries[i].statements for i in headers) == 2


async def test_the_detail_shows_the_name_as_the_article_wrote_it(tmp_path: Path) -> None:
    store = make_store(tmp_path / "quotes.json")
    fill(store, articles())
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        row = next(
            n for n, i in enumerate(quotes.rows) if quotes.quotes[i].text == "The strike is over"
        )
        await pilot.press("g", *["j"] * row)
        detail = app.query_one(DetailPane)
        await wait_for(pilot, lambda: "Written  Olsen" in widget_text(detail))
        assert "Mara Olsen" in widget_text(detail)
