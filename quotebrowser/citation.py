"""Citations for a stored quote: the verbatim words, who said them, and where they were reported.

Every style carries the quote exactly as in the article (control characters shown, not obeyed),
the speaker and role, the article title, and the author, outlet, date and link when the article
has them (nothing is made up when it lacks them: no author, "n.d." for no date). The link is the
article's URL when known, else where it was read from (its path).
"""

from __future__ import annotations

from quotebrowser.literal import literal
from quotebrowser.model import Quote
from quotebrowser.store.records import DocumentInfo

STYLES = ("plain", "markdown", "apa", "chicago", "bibtex")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
UNKNOWN_SPEAKER = "Unattributed"


def _speaker(quote: Quote) -> str:
    name = quote.speaker or UNKNOWN_SPEAKER
    return f"{name}, {quote.role}" if quote.role else name


def _sentence(text: str) -> str:
    """`text` ending in one full stop: "Sen." stays "Sen.", never "Sen.."."""
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _long_date(iso: str | None) -> str | None:
    """ "2021-01-11" -> "January 11, 2021"."""
    if not iso:
        return None
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{MONTHS[month - 1]} {day}, {year}"


def _apa_date(iso: str | None) -> str:
    if not iso:
        return "n.d."
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{year}, {MONTHS[month - 1]} {day}"


def _title(quote: Quote, document: DocumentInfo | None) -> str:
    return document.title if document and document.title else quote.source


def _locator(quote: Quote, document: DocumentInfo | None) -> str:
    return document.url if document and document.url else quote.source


def _where(title: str, document: DocumentInfo | None) -> str:
    """Title, outlet and date, as far as they are known."""
    where = [title]
    if document and document.outlet:
        where.append(document.outlet)
    if document and document.date:
        where.append(_long_date(document.date) or document.date)
    return ", ".join(where)


def _plain(quote: Quote, document: DocumentInfo | None) -> str:
    where = _where(_title(quote, document), document)
    return (
        f"“{quote.text}” — {_sentence(_speaker(quote))} In: {_sentence(where)} "
        f"Source: {_locator(quote, document)}"
    )


def _markdown(quote: Quote, document: DocumentInfo | None) -> str:
    body = "\n".join(f"> {line}" if line else ">" for line in quote.text.split("\n"))
    speaker = f"**{quote.speaker or UNKNOWN_SPEAKER}**" + (f", {quote.role}" if quote.role else "")
    where = _where(f"*{_title(quote, document)}*", document)
    locator = _locator(quote, document)
    link = f"<{locator}>" if "://" in locator else f"`{locator}`"
    stop = _sentence(_speaker(quote))[len(_speaker(quote)) :]  # "." unless it ends in one
    return f"{body}\n>\n> — {speaker}{stop} {_sentence(where)} Source: {link}"


def _apa(quote: Quote, document: DocumentInfo | None) -> str:
    # No byline: the title takes the author's place (APA), the outlet is not the author.
    author = document.byline if document else None
    date = _apa_date(document.date if document else None)
    year = date.split(",")[0]
    cited_in = author or _title(quote, document)
    reference = [f"{author}. ({date})." if author else f"{_title(quote, document)}. ({date})."]
    if author:
        reference.append(f"{_title(quote, document)}.")
    if document and document.outlet:
        reference.append(f"{document.outlet}.")
    reference.append(_locator(quote, document))
    return f"“{quote.text}” ({_speaker(quote)}, as cited in {cited_in}, {year})\n\n" + " ".join(
        reference
    )


def _chicago(quote: Quote, document: DocumentInfo | None) -> str:
    parts = [f"{_speaker(quote)}, quoted in"]
    if document and document.byline:
        parts.append(f"{document.byline},")
    parts.append(f"“{_title(quote, document)},”")
    if document and document.outlet:
        parts.append(f"{document.outlet},")
    if document and document.date:
        parts.append(f"{_long_date(document.date)},")
    parts.append(f"{_locator(quote, document)}: “{quote.text}”")
    return " ".join(parts)


_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _tex(text: str) -> str:
    return "".join(_BIBTEX_ESCAPES.get(ch, ch) for ch in text)


def _bibtex(quote: Quote, document: DocumentInfo | None) -> str:
    fields = [("title", _tex(_title(quote, document)))]
    if document and document.byline:
        fields.append(("author", _tex(document.byline)))
    if document and document.outlet:
        fields.append(("howpublished", _tex(document.outlet)))
    if document and document.date:
        fields.append(("date", document.date))
        fields.append(("year", document.date[:4]))
    fields.append(("note", f"{_tex(_speaker(quote))}: ``{_tex(quote.text)}''"))
    if document and document.url:
        # biblatex reads URLs verbatim; only braces would break the entry.
        fields.append(("url", document.url.replace("{", "%7B").replace("}", "%7D")))
    if "://" not in quote.source:
        fields.append(("file", _tex(quote.source)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{quote-{quote.id},\n{body}\n}}"


_STYLES = {
    "plain": _plain,
    "markdown": _markdown,
    "apa": _apa,
    "chicago": _chicago,
    "bibtex": _bibtex,
}


def cite(quote: Quote, document: DocumentInfo | None, style: str = "plain") -> str:
    """The citation of `quote` (from `document`, when known) in `style` (one of STYLES)."""
    try:
        render = _STYLES[style]
    except KeyError:
        choices = ", ".join(STYLES)
        raise ValueError(f"unknown citation style {style!r}; choose from {choices}") from None
    return literal(render(quote, document))
