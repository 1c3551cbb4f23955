"""newsgraph's own PLOVER event gold set: the format, read and written.

One JSON line per annotated article (``gold/wikinews-events.jsonl``). The article text is not in
the file: it stays in the corpus (``corpus``, a path under ../shared/data, and ``url``), and
``text_sha256`` pins the exact text the offsets point into. Every sentence of the article is
listed, with the events a careful coder codes in it (an empty list is an explicit "no event").

    {"corpus": "wikinews-2019-2020/articles.jsonl", "url": "...", "published": "2019-01-14",
     "split": "train", "text_sha256": "...", "annotator": "a3",
     "sentences": [{"start": 0, "end": 95, "events": [
        {"type": "ASSAULT", "mode": "explosives", "trigger": [40, 47],
         "actors": [{"name": "Taliban", "start": 12, "end": 19}], "recipients": [],
         "modality": "asserted", "reported_by": null, "date": "2019-01-13", "background": false}]}]}

Offsets are ``[start, end)`` character indices into the article's ``text``. A participant has a
``name`` (the fullest name the article gives it, or a short description of an unnamed group) and,
when the sentence names it, the ``start``/``end`` of those words. ``date`` is a TIMEX3-style value
("2019-01-13", "2019-01", "2019", "2019-W02") or null; ``background`` marks an event told as
past or background to the article's news. The annotation guideline is gold/GUIDELINE.md.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.errors import InputError
from newsgraph.model import Document
from newsgraph.ontology.plover import MODALITIES, load_ontology

__all__ = [
    "MODALITIES",
    "SPLITS",
    "Article",
    "GoldEvent",
    "Participant",
    "Sentence",
    "corpus_documents",
    "read_gold",
    "validate_event",
    "write_gold",
]

SPLITS = ("train", "dev", "test")
#: A TIMEX3 date value as the gold uses it: a year, month, day, ISO week or season of a year.
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2}|-(SP|SU|FA|WI))?$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Participant:
    """An actor or recipient: its name, and the words naming it in the sentence (if any)."""

    name: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldEvent:
    type: str
    trigger: tuple[int, int]
    modality: str
    mode: str | None = None
    actors: tuple[Participant, ...] = ()
    recipients: tuple[Participant, ...] = ()
    reported_by: str | None = None
    date: str | None = None
    background: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    start: int
    end: int
    events: tuple[GoldEvent, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    url: str
    published: str
    split: str
    text_sha256: str
    sentences: tuple[Sentence, ...]
    annotator: str = ""
    corpus: str = "wikinews-2019-2020/articles.jsonl"


def validate_event(event: GoldEvent, where: str) -> None:
    """Raise ``ValueError`` naming ``where`` and the field if ``event`` is not a valid gold event."""
    ontology = load_ontology()
    if event.type not in ontology.types:
        raise ValueError(f"{where}: type {event.type!r} is not a PLOVER type ({', '.join(ontology.types)})")
    modes = ontology.types[event.type].modes
    if event.mode is not None and event.mode not in modes:
        raise ValueError(f"{where}: mode {event.mode!r} is not a {event.type} mode ({', '.join(modes) or 'none'})")
    if event.modality not in MODALITIES:
        raise ValueError(f"{where}: modality {event.modality!r} is not one of {', '.join(MODALITIES)}")
    if event.date is not None and not _DATE.match(event.date):
        raise ValueError(f"{where}: date {event.date!r} is not YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www or YYYY-SU")
    if event.trigger[0] >= event.trigger[1]:
        raise ValueError(f"{where}: empty trigger span {list(event.trigger)}")
    for side, participants in (("actors", event.actors), ("recipients", event.recipients)):
        for participant in participants:
            if not participant.name.strip():
                raise ValueError(f"{where}: a participant in {side} has no name")
            if (participant.start is None) != (participant.end is None):
                raise ValueError(f"{where}: a participant in {side} needs both start and end, or neither")
            if participant.start is not None and participant.end is not None and participant.start >= participant.end:
                raise ValueError(f"{where}: empty span for participant {participant.name!r} in {side}")


# --- reading ---------------------------------------------------------------------------------


def _participants(items: Any, where: str) -> tuple[Participant, ...]:
    if not isinstance(items, list):
        raise ValueError(f"{where}: must be a list")
    found = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ValueError(f"{where}: each participant needs a string `name`")
        start, end = item.get("start"), item.get("end")
        if not all(v is None or isinstance(v, int) for v in (start, end)):
            raise ValueError(f"{where}: `start` and `end` must be integers")
        found.append(Participant(name=item["name"], start=start, end=end))
    return tuple(found)


def _event(item: Any, where: str) -> GoldEvent:
    if not isinstance(item, dict):
        raise ValueError(f"{where}: an event must be an object")
    trigger = item.get("trigger")
    if not (isinstance(trigger, list) and len(trigger) == 2 and all(isinstance(v, int) for v in trigger)):
        raise ValueError(f"{where}: `trigger` must be [start, end]")
    event = GoldEvent(
        type=str(item.get("type")),
        mode=item.get("mode"),
        trigger=(trigger[0], trigger[1]),
        actors=_participants(item.get("actors", []), f"{where}.actors"),
        recipients=_participants(item.get("recipients", []), f"{where}.recipients"),
        modality=str(item.get("modality")),
        reported_by=item.get("reported_by"),
        date=item.get("date"),
        background=bool(item.get("background", False)),
    )
    validate_event(event, where)
    return event


def _article(data: Any, where: str) -> Article:
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected a JSON object per line")
    for key in ("url", "published", "split", "text_sha256"):
        if not isinstance(data.get(key), str):
            raise ValueError(f"{where}: `{key}` must be a string")
    if data["split"] not in SPLITS:
        raise ValueError(f"{where}: split {data['split']!r} is not one of {', '.join(SPLITS)}")
    sentences = []
    previous_end = 0
    for number, item in enumerate(data.get("sentences", [])):
        place = f"{where}: sentence {number}"
        if not isinstance(item, dict) or not isinstance(item.get("start"), int) or not isinstance(item.get("end"), int):
            raise ValueError(f"{place}: needs integer `start` and `end`")
        start, end = item["start"], item["end"]
        if not previous_end <= start < end:
            raise ValueError(f"{place}: [{start}, {end}) must be non-empty and after the previous sentence")
        previous_end = end
        events = tuple(_event(e, f"{place} event {k}") for k, e in enumerate(item.get("events", [])))
        for k, event in enumerate(events):
            if not start <= event.trigger[0] < event.trigger[1] <= end:
                raise ValueError(f"{place} event {k}: trigger {list(event.trigger)} is outside the sentence")
        sentences.append(Sentence(start=start, end=end, events=events))
    if not sentences:
        raise ValueError(f"{where}: an article needs its sentences")
    return Article(
        url=data["url"],
        published=data["published"],
        split=data["split"],
        text_sha256=data["text_sha256"],
        annotator=str(data.get("annotator", "")),
        corpus=str(data.get("corpus", "wikinews-2019-2020/articles.jsonl")),
        sentences=tuple(sentences),
    )


def read_gold(path: Path, splits: Iterable[str] | None = None) -> list[Article]:
    """The annotated articles of a gold file, those of ``splits`` only if given. Raises
    :class:`InputError` naming the line and field of the first bad record."""
    wanted = set(splits) if splits is not None else set(SPLITS)
    unknown = wanted - set(SPLITS)
    if unknown:
        raise InputError(str(path), f"unknown split(s) {sorted(unknown)}; splits are {', '.join(SPLITS)}")
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as error:
        raise InputError(str(path), f"cannot read the event gold file ({error})") from error
    articles = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            article = _article(json.loads(line), where)
        except json.JSONDecodeError as error:
            raise InputError(where, f"not JSON ({error})") from error
        except ValueError as error:
            raise InputError(where, str(error).removeprefix(f"{where}: ")) from error
        if article.split in wanted:
            articles.append(article)
    return articles


# --- writing ---------------------------------------------------------------------------------


def _participant_dict(participant: Participant) -> dict[str, Any]:
    found: dict[str, Any] = {"name": participant.name}
    if participant.start is not None:
        found["start"], found["end"] = participant.start, participant.end
    return found


def _event_dict(event: GoldEvent) -> dict[str, Any]:
    return {
        "type": event.type,
        "mode": event.mode,
        "trigger": list(event.trigger),
        "actors": [_participant_dict(p) for p in event.actors],
        "recipients": [_participant_dict(p) for p in event.recipients],
        "modality": event.modality,
        "reported_by": event.reported_by,
        "date": event.date,
        "background": event.background,
    }


def write_gold(path: Path, articles: Iterable[Article], *, corpus: str | None = None) -> None:
    """Write ``articles`` as a gold file, one line each, in the given order."""
    lines = []
    for article in articles:
        lines.append(
            json.dumps(
                {
                    "corpus": corpus or article.corpus,
                    "url": article.url,
                    "published": article.published,
                    "split": article.split,
                    "text_sha256": article.text_sha256,
                    "annotator": article.annotator,
                    "sentences": [
                        {"start": s.start, "end": s.end, "events": [_event_dict(e) for e in s.events]}
                        for s in article.sentences
                    ],
                },
                ensure_ascii=False,
            )
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + ("\n" if lines else ""), "utf-8")


# --- the articles' documents -------------------------------------------------------------------


def corpus_documents(articles: Iterable[Article], data: Path) -> dict[str, Document]:
    """The corpus documents the ``articles`` annotate, by URL, read from the corpus files under
    ``data`` (../shared/data) as ingest reads them. Raises :class:`InputError` when a corpus file
    is missing or an article's text is not the one its offsets point into."""
    from newsgraph.api import ReadOptions

    wanted: dict[str, dict[str, Article]] = {}
    for article in articles:
        wanted.setdefault(article.corpus, {})[article.url] = article
    found: dict[str, Document] = {}
    for corpus, by_url in wanted.items():
        path = data / corpus
        if not path.exists():
            raise InputError(str(path), f"the corpus file the gold annotates is not here; pass --data (now {data})")
        for item in ReadOptions().read([str(path)], fetch=None, stdin=None):
            if not isinstance(item, Document) or item.url not in by_url:
                continue
            article = by_url[item.url]
            if hashlib.sha256(item.text.encode("utf-8")).hexdigest() != article.text_sha256:
                raise InputError(
                    item.origin or str(path), f"the text of {item.url} is not the one the gold's offsets point into"
                )
            found[item.url] = item
        missing = sorted(set(by_url) - set(found))
        if missing:
            raise InputError(str(path), f"{len(missing)} annotated article(s) not in the corpus, e.g. {missing[0]}")
    return found
