"""Citations for stored quotes: the verbatim words, who said them, and where they were reported.

Every style carries the quote's words as in the article (control characters shown, not obeyed;
a quote over several paragraphs as one quotation, a pilcrow where a paragraph broke), the
speaker, the article's title, and its authors (all of them), outlet, date and link when the
article has them. Nothing is made up when it lacks them (no author; APA's "n.d." for no date),
and nothing local is cited: the link is the article's own http(s) URL, never a file's path.

APA 7 and Chicago 17 (notes and bibliography) cite a person quoted in a newspaper article as an
indirect source: "(Reyes, as cited in Okafor, 2024)", "Tomas Reyes, quoted in Mara Okafor, ...",
with the article's reference-list (bibliography) entry after. `cite_all` cites several quotes:
each in-text citation (or numbered note), then each article's entry once, in alphabetical order.

A reported statement (kind "reported": what someone said, given without quotation marks) is cited
as a paraphrase, never in quotation marks: "Ana Lima said that the talks would resume (Jane Doe,
Example Wire, January 11, 2021).", APA's "Lima (as cited in Doe, 2021) said that ...", Chicago's
"..., cited in ..." note.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from quotebrowser.authors import Name, authors, joined
from quotebrowser.extract import lexicon as lx
from quotebrowser.literal import literal
from quotebrowser.model import REPORTED, Quote
from quotebrowser.sources.metadata import web_link
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
PARAGRAPH_BREAK = " ¶ "
# Marks that open a quotation (each paragraph of a quote running on reopens with one).
OPENING = "“‘«„‚‹\"'"
_TERMINAL = (".", "?", "!", "…")
# A title's last word that keeps its full stop: an initialism or a common abbreviation.
_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.)+$|\b(?:Inc|Ltd|Co|Corp|Jr|Sr|St|Dr|No|vs)\.$")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# Lower case inside a title in APA's title case (short conjunctions, articles, prepositions: a
# word of four letters or more is capitalised) and in Chicago's headline style (8.159: articles,
# coordinating conjunctions, every preposition, "to" and "as").
APA_MINOR = frozenset("a an the and but or nor for so yet as at by in of off on per to up".split())
CHICAGO_MINOR = frozenset(
    """a an the and but or nor for to as at by in of off on per up via about above across after
    against along amid among around before behind below beneath beside besides between beyond
    despite down during except from inside into like near onto out outside over past since
    through throughout toward towards under underneath until upon with within without""".split()
)
# Characters Markdown would read as markup in a quote's words.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|~])")


@dataclass(frozen=True, slots=True)
class Source:
    """What a citation says of the article a quote is from."""

    title: str
    authors: list[Name]
    outlet: str | None
    date: str | None  # ISO, as stored
    link: str | None  # http(s) only

    @classmethod
    def of(cls, quote: Quote, document: DocumentInfo | None) -> Source:
        link = next(
            (u for u in (document.url if document else None, quote.source) if u and web_link(u)),
            None,
        )
        title = _title(document.title if document else "")
        if not title:
            # No title read: the link, else the file's name (never its path).
            title = link or PurePath(quote.source.split("#")[0]).name or quote.source
        return cls(
            title=title,
            authors=authors(document.byline) if document else [],
            outlet=(document.outlet or None) if document else None,
            date=(document.date or None) if document else None,
            link=link,
        )

    @property
    def year(self) -> str:
        return self.date[:4] if self.date else "n.d."


def _title(title: str) -> str:
    """A headline as a title: one line, without a full stop of its own ("Moscow." -> "Moscow";
    "Talks with U.S." keeps its abbreviation's)."""
    title = " ".join(title.split())
    if title.endswith(".") and not title.endswith("..") and not _ABBREVIATION.search(title):
        title = title[:-1]
    return title


def _ends(text: str, mark: str) -> str:
    """`text` with `mark` after it, unless it already ends in a full stop, ? or !."""
    return text if text.endswith(_TERMINAL) else text + mark


def _in_quotes(text: str, mark: str) -> str:
    """“text,” or “text.” as American style puts the mark inside; “Why now?” takes none."""
    return f"“{text}”" if text.endswith(_TERMINAL) else f"“{text}{mark}”"


def _long_date(iso: str | None) -> str | None:
    """ "2021-01-11" -> "January 11, 2021"; a month or a year alone as far as known."""
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{MONTHS[parts[1] - 1]} {parts[2]}, {parts[0]}"


def _apa_date(iso: str | None) -> str:
    """APA's "2021, January 11" (or "n.d.")."""
    if not iso:
        return "n.d."
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    day = f" {parts[2]}" if len(parts) == 3 else ""
    return f"{parts[0]}, {MONTHS[parts[1] - 1]}{day}"


def paragraphs(text: str) -> list[str]:
    """The quote's paragraphs, each on one line, without the mark that reopens the quotation
    at the start of each new one (nor a stray mark anywhere: see _nested)."""
    parts = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    out = [p.lstrip(OPENING).lstrip() if i else p for i, p in enumerate(parts)]
    return [_nested(p) for p in out if p]


def _nested(text: str) -> str:
    """Quotation marks inside a quotation as single ones (‘a fraud’); a double mark that pairs
    with nothing, a scrap of a reopening, is left out rather than shown stray."""
    text = re.sub(r"“([^“”]*)”", r"‘\1’", text)
    text = re.sub(r'"([^"]*)"', r"‘\1’", text)
    return re.sub(r'\s*["“”]\s*', " ", text).strip() if re.search(r'["“”]', text) else text


def quotation(quote: Quote) -> str:
    """The quote's words as one quotation: paragraphs joined by a pilcrow, without the comma or
    colon that belonged to the sentence around it ("...," she said)."""
    words = PARAGRAPH_BREAK.join(paragraphs(quote.text)) or quote.text
    return words.rstrip(",;: ") or words


def _person(quote: Quote) -> bool:
    """The speaker is a named person (not a body, a document or a description)."""
    name = quote.speaker or ""
    if quote.group in ("organization", "document") or not name:
        return False
    words = [w for w in name.split() if w.lower() not in ("de", "la", "van", "von", "der")]
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and "'" not in name


def _speaker(quote: Quote) -> str:
    name = quote.speaker or UNKNOWN_SPEAKER
    return f"{name}, {quote.role}" if quote.role else name


def _speaker_short(quote: Quote) -> str:
    """A speaker as APA's in-text citation names an author: a person by surname."""
    if not quote.speaker:
        return UNKNOWN_SPEAKER
    if not _person(quote):
        return quote.speaker
    name = authors(quote.speaker)
    return name[0].surname if name else quote.speaker


def _headline(title: str, minor: frozenset[str]) -> str:
    """A title in headline style: each word capitalised but the `minor` ones inside it; words
    written with a capital already (names, "iPhone", "NATO") are left as they are."""
    words = title.split(" ")
    out = []
    for i, word in enumerate(words):
        inside = 0 < i < len(words) - 1 and not words[i - 1].endswith((":", "—"))
        if not word.islower() or (inside and word in minor):
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


# -- a reported statement: a paraphrase ---------------------------------------------------------

# Past tenses the regular endings do not make, of the verbs reported speech is framed with.
_PAST = {"say": "said", "tell": "told", "write": "wrote", "swear": "swore", "quip": "quipped"}
_PAST_FORMS = {"said": "say", "told": "tell", "wrote": "write", "written": "write"}
_PAST_FORMS |= {"swore": "swear", "sworn": "swear"}
# Reporting verbs whose object is the one told: with a clause after them, "said" reads on.
_TOLD = lx.ADDRESSEE_VERBS - {"warn"}
# Words that open what someone said without "that" before them.
_OPENERS = frozenset("that whether if how why what when where who which to".split())
# A statement's first word that is no name (it is lower-cased after the frame).
_LOWER_FIRST = frozenset(
    """the a an this that these those there it its they their them he his him she her we our
    some no all more most many much such each every one other another any if whether what how
    why when where who which to not only""".split()
)
# The rules whose statement is no clause (an infinitive, a gerund, a small clause): it reads on
# from its verb as the article wrote it, with no "that".
_NOT_CLAUSES = frozenset({"directive", "gerund", "small-clause"})


def _lemma(word: str) -> str | None:
    """The reporting verb a cue word is a form of ("warning" -> "warn"), if it is one."""
    verbs = lx.REPORTING_VERBS | lx.DIRECTIVE_VERBS | lx.GERUND_VERBS | lx.NAMING_VERBS
    word = word.lower()
    if word in _PAST_FORMS:
        return _PAST_FORMS[word]
    stems = [word]
    for ending, back in (
        ("ied", "y"),
        ("ies", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(ending):
            stem = word[: -len(ending)] + back
            stems += [stem, stem + "e", stem[:-1]]  # "noting", "admitted"
    return next((stem for stem in stems if stem in verbs), None)


def _past(lemma: str) -> str:
    if lemma in _PAST:
        return _PAST[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    if lemma == "admit":
        return "admitted"
    return lemma + "ed"


def _frame(quote: Quote) -> str | None:
    """The verb a paraphrase is framed with, in the past tense: the article's own ("warned",
    "denied": never "said" for a denial); "said" after a headline's colon or a noun ("his
    statement that"); None for "according to"."""
    cue = (quote.cue or "").split()
    if (quote.cue or "").lower() == "according to":
        return None
    lemma = _lemma(cue[0]) if cue else None
    if lemma is None:
        return "said"
    if lemma in _TOLD and quote.evidence not in _NOT_CLAUSES:
        return "said"  # "told reporters the plan would fail": said that the plan would fail
    return " ".join([_past(lemma), *cue[1:]])  # "pointed out"


def _content(quote: Quote, verb: str | None) -> str:
    """The statement's words as they read on from the frame: one line, a first word that is no
    name in lower case, "that" before a clause that has none (not after "according to")."""
    content = " ".join(quote.text.split()).rstrip(",;: ")
    content = re.sub(r"[,;:]([\"”’'])$", r"\1", content)  # `as "Medicare for all,"`: no comma
    first, _, rest = content.partition(" ")
    if first.lower() in _LOWER_FIRST and first[:1].isupper():
        content = first.lower() + content[len(first) :]
        first = first.lower()
    if verb is None:
        return rest if first == "that" and rest else content
    if quote.evidence not in _NOT_CLAUSES and first not in _OPENERS:
        return f"that {content}"
    return content


def paraphrase(
    quote: Quote, who: str | None = None, escape: Callable[[str], str] = lambda text: text
) -> str:
    """The statement as a sentence of one's own, no quotation marks around it: "Ana Lima,
    Foreign Minister, said that the talks would resume in May." `who`: the speaker as the style
    names them (APA's "Lima (as cited in Doe, 2021)"); `escape`: for the article's words."""
    verb = _frame(quote)
    content = escape(_content(quote, verb))
    # "Ana Lima, Foreign Minister, said": the role in commas.
    speaker = who or escape(_speaker(quote)) + ("," if quote.role else "")
    if verb is None:
        return _ends(f"According to {speaker.rstrip(',')}, {content}", ".")
    return _ends(f"{speaker} {verb} {content}", ".")


def _where(source: Source) -> str:
    """Who reported it, in the paper and when: "Jane Doe, Example Wire, January 11, 2021" (the
    title, when there is no outlet)."""
    names = _byline(source.authors) if source.authors else None
    place = source.outlet or source.title
    return ", ".join(x for x in (names, place, _long_date(source.date)) if x)


def _plain_paraphrase(quote: Quote, source: Source) -> str:
    sentence = paraphrase(quote)
    text = f"{sentence[:-1] if sentence.endswith('.') else sentence} ({_where(source)})."
    return f"{text} {source.link}" if source.link else text


def _markdown_paraphrase(quote: Quote, source: Source) -> str:
    who = f"**{_md(quote.speaker or UNKNOWN_SPEAKER)}**"
    if quote.role:
        who += f", {_md(quote.role)},"
    sentence = paraphrase(quote, who=who, escape=_md)
    where = _md(_where(source))
    if source.link:
        where = f"[{where}](<{source.link}>)"
    return f"{sentence[:-1] if sentence.endswith('.') else sentence} ({where})."


# -- plain and Markdown -----------------------------------------------------------------------


def _byline(names: list[Name]) -> str:
    return joined([n.natural for n in names])


def _plain(quote: Quote, source: Source) -> str:
    rest = [x for x in (source.outlet, _long_date(source.date)) if x]
    if source.authors:
        where = ", ".join([f"“{source.title}” by {_byline(source.authors)}", *rest])
    elif rest:
        where = " ".join([_in_quotes(source.title, ","), ", ".join(rest)])
    else:
        where = f"“{source.title}”"
    where = where if where.endswith("”") and where[-2:-1] in _TERMINAL else _ends(where, ".")
    text = f"“{quotation(quote)}” — {_ends(_speaker(quote), '.')} In {where}"
    return f"{text} {source.link}" if source.link else text


def _md(text: str) -> str:
    return _MARKDOWN.sub(r"\\\1", text)


def _markdown(quote: Quote, source: Source) -> str:
    body = "\n>\n".join(f"> {_md(p)}" for p in paragraphs(quote.text) or [quote.text])
    speaker = f"**{_md(quote.speaker or UNKNOWN_SPEAKER)}**"
    if quote.role:
        speaker += f", {_md(quote.role)}"
    title = f"*{_md(source.title)}*"
    if source.link:
        title = f"[{title}](<{source.link}>)"
    where = [title + (f" by {_md(_byline(source.authors))}" if source.authors else "")]
    where += [_md(x) for x in (source.outlet, _long_date(source.date)) if x]
    end = "" if (quote.role or quote.speaker or "").endswith(_TERMINAL) else "."
    return f"{body}\n>\n> — {speaker}{end} In {_ends(', '.join(where), '.')}"


# -- APA 7 --------------------------------------------------------------------------------------


def _apa_authors(names: list[Name]) -> str:
    """ "Raman, P., & Becker, T." (up to 20; beyond, the first 19, an ellipsis and the last)."""
    written = [n.initials() for n in names]
    if len(written) > 20:
        return ", ".join(written[:19]) + ", . . . " + written[-1]
    if len(written) == 1:
        return written[0]
    return ", ".join(written[:-1]) + ", & " + written[-1]


def _apa_in_text(source: Source) -> str:
    """Who the in-text citation names for the article: "Raman & Becker", "Raman et al.", a
    body by its name, and with no author the title, in quotation marks and title case."""
    names = source.authors
    if not names:
        return _in_quotes(_headline(source.title, APA_MINOR), ",")
    short = [n.natural if n.body else n.surname for n in names]
    if len(short) == 1:
        return short[0]
    if len(short) == 2:
        return f"{short[0]} & {short[1]}"
    return f"{short[0]} et al."


def apa_reference(source: Source) -> str:
    """The reference-list entry of a newspaper article (APA 7, 10.2)."""
    date = f"({_apa_date(source.date)})."
    if source.authors:
        parts = [_ends(_apa_authors(source.authors), "."), date, _ends(source.title, ".")]
    else:  # the title moves to the author's place
        parts = [_ends(source.title, "."), date]
    if source.outlet:
        parts.append(_ends(source.outlet, "."))
    if source.link:
        parts.append(source.link)
    return " ".join(parts)


def apa_paraphrase(quote: Quote, source: Source) -> str:
    """A paraphrase with a narrative citation of the secondary source (APA 7, 8.6): "Reyes (as
    cited in Okafor, 2024) said that the strike would end." """
    who = _speaker_short(quote) if quote.speaker else UNKNOWN_SPEAKER
    cited = f"as cited in {_apa_in_text(source)}".rstrip(",")
    inner = f"{cited}, {source.year}".replace(",”,", ",”")
    return paraphrase(quote, who=f"{who} ({inner})")


def apa_in_text(quote: Quote, source: Source) -> str:
    """“words” (Reyes, as cited in Okafor, 2024)."""
    if quote.kind == REPORTED:
        return apa_paraphrase(quote, source)
    words = quotation(quote)
    if words.endswith(".") and not words.endswith(".."):
        words = words[:-1]  # the sentence's full stop goes after the citation
    who = _speaker_short(quote) if quote.speaker else None
    cited = f"as cited in {_apa_in_text(source)}"
    if cited.endswith(","):
        cited = cited[:-1]
    inner = f"{who}, {cited}, {source.year}" if who else f"{cited}, {source.year}"
    inner = inner.replace(",”,", ",”")  # a title in quotes already closes with its comma
    return f"“{words}” ({inner})."


# -- Chicago 17 ---------------------------------------------------------------------------------


def _outlet(outlet: str) -> str:
    """A newspaper's name as Chicago gives it: without a leading "The" (14.191)."""
    return outlet[4:] if outlet.startswith("The ") and len(outlet) > 4 else outlet


def _chicago_note_authors(names: list[Name]) -> str:
    written = [n.natural for n in names]
    return f"{written[0]} et al." if len(written) > 3 else joined(written)


def _chicago_bib_authors(names: list[Name]) -> str:
    written = [names[0].inverted()] + [n.natural for n in names[1:]]
    if len(written) > 10:
        return ", ".join(written[:7]) + ", et al."
    if len(written) == 2:
        return f"{written[0]}, and {written[1]}"
    return joined(written)


def chicago_note(quote: Quote, source: Source) -> str:
    """The note for a person quoted in a newspaper article: "Tomas Reyes, quoted in Mara
    Okafor, “Port Strike Ends,” Harbour Gazette, March 5, 2024, https://...." (14.260)."""
    # A paraphrase is "cited in" the article (14.260 is for words quoted).
    parts = [f"{_speaker(quote)}, {'cited' if quote.kind == REPORTED else 'quoted'} in"]
    if source.authors:
        parts.append(f"{_chicago_note_authors(source.authors)},")
    tail = [x for x in (source.outlet and _outlet(source.outlet), _long_date(source.date)) if x]
    if source.link:
        tail.append(source.link)
    title = _headline(source.title, CHICAGO_MINOR)
    if tail:
        parts.append(_in_quotes(title, ","))
        parts.append(", ".join(tail))
    else:
        parts.append(f"“{title}”")
    return _ends(" ".join(parts), ".")


def chicago_bibliography(source: Source) -> str:
    """The bibliography entry of a newspaper article (14.191); unsigned, the paper stands in
    the author's place (14.207)."""
    outlet = _outlet(source.outlet) if source.outlet else None
    date = _long_date(source.date)
    parts = []
    if source.authors:
        parts.append(_ends(_chicago_bib_authors(source.authors), "."))
    elif outlet:
        parts.append(_ends(outlet, "."))
        outlet = None
    parts.append(_in_quotes(_headline(source.title, CHICAGO_MINOR), "."))
    rest = ", ".join(x for x in (outlet, date) if x)
    if rest:
        parts.append(_ends(rest, "."))
    if source.link:
        parts.append(f"{source.link}.")
    return " ".join(parts)


# -- BibTeX -------------------------------------------------------------------------------------

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


def _bibtex_author(name: Name) -> str:
    # "Last, First" is BibTeX's unambiguous form; a body in braces is never split into names.
    return f"{{{_tex(name.natural)}}}" if name.body else _tex(name.inverted())


def _bibtex(quote: Quote, source: Source) -> str:
    fields = [("title", _tex(source.title))]
    if source.authors:
        fields.append(("author", " and ".join(_bibtex_author(n) for n in source.authors)))
    if source.outlet:
        fields.append(("howpublished", _tex(source.outlet)))
    if source.date:
        fields.append(("date", source.date))
        fields.append(("year", source.date[:4]))
    if quote.kind == REPORTED:
        fields.append(("note", f"Paraphrase: {_tex(paraphrase(quote))}"))
    else:
        fields.append(("note", f"{_tex(_speaker(quote))}: ``{_tex(quotation(quote))}''"))
    if source.link:
        # biblatex reads URLs verbatim; only braces would break the entry.
        fields.append(("url", source.link.replace("{", "%7B").replace("}", "%7D")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{quote-{quote.id},\n{body}\n}}"


# -- one quote, several ---------------------------------------------------------------------------

_WHOLE: dict[str, Callable[[Quote, Source], str]] = {
    "plain": _plain,
    "markdown": _markdown,
    "bibtex": _bibtex,
}


_PARAPHRASED: dict[str, Callable[[Quote, Source], str]] = {
    "plain": _plain_paraphrase,
    "markdown": _markdown_paraphrase,
    "bibtex": _bibtex,
}


def _whole(style: str, quote: Quote, source: Source) -> str:
    """A quotation's citation, or a reported statement's as a paraphrase."""
    return (_PARAPHRASED if quote.kind == REPORTED else _WHOLE)[style](quote, source)


def _check(style: str) -> None:
    if style not in STYLES:
        choices = ", ".join(STYLES)
        raise ValueError(f"unknown citation style {style!r}; choose from {choices}")


def cite(quote: Quote, document: DocumentInfo | None, style: str = "plain") -> str:
    """The citation of `quote` (from `document`, when known) in `style` (one of STYLES)."""
    return cite_all([(quote, document)], style)


def cite_all(quotes: Sequence[tuple[Quote, DocumentInfo | None]], style: str = "plain") -> str:
    """Citations of several quotes in `style`: for APA each in-text citation, then the
    references; for Chicago each quote with its numbered note, then the bibliography; for the
    others each citation in turn. Separated by blank lines."""
    _check(style)
    cited = [(quote, Source.of(quote, document)) for quote, document in quotes]
    if style in _WHOLE:
        return literal("\n\n".join(_whole(style, q, s) for q, s in cited))
    if style == "apa":
        lines = [apa_in_text(q, s) for q, s in cited]
        entries = sorted({apa_reference(s) for _, s in cited}, key=str.casefold)
        heading = ["References"] if len(cited) > 1 else []
    else:
        lines = []
        for n, (q, s) in enumerate(cited, 1):
            mark = str(n).translate(_SUPERSCRIPT)
            said = paraphrase(q) if q.kind == REPORTED else f"“{quotation(q)}”"
            lines.append(f"{said}{mark}\n{n}. {chicago_note(q, s)}")
        entries = sorted({chicago_bibliography(s) for _, s in cited}, key=str.casefold)
        heading = ["Bibliography"] if len(cited) > 1 else []
    return literal("\n\n".join([*lines, *heading, *entries]))
