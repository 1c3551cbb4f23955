"""Coding one trigger as an event: its clause, actors and recipients, modality, reporter,
place, time, sectors and countries (the rules; :mod:`.stage` runs them and the classifier).

Each trigger becomes a :class:`~newsgraph.stages.events.candidates.Candidate`: the event as the
rules code it, with the rule checks it failed as ``flags`` (no political party, an object the
trigger's event does not take, ...). The rules alone drop a flagged candidate; the classifier
weighs the flags with the rest of the sentence.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from newsgraph.model import Event, Quote, Span, content_id
from newsgraph.ontology.lexicon import Entry
from newsgraph.pipeline.stage import StageContext
from newsgraph.stages.events.arguments import (
    OBJECTS,
    PASSIVE_SUBJECTS,
    PLACE_PREPOSITIONS,
    RECIPIENT_PREPOSITIONS,
    SUBJECTS,
    MentionIndex,
    Resolved,
    agents,
    children,
    prepositional,
)
from newsgraph.stages.events.candidates import Candidate
from newsgraph.stages.events.constraints import has_party, object_candidates, object_matches
from newsgraph.stages.events.dating import Dating
from newsgraph.stages.events.modality import clause_modality, reporting_verb
from newsgraph.stages.events.setting import Setting
from newsgraph.stages.events.triggers import Trigger, lemma, tokens_with
from newsgraph.stages.timex.anchor import time_for

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsgraph.stages.events.stage import EventStage

__all__ = ["Coder"]

# A noun trigger is an argument of the verb it is the object of: "Russia [declared] a ceasefire".
_NOUN_IN_CLAUSE = frozenset({"dobj", "attr", "oprd", "pobj", "nsubj", "nsubjpass", "appos"})
# Children that belong to another clause: left out of a clause's evidence span.
_OTHER_CLAUSE = frozenset({"advcl", "parataxis", "conj", "cc", "punct", "relcl", "mark", "prep_after"})
# Event types whose trigger can be the speech act itself ("I pledge", "we condemn").
_SPEECH_ACT_TYPES = frozenset({"AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONCEDE"})
# Adverbs that put an event on someone else's word.
_HEARSAY_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "apparently"})
# Verbs of saying that instruct when they take an object and a to-infinitive ("told them to leave").
_INSTRUCTING = frozenset({"tell", "warn", "remind"})
# Participles that read as passives but whose subject is the doer: "forces were engaged in".
_STATIVE_PASSIVES = frozenset({"engage", "involve"})


class Coder:
    """Codes the triggers of one document."""

    def __init__(self, context: StageContext, index: MentionIndex, triggers: dict[int, Trigger], stage: EventStage):
        self.context = context
        self.doc: Doc = context.doc
        self.index = index
        self.triggers = triggers
        self.cues = stage.cues
        self.sectors = stage.sectors
        self.ontology = stage.ontology
        self.sector_words = stage.sectors.words
        self.quotes = sorted(context.analysis.quotes, key=lambda q: q.span.start)
        published = context.analysis.document.published
        self.published = published[:10] if published else None
        #: ACCUSE events read off reports of another party's conflictual acts.
        self.accusations: list[Candidate] = []
        #: Where events whose sentence names no place happened.
        self.setting = Setting(self.doc, index, context.analysis.document.dateline_place)
        #: When events with no time of their own happened, and which are background.
        self.dating = Dating(self.doc, context.analysis)

    # --- clauses ---------------------------------------------------------------------------

    def anchor(self, trigger: Trigger) -> Token:
        """The verb whose clause the event is told in (the trigger itself for a verb). A noun
        reaches it through coordination and quantities: "issued [pardons] and [commutations]",
        "issued a series of [pardons]", "launched two waves of [air strikes]"."""
        token = trigger.token
        if trigger.is_verb:
            return token
        noun = token
        for _ in range(3):
            if noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
                noun = noun.head
            elif noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
                noun = noun.head.head  # "a series [of] pardons": the quantity stands in the clause
            else:
                break
        if noun.dep_ in _NOUN_IN_CLAUSE:
            head = noun.head
            if head.dep_ == "prep":
                head = head.head
            if head.pos_ in ("VERB", "AUX"):
                return head
        return token

    def subjects(self, verb: Token) -> list[Token]:
        """The subject of ``verb``'s clause, through coordination, control and participles."""
        token = verb
        for _ in range(5):
            found = children(token, SUBJECTS)
            if found:
                return found
            if children(token, PASSIVE_SUBJECTS):
                # "Russia is scheduled to visit": a raising verb passes its subject down.
                return agents(token) if token is verb else children(token, PASSIVE_SUBJECTS)
            if token.dep_ == "conj" or (
                token.dep_ in ("advcl", "xcomp") and lemma(token.head) in self.cues.transparent_verbs
            ):
                token = token.head
                continue
            if token.dep_ == "acomp" or (token.dep_ == "xcomp" and token.head.pos_ == "ADJ"):
                token = token.head  # "it is [willing] to withdraw"
                continue
            if token.dep_ in ("xcomp", "advcl"):
                controller = children(token.head, frozenset({"dobj"}))
                if controller and token.dep_ == "xcomp" and token.head.i not in self.triggers:
                    return controller
                token = token.head
                continue
            if token.dep_ == "acl":
                if not agents(token) and token.head.dep_ == "ROOT" and token.head.pos_ in ("NOUN", "PROPN"):
                    # No main verb: "[Doctors] from aid groups donated ...", parsed as a participle
                    # on the root noun, is that noun's clause.
                    return [token.head]
                return agents(token) or ([token.head] if token.tag_ == "VBG" else [])
            if token.dep_ == "pcomp" and token.head.dep_ == "prep":
                token = token.head.head  # "youths resorted to [throwing] stones"
                continue
            break
        return []

    # --- one event -------------------------------------------------------------------------

    def event(self, trigger: Trigger, flags: frozenset[str] = frozenset()) -> Candidate:
        """The candidate event ``trigger`` tells, with the rule checks it fails added to ``flags``."""
        failed = set(flags)
        token = trigger.token
        if trigger.is_verb and any(
            c.dep_ == "prt" and lemma(c) not in trigger.entry.words and c not in trigger.tokens for c in token.children
        ):
            failed.add("particle")  # "sworn [in]", "called [off]": another verb than the entry's
        anchor = self.anchor(trigger)
        actors, recipients = self._arguments(trigger, anchor)
        modality = clause_modality(
            anchor if anchor is not token or trigger.is_verb else token,
            self.triggers,
            self.cues,
            frozenset(t.i for t in trigger.tokens),
        )
        if not trigger.is_verb and modality == "asserted":
            modality = clause_modality(token, self.triggers, self.cues)
        reporter, reporter_heads = self._reporter(trigger, anchor)
        if trigger.is_verb and _bare_participle(token) and reporter is not None:
            # "Arrested in May, Navalny said ...": the speaker underwent it, he does not report it.
            reporter, reporter_heads = None, []
        actor = self.index.resolve(actors)
        recipient = self.index.resolve(recipients)
        if token.dep_ == "acl" and not actor.ids and not recipient.ids:
            failed.add("acl_no_args")  # "a statement released after the talks": no event of its own
        entry = trigger.entry
        candidates = object_candidates(trigger, entry.object)
        if entry.object is not None and not object_matches(candidates, entry.object, self.index, self.sector_words):
            failed.add("object_mismatch")  # "released the book": not the object this trigger's event needs
        actor_ids = actor.ids
        pronouns = bool(actors) and all(a.pos_ == "PRON" for a in actors)
        if reporter is not None and (actor.first_person or (pronouns and not actor_ids)):
            # "We cannot be held responsible", said by Zelensky; "it will support", said by Hungary.
            # Otherwise the speaker is never the actor of what they report: "Interfax said the
            # parade ..." has no actor, "X said the town was shelled" none either.
            actor_ids, actor = (reporter,), self.index.resolve(reporter_heads) if reporter_heads else actor
        elif reporter is not None and not actor_ids and trigger.is_verb and trigger.entry.complement is not None:
            # A verb of intent whose subject names no entity: "Syria says [the country is willing
            # to withdraw]" (a stance the speaker takes, not an act it reports of another).
            actor_ids, actor = (reporter,), self.index.resolve(reporter_heads) if reporter_heads else actor
        if reporter is not None and recipient.first_person and not recipient.ids:
            recipient = self.index.resolve(reporter_heads) if reporter_heads else recipient
            recipient = dataclasses.replace(recipient, ids=(reporter,))  # "we cannot be held responsible"
        recipient_ids = tuple(r for r in recipient.ids if r not in actor_ids) or (
            recipient.ids if _reciprocal(recipients) else ()
        )
        # A noun in a verbless phrase belongs to the noun it hangs from ("Yeltsin ... for a meeting").
        hosts = [token.head.head] if not trigger.is_verb and token.dep_ == "pobj" else []
        if entry.needs_party and not has_party(
            [*actors, *recipients, *candidates, *hosts], (*actor_ids, *recipient_ids), self.index, self.sector_words
        ):
            failed.add("no_party")  # "to support life forms": nobody political takes part
        if modality in ("asserted", "reported") and token.sent.text.rstrip().endswith("?"):
            modality = "hypothetical"  # an interviewer's question asserts nothing
        place = self._place(trigger, anchor)
        if place is None and not trigger.is_verb and trigger.entry.mode != "visit":
            place = self._nearest_place(trigger, (*actor_ids, *recipient_ids))
        if trigger.entry.mode == "visit":
            # "a visit to Moscow": the city is where, its country the host.
            places = [r for r in recipient_ids if (e := self.index.entity(r)) is not None and e.kind == "place"]
            place = place or (places[0] if places else None)
            recipient_ids = tuple(r for r in recipient_ids if r not in places)
        if trigger.entry.mode == "visit" and not recipient_ids and place is not None:
            recipient_ids = self._host(place, actor_ids)
        place_source = None if place is None else "sentence"
        if place is None:
            # If the whole sentence names no place, its paragraph's setting or the article's main
            # location stands in, as event coders geolocate (marked: a guess about this event).
            place, place_source = self.setting.place_for(token)
        if modality == "asserted" and self._performative(trigger, anchor):
            reporter = None  # "I pledge that ...", "we urge ...": the words are the act itself
        elif modality == "asserted" and (reporter is not None or self._hearsay(trigger, anchor)):
            modality = "reported"
        evidence = self._evidence(trigger, anchor)
        deed = self.ontology.types[trigger.entry.type].quad_class.startswith("material")
        time, time_source = self._time(evidence, modality, token, deed=deed)
        background = modality not in ("future", "hypothetical") and self.dating.background(
            token, anchor, time, time_source
        )
        trigger_span = self._span(min(t.idx for t in trigger.tokens), max(t.idx + len(t.text) for t in trigger.tokens))
        mode = trigger.entry.mode
        event = Event(
            id=content_id("evt", self.context.document_id, trigger_span.start, trigger_span.end, trigger.entry.type),
            document_id=self.context.document_id,
            type=trigger.entry.type,
            evidence=evidence,
            provenance=self.context.provenance(evidence=(evidence, trigger_span)),
            mode=mode,
            actors=actor_ids,
            recipients=recipient_ids,
            place=place,
            place_source=place_source,
            time=time,
            time_source=time_source,
            modality=modality,
            cameo=trigger.entry.cameo or self.ontology.cameo(trigger.entry.type, mode),
            trigger=trigger_span,
            reported_by=reporter,
            actor_sector=self._sector(actor, actor_ids),
            recipient_sector=self._sector(recipient, recipient_ids),
            actor_country=self._country(actor, actor_ids)
            or self._local(place if place_source == "sentence" else None, actor_ids),
            recipient_country=self._country(recipient, recipient_ids),
            duration=self._duration(evidence, trigger),
            background=background,
        )
        if reporter is not None and not failed:
            self._accuse(event, trigger, anchor, reporter, reporter_heads)
        return Candidate(event, trigger, anchor, tuple(actors), tuple(recipients), frozenset(failed))

    def _arguments(self, trigger: Trigger, anchor: Token) -> tuple[list[Token], list[Token]]:
        token = trigger.token
        actors: list[Token] = []
        recipients: list[Token] = []
        if trigger.is_verb:
            if children(token, PASSIVE_SUBJECTS) and lemma(token) in _STATIVE_PASSIVES and not agents(token):
                actors = children(token, PASSIVE_SUBJECTS)  # "forces were engaged in cleansing"
            elif children(token, PASSIVE_SUBJECTS) and (agents(token) or trigger.entry.complement is None):
                actors = agents(token)
                recipients = children(token, PASSIVE_SUBJECTS)
            elif children(token, PASSIVE_SUBJECTS):
                actors = children(token, PASSIVE_SUBJECTS)  # "Vietnam is committed to ...": a state
            elif _bare_participle(token):
                # "[Arrested] in May, the activist said ...": the main clause's subject underwent it.
                actors = agents(token)
                recipients = children(token.head, SUBJECTS | PASSIVE_SUBJECTS)
            else:
                actors = self.subjects(token)
                recipients = [c for c in children(token, OBJECTS) if c not in trigger.tokens]
                # "expelled [the Libyan ambassador]": the phrase's own object names the side by
                # its modifiers.
                recipients += [
                    m
                    for c in children(token, OBJECTS)
                    if c in trigger.tokens
                    for m in c.children
                    if m.dep_ in ("amod", "compound", "poss") and self._party(m)
                ]
            recipients += prepositional(token, RECIPIENT_PREPOSITIONS)
            for word in trigger.tokens[1:]:
                recipients += prepositional(word, RECIPIENT_PREPOSITIONS)
            if trigger.entry.complement is not None or trigger.entry.type in ("REQUEST", "ACCUSE"):
                for complement in children(token, frozenset({"ccomp", "xcomp"})):
                    recipients += children(complement, SUBJECTS | PASSIVE_SUBJECTS | frozenset({"dobj"}))
                    recipients += prepositional(complement, RECIPIENT_PREPOSITIONS)
        else:
            actors = [c for c in token.children if c.dep_ in ("poss", "amod", "compound") and self._party(c)]
            actors += prepositional(token, frozenset({"by", "between", "among"})) if not actors else []
            for participle in children(token, frozenset({"acl"})):
                actors += agents(participle)
            own_clause = anchor is not token and token.dep_ not in ("nsubj", "nsubjpass")
            if not actors and own_clause and not self._reports(trigger, anchor):
                actors = self.subjects(anchor)  # not a reporter's: "officials reported attacks"
            if not actors and token.dep_ == "nsubjpass" and token.head.pos_ == "VERB":
                actors = agents(token.head)  # "the meeting was attended by X", "the attack was carried out by Y"
            if token.dep_ == "nsubj" and token.head.pos_ == "VERB":
                # "twin bombings struck [the cathedral]", "the attack killed [12 soldiers]"
                recipients_of_verb = children(token.head, frozenset({"dobj"}))
            else:
                recipients_of_verb = []
            recipients = prepositional(token, RECIPIENT_PREPOSITIONS | {"of"}) + recipients_of_verb
        recipients = [r for r in recipients if r.i in self.index.by_token or self.index.resolve([r]).ids]
        actors = [a for a in actors if a.pos_ != "DET"]
        return actors, recipients

    def _party(self, token: Token) -> bool:
        """Whether a modifier names a party that can act ("Russian", "Xi's"), not an occasion
        ("Victory Day") or a place."""
        mention = self.index.by_token.get(token.i)
        if mention is None:
            return False
        entity = self.index.entity(mention.entity_id) if mention.entity_id else None
        if entity is None:
            return mention.label in ("PERSON", "ORG", "NORP", "GPE", "PRON", "GROUP")
        return entity.kind in ("person", "organisation", "country", "group")

    def _reporter(self, trigger: Trigger, anchor: Token) -> tuple[str | None, list[Token]]:
        """Who reported the event (an entity id) and the words naming them, when it is told in a
        quotation or reported speech. A speech act the article itself states is no report, even
        when its verb is the cue of a quotation: "He denounced the plan as 'a disgrace'" is an
        ACCUSE the journalist asserts, not one its speaker reports."""
        start = trigger.token.idx
        verb = anchor if self._reports(trigger, anchor) else reporting_verb(anchor, self.cues)
        heads = self.subjects(verb) if verb is not None else []
        for quote in self.quotes:
            inside = quote.span.start <= start < quote.span.end
            if inside and quote.speaker_entity_id is not None:
                return quote.speaker_entity_id, heads
        found = self.index.resolve(heads).ids
        return (found[0] if found else None), heads

    def _performative(self, trigger: Trigger, anchor: Token) -> bool:
        """A speech act its speaker performs in the words quoted: a verb of the speech-act types
        in the present (or with "will"), with "I" or "we" as subject ("I pledge ...", "We call
        on ...", "I am asking all Americans ...")."""
        token = trigger.token
        if not trigger.is_verb or trigger.entry.type not in _SPEECH_ACT_TYPES or self._quote_of(token) is None:
            return False
        subjects = children(token, SUBJECTS)
        if not subjects or subjects[0].lower_ not in ("i", "we"):
            return False
        auxiliaries = {c.lower_ for c in token.children if c.dep_ == "aux"}
        return (
            token.tag_ in ("VBP", "VBZ")
            or (token.tag_ == "VBG" and bool(auxiliaries & {"am", "are"}))
            or bool(auxiliaries & {"will", "'ll", "shall"})
        )

    def _hearsay(self, trigger: Trigger, anchor: Token) -> bool:
        """Whether the event is told on someone's word though no speaker is resolved: under a
        verb of saying or alleging ("his associates had alleged he was poisoned"), with
        "reportedly"/"allegedly", or "according to" someone."""
        if reporting_verb(anchor, self.cues) is not None or self._reports(trigger, anchor):
            return True
        clause = anchor if anchor.pos_ in ("VERB", "AUX") else anchor.head
        governed = clause
        for _ in range(3):  # "alleged [he was poisoned]", "accused X of [shelling]": an allegation's content
            if governed.dep_ not in ("ccomp", "xcomp", "pcomp", "pobj", "prep") or governed.head is governed:
                break
            governed = governed.head
            accusation = self.triggers.get(governed.i)
            if accusation is not None and accusation.entry.type == "ACCUSE":
                return True
        for word in (trigger.token, clause):
            for child in word.children:
                if child.dep_ == "advmod" and child.lower_ in _HEARSAY_ADVERBS:
                    return True
                if child.dep_ == "prep" and child.lower_ == "according":
                    return True
        return False

    def _reports(self, trigger: Trigger, anchor: Token) -> bool:
        """Whether a noun trigger is what a verb of saying reports ("officials [reported] ongoing
        assaults by Russian forces", "the Kremlin [announced] Xi's visit"): the verb's subject
        reports it and is not its actor, unless the phrase names no other side and the event is
        one a party may announce of itself ("Russia announced a ceasefire")."""
        token = trigger.token
        if trigger.is_verb or anchor is token or token.dep_ != "dobj" or anchor.pos_ != "VERB":
            return False
        if lemma(anchor) not in self.cues.reporting_verbs:
            return False
        own = [c for c in token.children if c.dep_ in ("poss", "amod", "compound") and self._party(c)]
        own += prepositional(token, frozenset({"by"}))
        return bool(own) or trigger.entry.type in self.cues.accused_types

    def _accuse(self, event: Event, trigger: Trigger, anchor: Token, reporter: str, heads: list[Token]) -> None:
        """ "Ukrainian officials reported ongoing assaults by Russian forces": a political party
        reporting another's conflictual act accuses it (PLOVER ACCUSE, mode allege), coded on
        the verb of saying (or the quotation's cue); the act itself stays reported."""
        if event.type not in self.cues.accused_types or event.modality != "reported" or not event.actors:
            return
        if reporter in event.actors:
            return
        entity = self.index.entity(reporter)
        resolved = self.index.resolve(heads) if heads else Resolved(ids=(reporter,))
        if reporter not in resolved.ids:
            resolved = Resolved(ids=(reporter,))
        if entity is not None and entity.kind not in ("person", "organisation", "country", "group"):
            return
        own = self._country(resolved, (reporter,))
        if own is not None and own == event.actor_country:
            return  # "Putin said Russia attacked": a side telling its own act accuses nobody
        if self._sector(resolved, (reporter,)) == "JRN":
            return  # a newspaper reporting an attack accuses nobody
        verb = self._reporting_token(trigger, anchor)
        if verb is None or not _claim(anchor, verb):
            return  # "X announced ..., a day after troops shot ...": a circumstance, not the claim
        cue = self._span(verb.idx, verb.idx + len(verb.text))
        evidence = self._evidence(Trigger(verb, _ACCUSE_ENTRY, (verb,)), verb)
        modality = clause_modality(verb, self.triggers, self.cues)
        if modality != "asserted":
            return  # "X did not say Russia attacked" accuses nobody
        time, time_source = self._time(evidence, modality)
        accused = tuple(a for a in event.actors if a != reporter)
        accusation = Event(
            id=content_id("evt", self.context.document_id, cue.start, cue.end, "ACCUSE", *accused),
            document_id=self.context.document_id,
            type="ACCUSE",
            evidence=evidence,
            provenance=self.context.provenance(evidence=(evidence, cue)),
            mode="allege",
            actors=(reporter,),
            recipients=accused,
            time=time,
            time_source=time_source,
            modality=modality,
            cameo=self.ontology.cameo("ACCUSE", "allege"),
            trigger=cue,
            actor_sector=self._sector(resolved, (reporter,)),
            recipient_sector=event.actor_sector,
            actor_country=self._country(resolved, (reporter,)),
            recipient_country=event.actor_country,
        )
        saying = Trigger(verb, _ACCUSE_ENTRY, (verb,))
        self.accusations.append(Candidate(accusation, saying, verb, tuple(heads), (), frozenset({"derived"})))

    def _reporting_token(self, trigger: Trigger, anchor: Token) -> Token | None:
        """The verb of saying (or the quotation's cue word) that tells ``trigger``."""
        if self._reports(trigger, anchor):
            return anchor
        verb = reporting_verb(anchor, self.cues)
        if verb is not None:
            return verb
        start = trigger.token.idx
        for quote in self.quotes:
            if quote.cue is not None and quote.span.start <= start < quote.span.end:
                span = self.doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
                if span is not None and len(span) > 0:
                    return span.root
        return None

    def _nearest_place(self, trigger: Trigger, sides: tuple[str, ...]) -> str | None:
        """An event noun with no place in its own phrase: the nearest place named after *in*,
        *at*, *near* in the same sentence ("troops arrived in Moscow for the parade"), if any."""
        token = trigger.token
        clause = _clause(token)
        best: tuple[int, str] | None = None
        for candidate in token.sent:
            if candidate.dep_ != "pobj" or candidate.head.lower_ not in PLACE_PREPOSITIONS:
                continue
            if _clause(candidate).i != clause.i:
                continue
            place = self.index.place_of(candidate)
            if place is None or place in sides:
                continue
            distance = abs(candidate.i - token.i)
            if best is None or distance < best[0]:
                best = (distance, place)
        return best[1] if best else None

    def _place(self, trigger: Trigger, anchor: Token) -> str | None:
        for token in (trigger.token, *trigger.tokens[1:], anchor):
            for candidate in prepositional(token, PLACE_PREPOSITIONS):
                place = self.index.place_of(candidate)
                if place is not None:
                    return place
        if trigger.entry.mode == "visit":
            for candidate in children(trigger.token, frozenset({"dobj"})):
                place = self.index.place_of(candidate)
                if place is not None:
                    return place
        return None

    def _host(self, place: str, actors: tuple[str, ...]) -> tuple[str, ...]:
        """A visit's host: the country of the place visited, when it is not the visitor's."""
        entity = self.index.entity(place)
        if entity is None or entity.country is None:
            return ()
        own = {e.country for a in actors if (e := self.index.entity(a)) is not None}
        host = self.index.countries.get(entity.country)
        return (host,) if host is not None and entity.country not in own else ()

    def _country(self, resolved: Resolved, ids: tuple[str, ...]) -> str | None:
        for identifier in ids:
            entity = self.index.entity(identifier)
            if entity is not None and entity.country:
                return entity.country
            for title in entity.titles if entity is not None else ():
                if title.affiliation and len(title.affiliation) == 3 and title.affiliation.isupper():
                    return title.affiliation
        return resolved.country if ids else None

    def _local(self, place: str | None, ids: tuple[str, ...]) -> str | None:
        """An unnamed side's country: where it acted ("people blocked streets in Hong Kong",
        "a bombing near Samarra"), as event coders code unidentified actors. Named entities
        with no known country keep none."""
        if place is None or any(self.index.entity(i) is not None for i in ids):
            return None
        entity = self.index.entity(place)
        return entity.country if entity is not None else None

    def _sector(self, resolved: Resolved, ids: tuple[str, ...]) -> str | None:
        titles: set[str] = set()
        words = set(resolved.words)
        for identifier in ids:
            entity = self.index.entity(identifier)
            if entity is None:
                continue
            titles.update(t.title.lower() for t in entity.titles)
            if entity.kind == "organisation":
                words.update(entity.name.lower().split())
        return self.sectors.for_words(words, titles)

    def _evidence(self, trigger: Trigger, anchor: Token) -> Span:
        head = anchor
        tokens = [head, *trigger.tokens]
        for child in head.children:
            if child.dep_ not in _OTHER_CLAUSE:
                tokens.extend(child.subtree)
        if not trigger.is_verb and anchor is not trigger.token:
            tokens.extend(trigger.token.subtree)
        start = min(t.i for t in tokens)
        end = max(t.i for t in tokens)
        while end > start and self.doc[end].is_punct:
            end -= 1
        last = self.doc[end]
        return self._span(self.doc[start].idx, last.idx + len(last.text))

    def _time(
        self, evidence: Span, modality: str, token: Token | None = None, *, deed: bool = False
    ) -> tuple[str | None, str | None]:
        """When the event happened and how that is known: the clause's governing time
        expression (``expression``), else, for a deed, the day the article's lead gives its
        news (``story``), else the article's date, by which it had happened (``reported``); a
        planned or hypothetical event without a date of its own has none (:mod:`.dating`).
        An event told in a quotation (``token`` inside it) is dated by :meth:`_quoted_time`."""
        quote = self._quote_of(token) if token is not None else None
        if token is not None and quote is not None and quote.time is not None:
            return self._quoted_time(token, quote, modality)
        found = time_for(self.context.analysis, evidence.start, evidence.end)
        published = self.published
        if found is not None and published is not None and _superseded(found, published, modality):
            found = None
        if found is not None:
            return found, "expression"
        if modality in ("future", "hypothetical") or published is None:
            return None, None
        return self.dating.undated(deed)

    def _quote_of(self, token: Token) -> Quote | None:
        """The innermost quotation ``token`` is in, if any."""
        inside = [q for q in self.quotes if q.span.start <= token.idx < q.span.end]
        return min(inside, key=lambda q: q.span.end - q.span.start) if inside else None

    def _quoted_time(self, token: Token, quote: Quote, modality: str) -> tuple[str | None, str | None]:
        """An event told in a quotation: dated by a time expression in its own clause inside the
        quotation ("... we will meet them [on Monday]"), else by when it was said (the quote's
        time: "On May 3, X stated, '[we] cannot ...'"), since a date elsewhere in the quotation
        belongs to another clause ("travelling to Russia on May 9: we cannot ..."). A planned
        or hypothetical event with no date of its own has none."""
        clause = _clause(token).i
        for timex in self.context.analysis.time_expressions:
            if timex.type not in ("DATE", "TIME") or not timex.value[:1].isdigit():
                continue
            if not (quote.span.start <= timex.span.start and timex.span.end <= quote.span.end):
                continue
            span = self.doc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
            if span is None or _clause(span.root).i != clause:
                continue
            published = self.published
            if published is None or not _superseded(timex.value, published, modality):
                return timex.value, "expression"
        if modality in ("future", "hypothetical"):
            return None, None
        return quote.time, quote.time_source

    def _duration(self, evidence: Span, trigger: Trigger) -> str | None:
        for timex in self.context.analysis.time_expressions:
            if timex.type == "DURATION" and evidence.start <= timex.span.start and timex.span.end <= evidence.end:
                return timex.value
        return None

    def _span(self, start: int, end: int) -> Span:
        return self.context.span(start, end)

    # --- events read off verbs of saying --------------------------------------------------

    def derived(
        self,
        verb: Token,
        type_name: str,
        mode: str | None,
        speakers: list[Token],
        others: list[Token],
        flags: frozenset[str],
    ) -> Candidate | None:
        """An event told by the verb of saying ``verb`` itself (a demand, an instruction, a
        criticism): its subject (``speakers``) acts on ``others``. None when no speaker is known."""
        actor = self.index.resolve(speakers)
        recipient = self.index.resolve(others)
        if not actor.ids or recipient.first_person:
            return None
        saying = Trigger(verb, Entry(type_name, ("say",), "verb", mode), (verb,))
        evidence = self._evidence(saying, verb)
        trigger = self._span(verb.idx, verb.idx + len(verb.text))
        modality = clause_modality(verb, self.triggers, self.cues)
        time, time_source = self._time(evidence, modality, verb)
        event = Event(
            id=content_id("evt", self.context.document_id, trigger.start, trigger.end, type_name),
            document_id=self.context.document_id,
            type=type_name,
            evidence=evidence,
            provenance=self.context.provenance(evidence=(evidence, trigger)),
            mode=mode,
            actors=actor.ids,
            recipients=tuple(r for r in recipient.ids if r not in actor.ids),
            time=time,
            time_source=time_source,
            modality=modality,
            cameo=self.ontology.cameo(type_name, mode),
            trigger=trigger,
            actor_sector=self._sector(actor, actor.ids),
            recipient_sector=self._sector(recipient, recipient.ids),
            actor_country=self._country(actor, actor.ids),
            recipient_country=self._country(recipient, recipient.ids),
        )
        return Candidate(event, saying, verb, tuple(speakers), tuple(others), flags | {"derived"})

    def obligations(self) -> list[Candidate]:
        """ "Russia said Sudan must return the helicopter": a demand (REQUEST) by the speaker on
        the subject of the obligation, as PLOVER codes it."""
        found = []
        for token in tokens_with(self.doc, "LOWER", self.cues.obligation_auxiliaries):
            if token.dep_ != "aux":
                continue
            clause = token.head
            if clause.dep_ != "ccomp" or lemma(clause.head) not in self.cues.reporting_verbs:
                continue
            verb = clause.head
            obliged = children(clause, SUBJECTS | PASSIVE_SUBJECTS)
            candidate = self.derived(verb, "REQUEST", None, self.subjects(verb), obliged, frozenset())
            if candidate is not None:
                found.append(candidate)
        return found

    def instructions(self) -> list[Candidate]:
        """ "The governor told residents to stay home": a verb of saying with an object and a
        to-infinitive is an instruction (REQUEST) by its subject to its object; "tell" alone
        only reports, so no trigger lexicon holds it."""
        found = []
        for token in tokens_with(self.doc, "LEMMA", _INSTRUCTING):
            if token.pos_ != "VERB" or token.i in self.triggers:
                continue
            told = children(token, frozenset({"dobj", "dative"}))
            complements = children(token, frozenset({"xcomp", "ccomp"}))
            if not told or not any(any(a.lower_ == "to" for a in c.children) for c in complements):
                continue
            candidate = self.derived(token, "REQUEST", None, self.subjects(token), told, frozenset())
            if candidate is not None:
                found.append(candidate)
        return found


def _superseded(value: str, published: str, modality: str) -> bool:
    """Whether a clause's time expression gives way to the article's date: a coarser date
    that contains it ("on the 80th anniversary" = 2025, in an article of 2025-05-08: the
    dateline is the more specific date), or, for an event told as done, a date after the
    article ("the statement signed ... sets goals to 2030": the signing was not in 2030)."""
    if not value[:4].isdigit():
        return False
    if len(value) < len(published) and published.startswith(value):
        return True
    return modality in ("asserted", "negated") and value[:10] > published[:10]


def _claim(anchor: Token, verb: Token) -> bool:
    """Whether ``anchor`` heads what ``verb`` reports (its object or complement, through
    coordination), not a relative or adverbial clause inside it."""
    token = anchor
    for _ in range(6):
        if token.i == verb.i:
            return True
        if token.dep_ not in ("ccomp", "xcomp", "conj", "dobj", "parataxis") and token.head.i != token.i:
            return False
        if token.head.i == token.i:
            return True  # the root of a quotation told by its cue
        token = token.head
    return False


def _clause(token: Token) -> Token:
    """The verb heading the clause ``token`` is in (the sentence root when there is none)."""
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    return token


def _bare_participle(token: Token) -> bool:
    """A passive participle heading an adverbial clause of its own, with no subject or
    auxiliary ("Arrested in May, ...", "If convicted, ...")."""
    return (
        token.dep_ == "advcl"
        and token.tag_ == "VBN"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children)
    )


def _speaker(quote: Quote) -> str | None:
    return quote.speaker_entity_id


def _reciprocal(recipients: list[Token]) -> bool:
    """ "accuse each other": the recipients are the actors themselves."""
    return any(r.lower_ in ("other", "another") for r in recipients)


_REQUEST_ENTRY = Entry("REQUEST", ("say",), "verb")
_ACCUSE_ENTRY = Entry("ACCUSE", ("say",), "verb", "allege")
