"""First run: an empty database gets the bundled sample articles, with progress on screen.

This is the only place the app may load spaCy (through `Store.ingest`), and only in a thread so
the screen keeps drawing while the model loads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import work
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from quotebrowser.ingest import IngestSummary, run_ingest
from quotebrowser.literal import literal
from quotebrowser.store import Store
from quotebrowser.wording import counted

# How a user adds their own articles: said on the first run, in `?` and by an empty list.
ADD_ARTICLES = (
    "Add your own articles with `quotebrowser ingest PATH|URL` (a file, a folder, a saved page, "
    "a link or an archive); they show up here as they are stored."
)


class IngestScreen(Screen[IngestSummary | Exception]):
    """Reads `paths` into the store; dismisses with the summary, or the error that stopped it."""

    CSS_PATH = "first_run.tcss"

    def __init__(self, store: Store, paths: list[str], title: str) -> None:
        super().__init__()
        self.store = store
        self.paths = paths
        self.heading = title

    def compose(self) -> ComposeResult:
        with Vertical(id="ingest-box"):
            yield Static(Content.styled(self.heading, "bold"), id="ingest-title")
            yield Static(
                Content.styled(
                    "The database is empty, so the bundled sample articles are being read: "
                    "quotes are found and attributed (this loads the language model once).",
                    "$text-muted",
                ),
                id="ingest-explain",
            )
            yield ProgressBar(total=None, show_eta=False, id="ingest-progress")
            yield Static(
                Content.styled("Loading the language model…", "italic"), id="ingest-current"
            )

    def on_mount(self) -> None:
        self.run_ingest()

    @work(thread=True, exclusive=True, group="ingest")
    def run_ingest(self) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int, source: str) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show_progress, done, total, source)

        try:
            summary = run_ingest(self.store, self.paths, progress=progress)
        except Exception as error:  # any failure is reported on screen, never a traceback
            outcome: IngestSummary | Exception = error
        else:
            outcome = summary
        if not worker.is_cancelled:
            self.app.call_from_thread(self.dismiss, outcome)

    def _show_progress(self, done: int, total: int, source: str) -> None:
        bar = self.query_one(ProgressBar)
        if total:
            bar.update(total=total, progress=done)
        label = Path(source).name if source else ""
        counter = f"{done} of {total}" if total else f"{done}"
        # Until the first article is done the language model is still loading: say so.
        status = "Loading the language model…  " if done == 0 else ""
        self.query_one("#ingest-current", Static).update(
            Content.assemble(
                f"{status}Read {counter} articles", ("  " + literal(label), "$text-muted")
            )
        )


def welcome(app: App[Any], outcome: IngestSummary | Exception | None) -> None:
    """Tell the user what reading the sample articles gave (or why it failed)."""
    if isinstance(outcome, Exception):
        app.notify(
            f"Could not read the sample articles: {outcome}",
            severity="error",
            markup=False,
            timeout=15,
        )
    elif outcome is not None:
        app.notify(
            f"Read {counted(outcome.added, 'sample article')}: "
            f"{counted(outcome.quotes, 'quote')}. {ADD_ARTICLES} ? lists the keys.",
            title="Welcome",
            markup=False,
            timeout=12,
        )
        for error in outcome.errors[:5]:
            app.notify(str(error), severity="warning", markup=False)
