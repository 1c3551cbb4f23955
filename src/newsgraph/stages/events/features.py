"""What the event classifier sees of a candidate: symbolic features and word vectors.

**Symbolic features** are strings, most of them crossed with the candidate's type so each type
learns its own cues: the trigger's lemma, part of speech and dependency; the words it governs
and is governed by; the words around it; the rule flags (:data:`.candidates.FLAGS`); the
modality and whether the event is reported; what kind of party each side is (a person with a
political title, a country, an organisation, a sector noun such as "police", nobody); whether
another candidate governs it ("called for an [attack]") or shares its type in the sentence; and
how political the sentence is (its named countries, organisations and titled people).

**Vectors** are the spaCy model's own static word vectors (no second model to load): the
trigger's, its governor's, and the mean of the sentence's content words, each scaled to unit
length. They carry the sense the symbols miss: "fighting [for working families]" and "fighting
[in Idlib]" differ in their neighbours, not in their trigger.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from newsgraph.stages.events.arguments import MentionIndex
from newsgraph.stages.events.candidates import Candidate
from newsgraph.stages.events.triggers import lemma

if TYPE_CHECKING:
    from numpy.typing import NDArray
    from spacy.tokens import Doc, Span, Token

__all__ = ["CONTEXT_WIDTH", "VECTOR_PARTS", "candidate_features", "candidate_vectors", "vector_width"]

#: The vectors concatenated for each candidate, in order.
VECTOR_PARTS = ("trigger", "governor", "sentence")
_CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_WINDOW = 3
_PARTY_KINDS = frozenset({"person", "organisation", "country", "group"})


def _side_kind(
    tokens: tuple[Token, ...], ids: tuple[str, ...], index: MentionIndex, sector_words: frozenset[str]
) -> str:
    """What kind of party a side is, most political first: ``titled`` (a person with a title: a
    politician or an official), ``country``, ``agency`` (an organisation whose name holds a
    sector word: a ministry, army, party, court, police), ``group`` (a nationality or people),
    ``sector`` (a noun such as "police", "troops"), ``organisation`` (any other: a company, a
    club), ``person`` (no title), ``place``, ``other`` (words naming no party) or ``none``."""
    kinds = []
    for identifier in ids:
        entity = index.entity(identifier)
        if entity is None:
            continue
        if entity.kind == "person" and entity.titles:
            kinds.append("titled")
        elif entity.kind == "organisation" and set(entity.name.lower().split()) & sector_words:
            kinds.append("agency")
        else:
            kinds.append(entity.kind)
    for rank in ("titled", "country", "agency", "group"):
        if rank in kinds:
            return rank
    if any(lemma(t) in sector_words or t.lower_ in sector_words for t in tokens):
        return "sector"
    for rank in ("organisation", "person", "place"):
        if rank in kinds:
            return rank
    if kinds:
        return kinds[0]
    return "other" if tokens else "none"


def _governing(token: Token, triggers: dict[int, str]) -> str | None:
    """The type of a candidate trigger that governs ``token`` within two steps."""
    head = token.head
    for _ in range(2):
        if head.i == token.i:
            return None
        if head.i in triggers:
            return triggers[head.i]
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def _political_mentions(sentence: Span, index: MentionIndex) -> int:
    found: set[str] = set()
    for token in sentence:
        mention = index.by_token.get(token.i)
        if mention is None or mention.entity_id is None:
            continue
        entity = index.entity(mention.entity_id)
        if entity is None:
            continue
        if entity.kind in ("country", "organisation") or (entity.kind == "person" and entity.titles):
            found.add(entity.id)
    return len(found)


_HISTORY_WORDS = frozenset({"former", "formerly", "previously", "since", "ago", "history"})


@dataclass(frozen=True, slots=True)
class _SentenceFacts:
    """What the features read of a whole sentence, computed once per sentence."""

    span: Span
    political: int
    question: bool
    negation: bool
    history: bool


class _DocumentFacts:
    """Each token's sentence and each sentence's facts, for one document (``token.sent``
    walks the parse on every call)."""

    def __init__(self, doc: Doc, index: MentionIndex) -> None:
        self.sentences = list(doc.sents)
        self._of = [0] * len(doc)
        for number, sentence in enumerate(self.sentences):
            for i in range(sentence.start, sentence.end):
                self._of[i] = number
        self._index = index
        self._facts: dict[int, _SentenceFacts] = {}

    def sentence(self, token: Token) -> _SentenceFacts:
        number = self._of[token.i]
        if number not in self._facts:
            span = self.sentences[number]
            self._facts[number] = _SentenceFacts(
                span=span,
                political=_political_mentions(span, self._index),
                question=span.text.rstrip().endswith("?"),
                negation=any(t.dep_ == "neg" for t in span),
                history=any(t.lower_ in _HISTORY_WORDS for t in span),
            )
        return self._facts[number]

    def politics(self) -> str:
        """How political the article is: the share of its sentences naming a country, an
        organisation or a titled person, in three bands."""
        if not self.sentences:
            return "low"
        named = sum(_political_mentions(s, self._index) > 0 for s in self.sentences)
        share = named / len(self.sentences)
        return "high" if share >= 0.5 else "mid" if share >= 0.2 else "low"


def _background(token: Token, event_time: str | None, published: str | None, history: bool) -> list[str]:
    """Cues that the event is history rather than the news: a past perfect ("had been
    arrested"), a date before the article's year, "former", "since" in its sentence."""
    found = []
    clause = token if token.pos_ in ("VERB", "AUX") else token.head
    auxiliaries = [c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if "had" in auxiliaries:
        found.append("past_perfect")
    if event_time and published and event_time[:4].isdigit() and event_time[:4] < published[:4]:
        found.append("dated_before_article_year")
    if history:
        found.append("history_word")
    return found


def document_politics(doc: Doc, index: MentionIndex) -> str:
    """How political the article is (see :meth:`_DocumentFacts.politics`)."""
    return _DocumentFacts(doc, index).politics()


def candidate_features(
    doc: Doc,
    candidate: Candidate,
    index: MentionIndex,
    triggers: dict[int, str],
    sector_words: frozenset[str],
    *,
    published: str | None = None,
    politics: str = "mid",
    facts: _DocumentFacts | None = None,
) -> list[str]:
    """The symbolic features of one candidate. ``triggers`` maps every candidate trigger's token
    index to its (first) type, for the features that look at the other candidates; ``politics``
    is :func:`document_politics` of the article, ``published`` its date."""
    event = candidate.event
    kind = event.type
    token = candidate.trigger.token
    about = (facts or _DocumentFacts(doc, index)).sentence(token)
    sentence = about.span
    word = lemma(token)
    found = [f"type={kind}", f"lemma={word}", f"lemma={kind}/{word}", f"pos={kind}/{token.pos_}"]
    found += [f"dep={kind}/{token.dep_}", f"tag={token.tag_}", f"mode={kind}/{event.mode}"]
    if len(candidate.trigger.tokens) > 1:
        phrase = "_".join(sorted(lemma(t) for t in candidate.trigger.tokens))
        found.append(f"phrase={kind}/{phrase}")
    head = token.head
    found += [f"head={kind}/{lemma(head)}", f"headpos={token.dep_}/{head.pos_}"]
    for child in token.children:
        if child.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "compound", "amod", "poss", "prep", "agent"):
            found.append(f"child={child.dep_}/{lemma(child)}")
            found.append(f"child={kind}/{child.dep_}/{lemma(child)}")
        if child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found.append(f"pobj={kind}/{child.lower_}/{lemma(obj)}")
    for neighbour in doc[max(sentence.start, token.i - _WINDOW) : min(sentence.end, token.i + _WINDOW + 1)]:
        if neighbour.i != token.i and not neighbour.is_punct:
            found.append(f"near={lemma(neighbour)}")
    for flag in candidate.flags:
        found += [f"flag={flag}", f"flag={kind}/{flag}"]
    found += [f"modality={event.modality}", f"modality={kind}/{event.modality}"]
    found.append(f"reported={event.reported_by is not None}")
    actor = _side_kind(candidate.actors, event.actors, index, sector_words)
    recipient = _side_kind(candidate.recipients, event.recipients, index, sector_words)
    found += [f"actor={actor}", f"actor={kind}/{actor}", f"recipient={recipient}", f"recipient={kind}/{recipient}"]
    found.append(f"sides={kind}/{actor}/{recipient}")
    found += [f"actor_sector={event.actor_sector}", f"recipient_sector={event.recipient_sector}"]
    governing = _governing(token, triggers)
    if governing is not None:
        found += [f"governed_by={governing}", f"governed_by={kind}/{governing}"]
    same = sum(1 for i, t in triggers.items() if t == kind and i != token.i and sentence.start <= i < sentence.end)
    found.append(f"same_type_in_sentence={min(same, 2)}")
    political = about.political
    found += [f"political={min(political, 3)}", f"political={kind}/{min(political, 2)}"]
    if sentence.start == 0:
        found.append("lead")
    if about.question:
        found.append("question")
    if token.i > sentence.start and token.text[:1].isupper():
        found.append("capitalised")
    if about.negation:
        found.append("negation_in_sentence")
    found += [f"rule_background={event.background}", f"rule_background={kind}/{event.background}"]
    for cue in _background(token, event.time, published, about.history):
        found += [cue, f"{cue}={kind}"]
    found += [f"document={politics}", f"document={kind}/{politics}", f"document={politics}/{actor}"]
    found.append("bias")
    return found


def _unit(vector: NDArray[np.float32]) -> NDArray[np.float32]:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def _sentence_vector(sentence: Span, width: int) -> NDArray[np.float32]:
    vectors = [np.asarray(t.vector, dtype=np.float32) for t in sentence if t.pos_ in _CONTENT and t.has_vector]
    if not vectors:
        return np.zeros(width, dtype=np.float32)
    return _unit(np.mean(vectors, axis=0).astype(np.float32))


def _token_vector(token: Token) -> NDArray[np.float32]:
    return _unit(np.asarray(token.vector, dtype=np.float32))


#: The width of the model's contextual token vectors (``doc.tensor``, the tok2vec layer's output).
CONTEXT_WIDTH = 96
#: The contextual vectors are scaled down to the static vectors' range (unit length).
_CONTEXT_SCALE = 0.1


def vector_width(doc: Doc) -> int:
    """The length of one candidate's vector row for ``doc``'s model."""
    return doc.vocab.vectors_length * len(VECTOR_PARTS) + CONTEXT_WIDTH * len(VECTOR_PARTS)


def candidate_vectors(doc: Doc, candidates: list[Candidate]) -> NDArray[np.float32]:
    """One row per candidate: the trigger's, its governor's and its sentence's static vectors,
    then the same three from the model's contextual token vectors (``doc.tensor``, zero when
    the parse has none)."""
    width = doc.vocab.vectors_length
    static = width * len(VECTOR_PARTS)
    rows = np.zeros((len(candidates), vector_width(doc)), dtype=np.float32)
    tensor = (
        doc.tensor
        if doc.tensor.ndim == 2 and len(doc.tensor) == len(doc) and doc.tensor.shape[1] == CONTEXT_WIDTH
        else None
    )
    sentences: dict[int, NDArray[np.float32]] = {}
    # Each token's sentence number, off the parse's array (``token.sent`` walks the parse).
    starts = np.cumsum(doc.to_array(["SENT_START"]) == 1) if candidates else np.zeros(0)
    bounds = list(doc.sents) if candidates else []
    for row, candidate in enumerate(candidates):
        token = candidate.trigger.token
        sentence = bounds[max(int(starts[token.i]) - 1, 0)]
        if sentence.start not in sentences:
            sentences[sentence.start] = _sentence_vector(sentence, width)
        rows[row, :width] = _token_vector(token) if token.has_vector else 0.0
        rows[row, width : 2 * width] = _token_vector(token.head) if token.head.has_vector else 0.0
        rows[row, 2 * width : static] = sentences[sentence.start]
        if tensor is not None:
            c = CONTEXT_WIDTH
            rows[row, static : static + c] = tensor[token.i] * _CONTEXT_SCALE
            rows[row, static + c : static + 2 * c] = tensor[token.head.i] * _CONTEXT_SCALE
            rows[row, static + 2 * c :] = tensor[sentence.start : sentence.end].mean(axis=0) * _CONTEXT_SCALE
    return rows


def trigger_types(candidates: list[Candidate]) -> dict[int, str]:
    """Each candidate trigger's token index and its first type."""
    found: dict[int, str] = {}
    for candidate in candidates:
        found.setdefault(candidate.trigger.token.i, candidate.event.type)
    return found


def iter_features(
    doc: Doc,
    candidates: list[Candidate],
    index: MentionIndex,
    sector_words: frozenset[str],
    published: str | None = None,
) -> Iterator[list[str]]:
    """The symbolic features of every candidate of a document published on ``published``."""
    triggers = trigger_types(candidates)
    facts = _DocumentFacts(doc, index)
    politics = facts.politics()
    for candidate in candidates:
        yield candidate_features(
            doc, candidate, index, triggers, sector_words, published=published, politics=politics, facts=facts
        )
