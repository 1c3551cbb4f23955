"""The event stage: who did what to whom, when and where, coded in PLOVER.

The rules propose and a learned check decides. The rules find triggers in the parse
(:mod:`.triggers`), read each trigger's clause for actors, recipients and place
(:mod:`.arguments`), decide whether the event happened (:mod:`.modality`), and resolve everything
through the mentions to canonical entities (:mod:`.coder`); each coded trigger is a
:class:`~.candidates.Candidate` with the rule checks it failed as flags, and a trigger word that
several types' lexicons hold proposes each type. The classifier (:mod:`.classifier`, trained on
our gold set) gives every candidate a calibrated confidence; per trigger word the best type is
kept, if its confidence reaches the model's floor. Without a trained model the rules decide
alone, as before (flagged candidates dropped, no confidence).

Sector codes come from the words naming each side and the entities' titles; time from the time
stage (:func:`~newsgraph.stages.timex.anchor.time_for`), or, for an event told in a quotation,
the quotation's own clause or time; reporters from the quote stage. An event whose sentence names
no place takes its paragraph's setting, else the article's main location (``place_source``).
Requires mentions (coreference fills their entity ids), time expressions and quotes.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from newsgraph.model import Analysis, Event, content_id
from newsgraph.ontology.cues import Cues, Sectors, load_cues, load_sectors
from newsgraph.ontology.lexicon import Lexicon, load_lexicon
from newsgraph.ontology.plover import Ontology, load_ontology
from newsgraph.pipeline.registry import register
from newsgraph.pipeline.stage import StageContext
from newsgraph.stages.events.arguments import MentionIndex
from newsgraph.stages.events.candidates import RULE_DROPS, Candidate
from newsgraph.stages.events.classifier import EventClassifier, load_classifier
from newsgraph.stages.events.coder import Coder
from newsgraph.stages.events.dating import Dating
from newsgraph.stages.events.triggers import Trigger, find_triggers

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["EventStage"]

# A repeated definite noun ("the ceasefire") with no arguments is the same event again.
_ANAPHORIC = frozenset({"the", "this", "that", "its", "their", "his", "her"})


class EventStage:
    """PLOVER events with actors, recipients, place, time, modality, evidence and confidence."""

    name = "events"
    version = "7"
    requires: tuple[str, ...] = ("mentions", "time_expressions", "quotes")
    produces: tuple[str, ...] = ("events",)

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        cues: Cues | None = None,
        sectors: Sectors | None = None,
        ontology: Ontology | None = None,
        classifier: EventClassifier | bool | None = True,
    ) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.cues = cues or load_cues()
        self.sectors = sectors or load_sectors()
        self.ontology = ontology or load_ontology()
        #: The learned check (``True``: the shipped model if there is one; ``None``/``False``: rules only).
        self.classifier = load_classifier() if classifier is True else (classifier or None)

    def candidates(self, context: StageContext) -> tuple[list[Candidate], MentionIndex]:
        """Every candidate the rules propose for the document, in text order."""
        doc = context.doc
        analysis = context.analysis
        index = MentionIndex(doc, analysis.mentions, analysis.entities)
        # No event noun inside a name or a time expression ("Amnesty International", "in March").
        names = frozenset(index.named) | _time_tokens(doc, analysis)
        triggers = {t.token.i: t for t in find_triggers(doc, self.lexicon, self.cues, names)}
        coder = Coder(context, index, triggers, self)
        found: list[Candidate] = []
        seen: set[tuple[str, str | None]] = set()
        coded: set[tuple[object, ...]] = set()
        for trigger in triggers.values():
            flags = {"redundant"} if _redundant(trigger, triggers, self.cues) else set()
            readings = [(trigger, frozenset(flags))]
            readings += [
                (trigger.as_alternative(e, t), frozenset({*flags, "alternative"})) for e, t in trigger.alternatives
            ]
            for reading, reading_flags in readings:
                candidate = coder.event(reading, reading_flags)
                event = candidate.event
                key = (event.type, event.mode)
                if _anaphoric(reading) and not event.actors and not event.recipients and key in seen:
                    candidate = dataclasses.replace(candidate, flags=candidate.flags | {"repeat"})
                if candidate.rules_keep:
                    seen.add(key)
                same = (event.type, event.mode, event.actors, event.recipients, event.modality,
                        event.evidence.start, event.evidence.end)  # fmt: skip
                if same in coded:
                    continue  # "the joint statement ... emphasizes their commitment": told once
                coded.add(same)
                found.append(candidate)
                refusal = self._refusal(candidate)
                if refusal is not None:
                    found.append(refusal)
        found.extend(coder.accusations)
        found.extend(coder.obligations())
        found.extend(coder.instructions())
        found.sort(key=lambda c: (c.event.evidence.start, c.event.trigger.start if c.event.trigger else 0))
        return found, index

    def _refusal(self, candidate: Candidate) -> Candidate | None:
        """A cooperative act told as not done ("did not approve the deal", "has not accepted
        the offer") may be a refusal, which PLOVER codes REJECT: proposed as another reading."""
        event = candidate.event
        quad = self.ontology.types[event.type].quad_class
        if event.modality != "negated" or not quad.endswith("cooperation"):
            return None
        rejection = dataclasses.replace(
            event,
            id=content_id("evt", event.document_id, *_trigger_bounds(event), "REJECT"),
            type="REJECT",
            mode=None,
            modality="asserted",
            cameo=self.ontology.cameo("REJECT"),
        )
        return dataclasses.replace(candidate, event=rejection, flags=candidate.flags | {"refusal"})

    def __call__(self, context: StageContext) -> Analysis:
        candidates, index = self.candidates(context)
        dating = Dating(context.doc, context.analysis)
        if self.classifier is None:
            events = [dating.settle(c.event, c.event.background) for c in _rules_choice(candidates)]
        else:
            events = self._decide(context, candidates, index, dating)
        events = _unique(events)
        events.sort(key=lambda e: (e.evidence.start, e.trigger.start if e.trigger else 0, e.type))
        return dataclasses.replace(context.analysis, events=tuple(events))

    def _decide(
        self, context: StageContext, candidates: list[Candidate], index: MentionIndex, dating: Dating
    ) -> list[Event]:
        """Score every candidate; per trigger word keep the most confident reading if it reaches
        the model's floor, with its confidence in the provenance and the background check's
        verdict (the rules' where the model has no background check)."""
        assert self.classifier is not None
        scores = self.classifier.score(context.doc, candidates, index, context.analysis.document.published)
        best: dict[int, tuple[float, int]] = {}
        for number, (candidate, score) in enumerate(zip(candidates, scores.confidences, strict=True)):
            token = candidate.trigger.token.i
            if token not in best or score > best[token][0]:
                best[token] = (score, number)
        events = []
        for score, number in best.values():
            if score < self.classifier.floor:
                continue
            event = candidates[number].event
            background = scores.backgrounds[number] if scores.backgrounds is not None else event.background
            if event.modality in ("future", "hypothetical"):
                background = False
            provenance = dataclasses.replace(event.provenance, confidence=round(score, 4))
            events.append(dating.settle(dataclasses.replace(event, provenance=provenance), background))
        return events


def _rules_choice(candidates: list[Candidate]) -> list[Candidate]:
    """Without the classifier: per trigger word, the first reading the rules keep (the lexicon's
    first-ranked type, else another type's reading that passes every check), and every event
    read off another ("derived") that passes."""
    chosen: dict[int, Candidate] = {}
    found: list[Candidate] = []
    for candidate in candidates:
        if candidate.flags & RULE_DROPS - {"alternative"}:
            continue
        if "derived" in candidate.flags:
            found.append(candidate)
            continue
        token = candidate.trigger.token.i
        if token not in chosen or ("alternative" in chosen[token].flags and "alternative" not in candidate.flags):
            chosen[token] = candidate
    return sorted([*found, *chosen.values()], key=lambda c: c.event.evidence.start)


def _trigger_bounds(event: Event) -> tuple[int, int]:
    span = event.trigger or event.evidence
    return span.start, span.end


def _unique(events: list[Event]) -> list[Event]:
    """Events with distinct ids (type and trigger span): the first of exact duplicates."""
    found: dict[str, Event] = {}
    for event in events:
        found.setdefault(event.id, event)
    return list(found.values())


def _time_tokens(doc: Doc, analysis: Analysis) -> frozenset[int]:
    found: set[int] = set()
    for timex in analysis.time_expressions:
        span = doc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
        if span is not None:
            found.update(t.i for t in span)
    return frozenset(found)


def _redundant(trigger: Trigger, triggers: dict[int, Trigger], cues: Cues) -> bool:
    """Triggers that add no event: an adjectival participle ("pressing matters", "has alleged
    ties"), a negated warning phrase told by a warning verb, and an event noun told by a
    trigger verb of the same type ("arrived ... for a visit")."""
    token = trigger.token
    if trigger.is_verb:
        if token.dep_ == "amod" or _adjectival(token, cues):
            return True
        # "warned that it [cannot guarantee the safety of] ...": a warning phrase inside a
        # warning is what the warning says, one THREATEN, not two.
        governing = triggers.get(token.head.i) if token.dep_ in ("ccomp", "xcomp") else None
        return trigger.entry.negated and governing is not None and governing.entry.type == trigger.entry.type
    head = token.head.head if token.head.dep_ == "prep" else token.head
    governing = triggers.get(head.i)
    return governing is not None and governing is not trigger and governing.entry.type == trigger.entry.type


def _adjectival(token: Token, cues: Cues) -> bool:
    """ "has [alleged] ties": a participle of ``adjectival_participles`` whose bare common-noun
    object follows it is the noun's adjective, parsed as a verb."""
    if token.lower_ not in cues.adjectival_participles or token.i + 1 >= len(token.doc):
        return False
    following = token.doc[token.i + 1]
    return following.head.i == token.i and following.dep_ == "dobj" and following.tag_ in ("NN", "NNS")


def _anaphoric(trigger: Trigger) -> bool:
    return not trigger.is_verb and any(
        c.dep_ in ("det", "poss") and c.lower_ in _ANAPHORIC for c in trigger.token.children
    )


@register("newsgraph.events.v1")
def _event_stage() -> EventStage:
    return EventStage()
