"""Score extracted quotes against a gold file (tests/data/GOLD_FORMAT.md).

A predicted quote matches a gold one when their word-token F1 is at least 0.75 (one-to-one, best
pairs first). Its speaker is right when it equals the gold canonical name, or (for a person) has
the same surname, or equals one of the gold speaker's aliases (case, a leading "the" and the
apostrophe's shape aside).
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from quotebrowser.errors import UserError
from quotebrowser.model import Quote

MATCH_THRESHOLD = 0.75
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
                name: GoldSpeaker(name, info.get("kind", "person"), tuple(info.get("aliases", ())))
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


def score_document(
    gold: Gold, gold_quotes: list[GoldQuote], predicted: list[Quote], text: str, scores: Scores
) -> None:
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
        if f1 < MATCH_THRESHOLD:
            break
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        scores.matched += 1
        if gold.speaker_right(gold_quotes[gi], predicted[pi].speaker):
            scores.attributed += 1
        else:
            scores.wrong_speakers.append((gold_quotes[gi], predicted[pi]))
    scores.misses.extend(g for gi, g in enumerate(gold_quotes) if gi not in used_gold)
    scores.false_positives.extend(p for pi, p in enumerate(predicted) if pi not in used_pred)
