"""Where an event happened when its own sentence does not say.

Event coders geolocate such events from their context (ICEWS, PETRARCH): here, the place an
earlier sentence of the same paragraph is set in ("the conflict [in Ukraine] looms large.
Officials reported new assaults ..."), else the article's main location: its dateline's place
(in the text, or the ``Document.dateline_place`` ingest kept when it took the dateline out), else
where its lead sentence is set. The event's ``place_source`` says which (``paragraph``,
``document``), since it is a guess about that event; a sentence that names any place keeps its
own reading (its place, or none), and a nationality ("Russian forces") names a side, not a place.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsgraph.stages.events.arguments import PLACE_KINDS, PLACE_PREPOSITIONS, MentionIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Setting"]

# Mention labels that name a place (NORP names a side: "Russian forces").
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A dateline: the place in capitals or title case at the very start, then an optional date and
# agency, then a dash ("MOSCOW, May 8 (Reuters) - ", "Kyiv — ").
_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?)\s*(?:,[^\n(—–]{1,30})?\s*(?:\([^)\n]{1,40}\))?\s*(?:—|–|--| - )"
)


class Setting:
    """The places of one document's paragraphs and of the document as a whole."""

    def __init__(self, doc: Doc, index: MentionIndex, dateline_place: str | None = None) -> None:
        self.doc = doc
        self.index = index
        #: The place of a dateline ingest took out of the text (``Document.dateline_place``).
        self.dateline_place = dateline_place
        self.sentences = list(doc.sents)
        #: Each token's sentence number (``token.sent`` walks the parse on every call).
        self._sentence_of = [0] * len(doc)
        for number, sentence in enumerate(self.sentences):
            for i in range(sentence.start, sentence.end):
                self._sentence_of[i] = number
        self._places: dict[int, tuple[str | None, str | None]] = {}
        self.text = doc.text  # built from the tokens on every access: read once
        self.dateline = _DATELINE.match(self.text)
        #: Where the dateline ends: a place it names is the article's, not its first sentence's.
        self.dateline_end = self.dateline.end() if self.dateline is not None else 0
        #: The article's main location.
        self.document_place = self._document_place()

    def place_for(self, token: Token) -> tuple[str | None, str | None]:
        """The place (an entity id) and its source for an event told at ``token`` whose own
        phrase names no place: ``(None, None)`` when its sentence names one anyway (the place
        is then another event's) or the context gives none."""
        number = self._sentence_of[token.i]
        if number not in self._places:
            self._places[number] = self._place_of_sentence(number)
        return self._places[number]

    def _place_of_sentence(self, number: int) -> tuple[str | None, str | None]:
        sentence = self.sentences[number]
        if self._names_place(sentence):
            return None, None
        text = self.text
        for previous in reversed(self.sentences[:number]):
            # A line break between the two (spaCy may keep it in either sentence): a new
            # paragraph, whose setting starts afresh.
            gap_start = previous.start_char + len(previous.text.rstrip())
            gap_end = sentence.start_char + len(sentence.text) - len(sentence.text.lstrip())
            if "\n" in text[gap_start:gap_end]:
                break
            place = self._set_in(previous, last=True)
            if place is not None:
                return place, "paragraph"
            sentence = previous
        if self.document_place is not None:
            return self.document_place, "document"
        return None, None

    def _set_in(self, sentence: Span, last: bool = False) -> str | None:
        """The place ``sentence`` is set in: the object of *in*, *at*, *near* naming a place
        (the last one, nearest what follows, with ``last``)."""
        for candidate in reversed(sentence) if last else sentence:
            if candidate.dep_ == "pobj" and candidate.head.lower_ in PLACE_PREPOSITIONS:
                place = self.index.place_of(candidate)
                if place is not None:
                    return place
        return None

    def _document_place(self) -> str | None:
        """The dateline's place ("MOSCOW, May 8 (Reuters) -"), else the place the lead sentence
        is set in ("Xi arrived [in Moscow]"), else the first city or region the lead names.
        Countries named otherwise are sides, not settings ("Russia and China signed ...")."""
        if not self.sentences:
            return None
        if self.dateline is not None:
            start, end = self.dateline.span("place")
            for candidate in self.doc.char_span(start, end, alignment_mode="expand") or ():
                place = self.index.place_of(candidate)
                if place is not None:
                    return place
        place = self._dateline_entity()
        if place is not None:
            return place
        lead = self.sentences[0]
        place = self._set_in(lead)
        if place is not None:
            return place
        for candidate in lead:
            place = self.index.place_of(candidate)
            entity = self.index.entity(place) if place is not None else None
            if entity is not None and entity.kind == "place":
                return place
        return None

    def _dateline_entity(self) -> str | None:
        """The place entity named like the dateline ingest took out ("Little Rock" for
        "LITTLE ROCK, Ark. (AP) —"): the dateline itself is no longer a mention, but the story
        usually names its city again."""
        if not self.dateline_place:
            return None
        wanted = {self.dateline_place.casefold(), self.dateline_place.split(",")[0].strip().casefold()}
        for entity in self.index.entities.values():
            if entity.kind in PLACE_KINDS and any(n.casefold() in wanted for n in (entity.name, *entity.aliases)):
                return entity.id
        return None

    def _names_place(self, sentence: Span) -> bool:
        """Whether ``sentence`` names a place (a GPE, location or facility outside the dateline)."""
        for candidate in sentence:
            mention = self.index.by_token.get(candidate.i)
            if mention is None or mention.label not in _PLACE_LABELS or candidate.idx < self.dateline_end:
                continue
            entity = self.index.entity(mention.entity_id) if mention.entity_id else None
            if entity is None or entity.kind in PLACE_KINDS:
                return True
        return False
