"""Score extracted quotes against a gold file (tests/data/GOLD_FORMAT.md).

A predicted quote matches a gold one when their word-token F1 is at least 0.75 (one-to-one, best
pairs first). Reported statements (kind "reported") are scored apart, in a score of their own, and
match at 0.5. Its speaker is right when it equals the gold canonical name, or (for a person) has
the same surname, or equals one of the gold speaker's aliases (case, a leading "the" and the
apostrophe's shape aside).

Over the rightly attributed quotes, `who_scores` measures who-is-who (issue 13): the group given
equals the gold speaker's group; the role given is true of the speaker (at least half its content
words occur in the gold role or aliases; no role is wrong); and the distinct speaker names each
gold person gets across the corpus, after the archive's name canonicalisation.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import regex

from quotebrowser.errors import UserError
from quotebrowser.folding import fold
from quotebrowser.identity import Speaker, resolve
from quotebrowser.model import REPORTED, Quote
from quotebrowser.roles import role_words
from quotebrowser.whoswho import WhosWho

MATCH_THRESHOLD = 0.75
# Reported statements are scored apart from quotations, and more loosely: where a paraphrase
# begins and ends ("that ...", a trailing clause) is less sharp than a pair of quotation marks.
REPORTED_MATCH_THRESHOLD = 0.5
# What a score counts: the quotations (direct and partial), or the reported statements.
SCORED_KINDS = ("quotes", REPORTED)
_WORDS = regex.compile(r"\w+")


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORDS.findall(text)]


def token_f1(a: str, b: str) -> float:
    wa, wb = Counter(words(a)), Counter(words(b))
    common = sum((wa & wb).values())
    if not common:
        return 0.0
    precision = common / sum(wa.values())
    recall = common / sum(wb.values())
    return 2 * precision * recall / (precision + recall)


def normalise_name(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).replace("’", "'").lower()
    name = " ".join(name.split())
    for article in ("the ", "a ", "an "):
        if name.startswith(article):
            name = name[len(article) :]
    return name


def surname(name: str) -> str:
    parts = normalise_name(name).replace("'s", "").split()
    return parts[-1] if parts else ""


@dataclass(frozen=True, slots=True)
class GoldSpeaker:
    name: str
    kind: str
    aliases: tuple[str, ...]
    role: str | None = None
    group: str | None = None

    def accepts(self, predicted: str | None) -> bool:
        if predicted is None:
            return False
        p = normalise_name(predicted)
        if p == normalise_name(self.name) or p in {normalise_name(a) for a in self.aliases}:
            return True
        return self.kind == "person" and surname(predicted) == surname(self.name)


@dataclass(frozen=True, slots=True)
class GoldQuote:
    file: str
    text: str
    speaker: str | None
    kind: str


@dataclass
class Gold:
    speakers: dict[str, GoldSpeaker]
    quotes: dict[str, list[GoldQuote]]  # by file name

    @classmethod
    def load(cls, path: str | Path) -> Gold:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            speakers = {
                name: GoldSpeaker(
                    name,
                    info.get("kind", "person"),
                    tuple(info.get("aliases", ())),
                    info.get("role"),
                    info.get("group"),
                )
                for name, info in data["speakers"].items()
            }
            quotes: dict[str, list[GoldQuote]] = {}
            for doc in data["documents"]:
                quotes[doc["file"]] = [
                    GoldQuote(doc["file"], q["text"], q.get("speaker"), q.get("kind", "direct"))
                    for q in doc["quotes"]
                ]
        except OSError as exc:
            raise UserError(f"{path}: cannot read the gold file ({exc.strerror or exc})") from exc
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise UserError(f"{path}: not a gold file in the documented format ({exc})") from exc
        return cls(speakers, quotes)

    def speaker_right(self, gold: GoldQuote, predicted: str | None) -> bool:
        if gold.speaker is None:
            return predicted is None
        speaker = self.speakers.get(gold.speaker)
        if speaker is None:
            return predicted is not None and normalise_name(predicted) == normalise_name(
                gold.speaker
            )
        return speaker.accepts(predicted)


@dataclass
class Scores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    attributed: int = 0
    offset_errors: int = 0
    documents: int = 0
    misses: list[GoldQuote] = field(default_factory=list)
    false_positives: list[Quote] = field(default_factory=list)
    wrong_speakers: list[tuple[GoldQuote, Quote]] = field(default_factory=list)
    right_speakers: list[tuple[GoldQuote, Quote]] = field(default_factory=list)

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return self._f1(self.precision, self.recall)

    @property
    def attribution_accuracy(self) -> float:
        return self.attributed / self.matched if self.matched else 0.0

    @property
    def end_to_end_f1(self) -> float:
        p = self.attributed / self.predicted if self.predicted else 0.0
        r = self.attributed / self.gold if self.gold else 0.0
        return self._f1(p, r)

    def summary(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "gold_quotes": self.gold,
            "predicted_quotes": self.predicted,
            "matched": self.matched,
            "quote_precision": round(self.precision, 4),
            "quote_recall": round(self.recall, 4),
            "quote_f1": round(self.f1, 4),
            "attribution_accuracy": round(self.attribution_accuracy, 4),
            "end_to_end_f1": round(self.end_to_end_f1, 4),
            "offset_errors": self.offset_errors,
        }


def of_kind(item_kind: str, scored: str) -> bool:
    """A gold item or a prediction counts in the score of `scored` (one of SCORED_KINDS)."""
    return (item_kind == REPORTED) == (scored == REPORTED)


def score_document(
    gold: Gold,
    gold_quotes: list[GoldQuote],
    predicted: list[Quote],
    text: str,
    scores: Scores,
    kind: str = "quotes",
) -> None:
    """Match one document's predictions to its gold items of `kind`: quotations (the default,
    at MATCH_THRESHOLD) or reported statements (at REPORTED_MATCH_THRESHOLD); the other kind is
    left out on both sides."""
    gold_quotes = [g for g in gold_quotes if of_kind(g.kind, kind)]
    predicted = [p for p in predicted if of_kind(p.kind, kind)]
    threshold = REPORTED_MATCH_THRESHOLD if kind == REPORTED else MATCH_THRESHOLD
    scores.documents += 1
    scores.gold += len(gold_quotes)
    scores.predicted += len(predicted)
    scores.offset_errors += sum(1 for q in predicted if text[q.start : q.end] != q.text)
    pairs = sorted(
        (
            (token_f1(g.text, p.text), gi, pi)
            for gi, g in enumerate(gold_quotes)
            for pi, p in enumerate(predicted)
        ),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for f1, gi, pi in pairs:
        if f1 < threshold:
            break
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        scores.matched += 1
        if gold.speaker_right(gold_quotes[gi], predicted[pi].speaker):
            scores.attributed += 1
            scores.right_speakers.append((gold_quotes[gi], predicted[pi]))
        else:
            scores.wrong_speakers.append((gold_quotes[gi], predicted[pi]))
    scores.misses.extend(g for gi, g in enumerate(gold_quotes) if gi not in used_gold)
    scores.false_positives.extend(p for pi, p in enumerate(predicted) if pi not in used_pred)


def role_true(role: str | None, speaker: GoldSpeaker) -> bool:
    """At least half the role's content words are true of the speaker by the gold role or
    aliases. No role (or one of stop words only) is wrong."""
    said = role_words(role or "")
    if not said:
        return False
    known = role_words(" ".join([speaker.role or "", *speaker.aliases]))
    return 2 * len(said & known) >= len(said)


@dataclass(frozen=True, slots=True)
class WhoScores:
    right: int  # rightly attributed quotes to a gold speaker
    group_accuracy: float | None  # None: the gold file gives no groups
    role_accuracy: float  # the role shown for the speaker (the archive's, when given)
    names_per_person: float
    people: int
    names: dict[str, list[str]]  # gold person -> the distinct names they got, when several
    wrong_groups: list[tuple[GoldSpeaker, Quote]] = field(default_factory=list)
    wrong_roles: list[tuple[GoldSpeaker, Quote]] = field(default_factory=list)
    quote_role_accuracy: float = 0.0  # the role each quote's own article gives
    people_role_accuracy: float = 0.0  # role_accuracy over the quotes of people only

    def summary(self) -> dict[str, Any]:
        return {
            "rightly_attributed": self.right,
            "group_accuracy": None
            if self.group_accuracy is None
            else round(self.group_accuracy, 4),
            "role_accuracy": round(self.role_accuracy, 4),
            "quote_role_accuracy": round(self.quote_role_accuracy, 4),
            "people_role_accuracy": round(self.people_role_accuracy, 4),
            "names_per_person": round(self.names_per_person, 4),
            "people": self.people,
        }


def who_scores(
    gold: Gold,
    scores: Scores,
    canonical: Callable[[Quote], str] | None = None,
    group: Callable[[Quote], str] | None = None,
    role: Callable[[Quote], str | None] | None = None,
) -> WhoScores:
    """Group, role and naming figures over `scores.right_speakers`.

    `canonical` gives the name the archive shows for a quote's speaker (identity.Identities);
    names are also folded (case, accents), as the store folds them. `group` gives the group the
    archive lists the speaker under (whoswho.standing), else the quote's own; `role` the
    role the archive shows for the speaker (its speakers panel), else the quote's own. The
    quotes' own roles are scored too (`quote_role_accuracy`)."""
    group_of = group or (lambda q: q.group)
    role_of = role or (lambda q: q.role)
    pairs = [
        (gold.speakers[g.speaker], p)
        for g, p in scores.right_speakers
        if g.speaker is not None and g.speaker in gold.speakers
    ]
    grouped = [(s, p) for s, p in pairs if s.group]
    wrong_groups = [(s, p) for s, p in grouped if group_of(p) != s.group]
    wrong_roles = [(s, p) for s, p in pairs if not role_true(role_of(p), s)]
    own_wrong = sum(1 for s, p in pairs if not role_true(p.role, s))
    people = [(s, p) for s, p in pairs if s.kind == "person"]
    people_wrong = sum(1 for s, p in people if not role_true(role_of(p), s))
    names: dict[str, dict[str, str]] = {}
    for s, p in pairs:
        if s.kind != "person" or p.speaker is None:
            continue
        name = canonical(p) if canonical else p.speaker
        names.setdefault(s.name, {}).setdefault(fold(name), name)
    per_person = sum(len(v) for v in names.values()) / len(names) if names else 0.0
    return WhoScores(
        right=len(pairs),
        group_accuracy=1 - len(wrong_groups) / len(grouped) if grouped else None,
        role_accuracy=1 - len(wrong_roles) / len(pairs) if pairs else 0.0,
        quote_role_accuracy=1 - own_wrong / len(pairs) if pairs else 0.0,
        people_role_accuracy=1 - people_wrong / len(people) if people else 0.0,
        names_per_person=per_person,
        people=len(names),
        names={k: sorted(v.values()) for k, v in names.items() if len(v) > 1},
        wrong_groups=wrong_groups,
        wrong_roles=wrong_roles,
    )


ArchiveView = tuple[Callable[[Quote], str], Callable[[Quote], str], Callable[[Quote], str | None]]


def as_shown(predicted: list[Quote], people: WhosWho | None = None) -> ArchiveView:
    """(name, group, role) of a quote's speaker as the archive shows them: the group and role
    from the archive's who's who (quotebrowser.whoswho), which the speakers panel and
    `quotebrowser speakers` show. `people`: a store's (its quotes named as stored); else the
    extracted quotes get one name per person across the corpus (identity.resolve) first."""
    if people is None:
        identities = resolve(Speaker(q.speaker, q.group, q.source) for q in predicted if q.speaker)

        def shown(q: Quote) -> str:
            return identities.canonical(q.speaker or "", q.source) if q.speaker else ""

        people = WhosWho.of_quotes(replace(q, speaker=shown(q) or None) for q in predicted)
    else:

        def shown(q: Quote) -> str:
            return q.speaker or ""

    found = people
    return shown, lambda q: found.group_of(shown(q)), lambda q: found.role_of(shown(q))


def who_as_shown(
    gold: Gold, scores: Scores, predicted: list[Quote], people: WhosWho | None = None
) -> WhoScores:
    """`who_scores` with names, groups and roles as the archive shows them (`as_shown`)."""
    return who_scores(gold, scores, *as_shown(predicted, people))


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """How far to trust one attribution rule: of the quotes it attributed that match a gold
    quote, how many have the right speaker."""

    evidence: str
    quotes: int  # predicted quotes with this evidence
    matched: int  # of them, matching a gold quote
    right: int  # of the matched, with the gold speaker

    @property
    def precision(self) -> float:
        return self.right / self.matched if self.matched else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "quotes": self.quotes,
            "matched": self.matched,
            "right": self.right,
            "precision": round(self.precision, 4),
        }


def by_evidence(
    scores: Scores, order: tuple[str, ...] = (), key: Callable[[Quote], str | None] | None = None
) -> list[EvidenceRow]:
    """One row per evidence value seen, in `order` (the rules' order), then any others. With
    `key`, rows of another label of the quotes: the resolver that named the speaker."""
    label = key or (lambda q: q.evidence)
    quotes: Counter[str] = Counter()
    matched: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for _g, p in scores.right_speakers:
        matched[label(p) or "-"] += 1
        right[label(p) or "-"] += 1
    for _g, p in scores.wrong_speakers:
        matched[label(p) or "-"] += 1
    quotes.update(matched)
    quotes.update(label(p) or "-" for p in scores.false_positives)
    names = [e for e in order if e in quotes] + sorted(e for e in quotes if e not in order)
    return [EvidenceRow(e, quotes[e], matched[e], right[e]) for e in names]
