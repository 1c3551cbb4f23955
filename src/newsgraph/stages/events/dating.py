"""When an event happened, and whether it is the news of the day or background to it.

An event with a time expression of its own takes it (:func:`~newsgraph.stages.timex.anchor.time_for`).
One without takes a date from the article, chosen by what kind of event it is, as a careful
reader dates it: a **deed** (an attack, an arrest, a visit) told without a date happened when
the article's lead says its news happened (the lead's own day: "On Tuesday, troops ...; police
arrested ..."), while a **speech act** (a criticism, a demand, a promise) is dated by the article
itself, since statements are reported the day they are made.

An event told as history or background to the news (a past perfect, "former", "previously",
a date of its own well before the article) is marked ``background``: it keeps a date of its own
when the text gives one, else it has none, with the article's date as the latest it can have
happened. Timelines, aggregates and the GDELT-style export leave background out by default.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from newsgraph.model import Analysis, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Dating"]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
#: A date of its own this long before the article makes an event background, not news.
BACKGROUND_DAYS = 30
#: The lead's day counts as the story's day when it is at most this long before the article.
STORY_DAYS = 10
#: Words in an event's clause that tell history ("the former minister was jailed", "previously").
_HISTORY = frozenset({"former", "formerly", "previously", "once", "earlier", "ago", "since", "history", "historically"})


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    match = _DAY.match(value)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _before(value: str, published: date) -> bool:
    """Whether the time value ``value`` (a day, month or year) ends well before ``published``."""
    day = _day(value)
    if day is not None:
        return day < published - timedelta(days=BACKGROUND_DAYS)
    if re.match(r"^\d{4}-\d{2}$", value):
        year, month = int(value[:4]), int(value[5:7])
        return (year, month) < (published.year, published.month) and (
            published - date(year, month, 28)
        ).days > BACKGROUND_DAYS
    if re.match(r"^\d{4}$", value):
        return int(value) < published.year
    return False


#: Prepositions and conjunctions whose object is an earlier event the news is placed after.
_REFERENCE = frozenset({"after", "following", "since"})


def _reference_point(token: Token) -> bool:
    """ "after [his conviction]", "following [the resignation]", "[After] he was convicted, ...":
    an event named as the point the news comes after."""
    if token.dep_ == "pobj" and token.head.lower_ in _REFERENCE:
        return True
    if token.dep_ in ("advcl", "pcomp") and any(c.dep_ == "mark" and c.lower_ in _REFERENCE for c in token.children):
        return True
    return token.dep_ == "pcomp" and token.head.lower_ in _REFERENCE


class Dating:
    """The dates and background of one document's events."""

    def __init__(self, doc: Doc, analysis: Analysis) -> None:
        published = analysis.document.published
        self.published = published[:10] if published else None
        self._published_day = _day(self.published)
        self.story = self._story_day(doc, analysis)

    def _story_day(self, doc: Doc, analysis: Analysis) -> str | None:
        """The day the lead sentence says its news happened, if it names one shortly before the
        article; else the article's date."""
        if self._published_day is None:
            return self.published
        first = next(iter(doc.sents), None)
        if first is None:
            return self.published
        for timex in sorted(analysis.time_expressions, key=lambda t: t.span.start):
            if timex.span.start >= first.end_char:
                break
            if timex.type not in ("DATE", "TIME"):
                continue
            day = _day(timex.value)
            if day is not None and self._published_day - timedelta(days=STORY_DAYS) <= day <= self._published_day:
                return day.isoformat()
        return self.published

    def settle(self, event: Event, background: bool) -> Event:
        """``event`` marked ``background`` (or not); a background event keeps only a date of its
        own: one dated from the article loses it, with the article's date as its latest bound."""
        if background and event.time_source in ("reported", "story"):
            return dataclasses.replace(event, background=True, time=None, time_source=None, latest=self.published)
        return dataclasses.replace(event, background=background)

    def undated(self, deed: bool) -> tuple[str | None, str | None]:
        """The date of an event with no time expression of its own, and its ``time_source``:
        a deed the story's day (``story``), a speech act the article's (``reported``)."""
        if deed and self.story is not None and self.story != self.published:
            return self.story, "story"
        return self.published, "reported" if self.published else None

    def background(self, token: Token, anchor: Token, time: str | None, source: str | None) -> bool:
        """Whether the event is told as history or background to the news: a past perfect, a
        date of its own before the story's day, a reference point ("after his conviction",
        "since the 2014 annexation", "following the resignation"), or a history word."""
        clause = anchor if anchor.pos_ in ("VERB", "AUX") else anchor.head
        auxiliaries = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
        if "had" in auxiliaries or ("'d" in auxiliaries and clause.tag_ == "VBN"):
            return True  # "had been arrested": before the time the article tells
        if source == "expression" and time is not None and self._published_day is not None:
            if _before(time, self._published_day):
                return True
            story = _day(self.story)
            day = _day(time)
            if story is not None and day is not None and day < story:
                return True  # told of a day before the day of the article's news
        if _reference_point(token) or _reference_point(clause):
            return True
        words = (
            {t.lower_ for t in (*token.subtree, *clause.children)}
            if token is not clause
            else {c.lower_ for c in clause.children}
        )
        words |= {t.lower_ for t in token.children}
        return bool(words & _HISTORY)
