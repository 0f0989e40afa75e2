"""The user's word, from the app: correct a quote's speaker (`e`), mark it not a quote (`x`),
merge or rename a speaker (`m`, `R` in the speakers panel), undo (`u`), forget an article.

Each asks what it needs (a picker, a confirmation), then writes off the UI thread (the store's
lock may wait for an ingest) with a Store of its own (the app's may be reading in the loader's
thread), says what was done, and has the database read again. `u` undoes what the user did in
this session, last first, whatever the kind; never a change of another session or program.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App

from quotebrowser.app.confirm import ConfirmScreen
from quotebrowser.app.loaded import Loaded
from quotebrowser.app.speaker_picker import Picked, SpeakerPicker
from quotebrowser.literal import one_line
from quotebrowser.model import Quote
from quotebrowser.store import Store
from quotebrowser.wording import counted


class Curator:
    """The app's corrections: `app` asks and tells, `db` is written, `reload` reads it again."""

    def __init__(self, app: App[Any], db: Path, reload: Callable[[], None]) -> None:
        self.app = app
        self.db = db
        self.reload = reload
        # The numbers of the changes made in this session, in order (quotebrowser.store
        # .corrections: corrections and name changes share them): what `u` takes back.
        self.done: list[int] = []

    def correct_speaker(self, quote: Quote | None, data: Loaded | None) -> None:
        """Pick who said `quote`: the article's speakers first, then everyone listed."""
        if quote is None or data is None:
            self.app.notify("No quote is highlighted.", severity="warning")
            return
        here = [q.speaker for q in data.quotes_of(quote.source) if q.speaker]

        def picked(choice: Picked | None) -> None:
            if choice is not None:
                self.write(
                    lambda store: store.correct(
                        quote.id, speaker=choice.name, role=choice.role, group=choice.group
                    ),
                    lambda made: f"Speaker set to {made.speaker}.",
                    undoable=True,
                )

        self.app.push_screen(
            SpeakerPicker(f"Who said “{one_line(quote.text, 90)}”?", here, listed(data)), picked
        )

    def reject(self, quote: Quote | None) -> None:
        """`quote` is not a quote (hidden unless show:rejected)."""
        if quote is None:
            self.app.notify("No quote is highlighted.", severity="warning")
        elif quote.rejected:
            self.app.notify("Already marked not a quote; u undoes it.", timeout=3)
        else:
            self.write(
                lambda store: store.correct(quote.id, reject=True),
                lambda _: "Marked not a quote: hidden unless the search says show:rejected. "
                "u undoes it.",
                undoable=True,
            )

    def undo(self) -> None:
        """Take back the last change made in this session."""
        if not self.done:
            self.app.notify(
                "Nothing to undo from this session. (Earlier changes: "
                "quotebrowser correct ID --undo, quotebrowser speakers --undo.)",
                markup=False,
                timeout=5,
            )
            return
        seq = self.done.pop()
        self.write(
            lambda store: store.undo(seq),
            lambda undone: f"Undone: {undone.describe()}."
            if undone
            else "Nothing to undo: that change was undone elsewhere.",
            failed="Could not undo: ",
            retry=lambda: self.done.append(seq),
        )

    def rename(self, name: str | None, data: Loaded | None, *, merge: bool) -> None:
        """Merge the speaker `name` into someone listed (`merge`), or rename them."""
        if name is None:
            self.app.notify("Highlight a speaker in the panel first.", severity="warning")
            return

        def picked(choice: Picked | None) -> None:
            if choice is None:
                return
            if not merge and choice.name == name:
                self.app.notify("Not renamed: the name is as it was.", timeout=3)
                return
            done = "Merged {} into {} ({}). u undoes it." if merge else "Renamed {} to {} ({})."
            self.write(
                lambda store: store.rename_speaker(name, choice.name, merge=merge),
                lambda made: done.format(made.old, made.new, counted(made.quotes, "quote")),
                undoable=True,
            )

        known = listed(data)
        if merge:
            others = [n for n in known if n != name]
            question = f"Merge {one_line(name, 60)} into whom? (its name becomes an alias)"
            self.app.push_screen(SpeakerPicker(question, [], others, new_names=False), picked)
        else:
            question = f"Rename {one_line(name, 60)} to:"
            self.app.push_screen(SpeakerPicker(question, [], known, name=name), picked)

    def forget(self, quote: Quote | None, data: Loaded | None) -> None:
        """Remove `quote`'s article and its quotes, after asking."""
        if quote is None or data is None:
            self.app.notify("No quote is highlighted.", severity="warning")
            return
        source = quote.source
        count = len(data.quotes_of(source))
        title = data.facts(source).title

        def answered(yes: bool | None) -> None:
            if yes:
                self.write(
                    lambda store: store.forget([source]),
                    lambda done: f"Forgot {counted(len(done[0]), 'article')} and "
                    f"{counted(done[1], 'quote')}.",
                    failed="Could not forget the article: ",
                )

        self.app.push_screen(
            ConfirmScreen(
                f"Forget the article “{one_line(title, 80)}” ({one_line(source, 80)}) and its "
                f"{counted(count, 'quote')}? This removes them from the database."
            ),
            answered,
        )

    def write(
        self,
        change: Callable[[Store], Any],
        said: Callable[[Any], str],
        failed: str = "",
        *,
        undoable: bool = False,
        retry: Callable[[], None] | None = None,
    ) -> None:
        """Make `change` in a worker thread; `said` of its result tells the user. `undoable`:
        the result is a change `u` may take back (its `seq` is kept); `retry` runs when the
        change failed."""
        app = self.app

        def run() -> None:
            try:
                done = change(Store(self.db))
            except Exception as error:  # a StoreError names the unknown speaker or quote
                app.call_from_thread(
                    app.notify, f"{failed}{error}", severity="error", markup=False
                )
                if retry is not None:
                    app.call_from_thread(retry)
                return
            if undoable:
                app.call_from_thread(self.done.append, done.seq)
            app.call_from_thread(app.notify, said(done), markup=False, timeout=4)
            app.call_from_thread(self.reload)

        app.run_worker(run, thread=True, group="correct")


def listed(data: Loaded | None) -> list[str]:
    """The names the speakers panel lists, in its order."""
    entries = data.speaker_entries if data else []
    return [e.scope[1] for e in entries if e.scope and e.scope[0] == "speaker" and e.scope[1]]
