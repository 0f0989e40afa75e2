"""A speaker's profile (`p`): who they are as the articles give it, and when they spoke.

Name, the other names the articles wrote, the roles and groups the articles give them, the
outlets that quote them, their quotes, and a timeline of quotes per month as a bar chart; a
month chosen in the chart narrows the list to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from quotebrowser.app.loaded import Loaded
from quotebrowser.app.quote_list import QuoteList, QuoteListHeader
from quotebrowser.literal import one_line
from quotebrowser.model import Quote
from quotebrowser.whoswho import Standing, outlets
from quotebrowser.wording import counted

UNDATED = "undated"
BAR = 24  # cells for the longest bar


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    standing: Standing  # the group and role the archive gives them
    quotes: int  # that count (not those marked "not a quote")
    aliases: tuple[str, ...]  # other names the articles wrote
    roles: list[tuple[str, str, int]]  # (role or "", group, quotes) as the articles give them
    outlets: list[tuple[str | None, int]]  # outlet and quotes; None: no outlet named
    listed: Sequence[Quote]  # every quote shown under them (read from the store's index)
    positions: list[int]  # those that count (positions in `listed`), oldest first
    months: list[tuple[str, int]]  # "2021-11" -> quotes, every month in between; undated last
    month_of: dict[int, str]  # position -> month
    statements: int = 0  # reported statements (what they said without quotation marks)


def build_profile(name: str, data: Loaded) -> Profile:
    """`name`'s profile: who they are from the archive's who's who, their quotes (case and
    accents aside; "not a quote" left out) on a timeline."""
    people, documents = data.people, data.documents
    quotes = data.quotes_of_person(name)
    positions = [i for i, q in enumerate(quotes) if not q.rejected]
    documents.prefetch({quotes[i].source for i in positions})
    month_of: dict[int, str] = {}
    dates: dict[int, str] = {}
    for i in positions:
        info = documents.get(quotes[i].source)
        date = info.date if info else None
        month_of[i] = date[:7] if date and len(date) >= 7 else UNDATED
        dates[i] = date or "~"  # undated after every date
    positions.sort(key=lambda i: (dates[i], i))  # oldest first, as the timeline reads
    person = people.profile(name)
    return Profile(
        name=person.name if person else name,
        standing=people.standing(name),
        quotes=person.quotes if person else 0,
        aliases=person.aliases if person else (),
        roles=people.roles_given(name),
        outlets=outlets((quotes[i] for i in positions), documents),
        listed=quotes,
        positions=positions,
        months=_months(Counter(month_of.values())),
        month_of=month_of,
        statements=person.statements if person else 0,
    )


def _months(counts: Counter[str]) -> list[tuple[str, int]]:
    """Every month from the first to the last (a gap is a month without quotes), undated last."""
    dated = sorted(m for m in counts if m != UNDATED)
    found = []
    if dated:
        year, month = map(int, dated[0].split("-"))
        while (label := f"{year:04d}-{month:02d}") <= dated[-1]:
            found.append((label, counts.get(label, 0)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if counts.get(UNDATED):
        found.append((UNDATED, counts[UNDATED]))
    return found


class Timeline(OptionList):
    """Quotes per month as horizontal bars; choosing a bar narrows the list to that month."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "This month", id="timeline.select"),
    ]

    def show(self, months: list[tuple[str, int]], total: int) -> None:
        most = max((n for _, n in months), default=0) or 1
        options = [Option(Content.assemble(("All months", "bold"), f"  {total:,}"), id="")]
        for month, n in months:
            bar = "█" * max(round(n / most * BAR), 1 if n else 0)
            options.append(
                Option(
                    Content.assemble(
                        (f"{month:<8}", "$text-muted"), (f"{bar:<{BAR}}", "$accent"), f" {n:,}"
                    ),
                    id=month,
                )
            )
        self.set_options(options)


def facts(profile: Profile) -> Content:
    muted = "$text-muted"
    role = f", {one_line(profile.standing.role, 60)}" if profile.standing.role else ""
    lines = [
        Content.assemble(
            (one_line(profile.name, 80), "bold $accent"),
            role,
            (f"  ({profile.standing.group})", muted),
            (f"  {counted(profile.quotes, 'quote')}", muted),
            (
                f" and {counted(profile.statements, 'reported statement')} (≈)"
                if profile.statements
                else "",
                "italic $secondary",
            ),
        ),
    ]
    if profile.aliases:
        lines.append(
            Content.assemble(("Also written  ", muted), one_line("; ".join(profile.aliases), 200))
        )
    roles = "; ".join(
        f"{one_line(r, 60) if r else 'no role given'} ({g}) ×{n}" for r, g, n in profile.roles[:6]
    )
    lines.append(Content.assemble(("Roles         ", muted), roles))
    named = [(o, n) for o, n in profile.outlets if o is not None]
    unnamed = sum(n for o, n in profile.outlets if o is None)
    outlets = "; ".join(f"{one_line(o, 50)} ×{n}" for o, n in named[:6])
    rest = [f"{len(named) - 6} more outlets"] if len(named) > 6 else []
    if unnamed:
        rest.append(f"{counted(unnamed, 'quote')} in articles that name no outlet")
    lines.append(
        Content.assemble(
            ("Quoted by     ", muted),
            outlets,
            (("; " if outlets else "") + "; ".join(rest), muted),
        )
    )
    return Content("\n").join(lines)


class ProfileScreen(Screen[None]):
    CSS_PATH = "profile_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="profile.back"),
        Binding("tab", "app.focus_next", "Timeline / quotes", show=False, id="profile.next"),
    ]

    def __init__(self, name: str, data: Loaded) -> None:
        """The profile of the speaker `name` in what the app read."""
        super().__init__()
        self.profile = build_profile(name, data)
        self.quotes: Sequence[Quote] = self.profile.listed
        self.articles: Mapping[str, tuple[str, str]] = data.articles
        self.month: str | None = None  # the month the list is narrowed to

    def compose(self) -> ComposeResult:
        yield Static(facts(self.profile), id="profile-facts")
        with Horizontal(id="profile-main"):
            yield Timeline(id="timeline")
            with Vertical(id="profile-list"):
                yield QuoteListHeader()
                yield QuoteList(id="profile-quotes")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#timeline").border_title = "Quotes per month"
        self.query_one("#profile-list").border_title = "Quotes"
        self.query_one(Timeline).show(self.profile.months, len(self.profile.positions))
        quote_list = self.query_one(QuoteList)
        quote_list.set_quotes(self.quotes, self.articles, self.profile.positions)
        quote_list.focus()

    def renew(self, data: Loaded) -> None:
        """The database changed (a correction made from here, an ingest): show the profile
        read again, on the same month and, if it is still theirs, the same quote."""
        profile = build_profile(self.profile.name, data)
        quotes, articles = profile.listed, data.articles
        quote_list = self.query_one(QuoteList)
        current = quote_list.current_quote
        month = self.month
        self.profile, self.quotes, self.articles = profile, quotes, articles
        self.query_one("#profile-facts", Static).update(facts(profile))
        self.query_one(Timeline).show(profile.months, len(profile.positions))
        quote_list.set_quotes(quotes, articles, profile.positions)
        if month and any(m == month for m, _ in profile.months):
            self.choose_month(month)
        else:
            self.choose_month(None)
        if current is not None:
            at = next((i for i in profile.positions if quotes[i].id == current.id), None)
            if at is not None:
                quote_list.move_to_quote(at)

    @on(OptionList.OptionSelected, "#timeline")
    def _month_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose_month(event.option.id or None)

    def choose_month(self, month: str | None) -> None:
        """Narrow the list to one month's quotes (None: all)."""
        rows = self.profile.positions
        if month:
            rows = [i for i in rows if self.profile.month_of[i] == month]
        self.query_one(QuoteList).set_rows(rows)
        self.query_one("#profile-list").border_title = f"Quotes · {month}" if month else "Quotes"
        self.month = month
