"""Title, date, byline, outlet and link of an article, read from its own text.

Only what the article states is taken: a date without a year, or a date in the body ("the
statement dated 9 November"), is no publication date. Order of trust: front matter (`title:`,
`date:`, `author:`, `source:` between `---` lines), then `Document.metadata`, then the header
lines under the title, then well-known phrases anywhere ("Based on materials from X", wire
datelines such as "CITY (Agency) -"). The link is a bare URL under the title or a line such as
"Source: https://...".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from quotebrowser.model import Document

HEADER_LINES = 6  # non-empty lines after the title that may carry date and byline
HEADER_MAX = 100  # longer lines are body paragraphs

MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
DATE_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<mnum>\d\d)-(?P<day>\d\d)(?:\b|(?=T\d))"),  # ISO, maybe a time
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
]
_NAME_WORD = r"[A-Z][\w'’.-]*"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:de|van|von|al|el|bin|da|di|du|la|le)\s+)*{_NAME_WORD}){{1,3}}"
# "By Priya Raman and Tom Becker", "By A, B and C", "By A & B": every author.
_NAMES = rf"{_NAME}(?:(?:\s*,\s*|\s+(?:and|&)\s+|\s*,\s*and\s+){_NAME})*"
BY_LINE = re.compile(rf"^(?i:by|author:|written by)\s+(?P<name>{_NAMES})")
# "Jane Doe Feature 11 January 2021": a name, maybe a section word, then the date.
NAME_THEN_DATE = re.compile(
    rf"^(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}?)"
    r"(?:\s+(?i:feature|news|analysis|opinion|interview|commentary|report|editorial|column))?"
    r"\s*[,|·•–-]?\s*\d",
)
_OUTLET_WORD = r"[A-Z0-9][\w&'’-]*(?:\.[\w&'’-]+)*"  # "Example.com" yes, a final "." no
_OUTLET = rf"(?P<outlet>{_OUTLET_WORD}(?:\s+{_OUTLET_WORD}){{0,4}})"
OUTLET_PHRASES = [
    re.compile(rf"^(?:source|publisher|published by|via)\s*:?\s+{_OUTLET}\s*\.?$", re.IGNORECASE),
    re.compile(
        rf"^based on (?:materials|reporting|reports) (?:from|by) {_OUTLET}\s*\.?$", re.IGNORECASE
    ),
    re.compile(
        rf"^(?:this article )?(?:was )?(?:originally|first) (?:published|appeared) "
        rf"(?:by|on|in|at) {_OUTLET}",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^(?:copyright|©|\(c\))\s*(?:\d{{4}}\s+)?{_OUTLET}\.?\s*(?:all rights reserved)?",
        re.IGNORECASE,
    ),
]
# A donation banner under the title names the site: "Support Example News".
SUPPORT_LINE = re.compile(rf"^support\s+{_OUTLET}$", re.IGNORECASE)
# Wire dateline at the start of a paragraph: "LONDON (Agency) —".
DATELINE = re.compile(r"^[A-Z][\w .,'-]{1,40}?\s\((?P<outlet>[A-Z][\w .&-]{1,30})\)\s*[-—–]")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_URL = r"(?P<url>https?://[^\s<>\"'“”‘’]+[^\s<>\"'“”‘’.,;:!?)\]])"
URL_ALONE = re.compile(rf"^<?{_URL}>?[.,;]?$")
URL_LINE = re.compile(
    rf"^(?:source|url|link|original(?:ly published)?(?: at| on)?|read (?:it )?online(?: at)?)"
    rf"\s*:?\s+<?{_URL}>?[.,;]?\s*$",
    re.IGNORECASE,
)
ROLE_WORDS = {"photo", "image", "video", "click", "read", "share", "advertisement"}


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    title: str
    date: str | None
    byline: str | None
    outlet: str | None
    url: str | None = None
    language: str | None = None  # as the page or the record declares it, never guessed


def find_date(line: str) -> str | None:
    """The first full date (with a year) in `line`, as ISO `YYYY-MM-DD`."""
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(line):
            parts = m.groupdict()
            month = int(parts["mnum"]) if parts.get("mnum") else MONTHS[parts["month"].lower()]
            day, year = int(parts["day"]), int(parts["year"])
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def front_matter(text: str) -> tuple[dict[str, str], str]:
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text
    fields: dict[str, str] = {}
    for line in m.group("body").splitlines():
        key, sep, value = line.partition(":")
        if sep and value.strip():
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[m.end() :]


def _clean_title(line: str) -> str:
    return line.strip().lstrip("#").strip()


def _byline(line: str) -> str | None:
    m = BY_LINE.match(line)
    if m is None and find_date(line):
        m = NAME_THEN_DATE.match(line)
    if m is None:
        return None
    name = m.group("name").strip(" ,.")
    if name.split()[0].lower() in ROLE_WORDS or name.split()[0].lower() in MONTHS:
        return None
    return name


def _outlet(lines: list[str]) -> str | None:
    for line in lines:
        for pattern in OUTLET_PHRASES:
            m = pattern.match(line)
            if m:
                return m.group("outlet").strip(" .")
        m = DATELINE.match(line)
        if m:
            return m.group("outlet").strip()
    return None


def _url(header: list[str], lines: list[str]) -> str | None:
    for line in header:
        m = URL_ALONE.match(line) or URL_LINE.match(line)
        if m:
            return m.group("url")
    for line in lines[-8:][::-1] + lines[:12]:
        m = URL_LINE.match(line)
        if m:
            return m.group("url")
    return None


# The only links kept, cited and handed to a browser: http(s) with a host (never `javascript:`,
# `file:` or `data:`).
WEB_LINK = re.compile(r"https?://[^\s/?#]+(?:[/?#]\S*)?", re.IGNORECASE)


def web_link(url: str) -> bool:
    return WEB_LINK.fullmatch(url.strip()) is not None


def _given_links(front: Mapping[str, str], given: Mapping[str, str]) -> list[str]:
    return [link for link in (front.get("url"), front.get("link"), given.get("url")) if link]


def refused_link(text: str, given: Mapping[str, str] | None = None) -> str | None:
    """A link the article's metadata or front matter gives that `detect` will not keep (not
    http or https), so that the reader can be told."""
    front, _ = front_matter(text)
    given = {k.lower(): v for k, v in (given or {}).items() if v}
    return next((link for link in _given_links(front, given) if not web_link(link)), None)


def detect(text: str, given: Mapping[str, str] | None = None) -> ArticleMeta:
    """Title, date, byline and outlet of the article `text`."""
    front, body = front_matter(text)
    given = {k.lower(): v for k, v in (given or {}).items() if v}
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    title = front.get("title") or given.get("title") or (_clean_title(lines[0]) if lines else "")
    header = [line for line in lines[1 : 1 + HEADER_LINES] if len(line) <= HEADER_MAX]

    date = None
    for raw in (front.get("date"), given.get("date")):
        if raw:
            date = find_date(raw)
            if date:
                break
    if date is None:
        date = next((d for d in map(find_date, header) if d), None)

    byline = front.get("author") or given.get("author") or given.get("byline")
    if byline is None:
        byline = next((b for b in map(_byline, header) if b), None)

    outlet = front.get("source") or front.get("outlet") or given.get("outlet")
    if outlet is None:
        for line in header:
            m = SUPPORT_LINE.match(line)
            if m:
                outlet = m.group("outlet")
                break
    if outlet is None:
        # Credits sit at the end of an article, datelines at the start.
        outlet = _outlet(lines[-8:][::-1]) or _outlet(lines[:12])
    url = next(filter(web_link, _given_links(front, given)), None) or _url(header, lines)
    language = front.get("lang") or front.get("language") or given.get("language")
    return ArticleMeta(
        title=title, date=date, byline=byline, outlet=outlet, url=url, language=language
    )


def describe(document: Document) -> Document:
    """The document with its metadata as detected (`detect`): what the store keeps of it. The
    keys are ArticleMeta's; describing a described document changes nothing."""
    meta = detect(document.text, document.metadata)
    found = {key: value for key, value in asdict(meta).items() if value}
    return Document(source=document.source, text=document.text, metadata=found)
