"""In-document coreference with rules on the spaCy parse: who every mention refers to.

In document order, each referring expression is resolved against what came before:

- **Names.** A full name starts a person; a shorter name whose words are all in a full name
  ("Xi", "Putin") joins the nearest earlier person with that name (the first later one if none
  came before), so two people sharing a surname stay apart. Countries join by ISO code, whatever
  the form ("Russia", "Russian Federation", "Russian"); other names by kind and normalised name;
  an all-caps acronym joins the organisation whose initials it spells.
- **Setting.** A story set in one country (most of its countries, places, organisations and
  leaders are of it) gives that country to office titles that name none ("Senator X" in a US
  story); a place no gazetteer knows takes it only from a firmly set story (its countries and
  places alone). A gazetteer-less "place" whose words are a person's name is that person.
- **Metonymy.** A capital that is the subject of a verb ("Moscow rejected") is its government:
  the country. Seats of power ("the Kremlin") are organisations of their country (``kinds``).
- **Pronouns.** "he"/"she" and their forms: in the same sentence, the nearest earlier person
  (preferring a subject, never a co-argument of the same verb); otherwise, going back at most
  three sentences, the subject of the latest sentence with a person, else its first person.
  "who"/"whose": the person the relative clause hangs on. "they"/"their": the latest group or
  "A and B" in this or the previous sentence.
- **Definite descriptions.** "the Chinese leader", "the Russian president", "the Kremlin
  leader": the latest person whose titles and country fit (a country word must match the
  person's country; a title head must match a title; "leader" matches any title). "the
  company", "the country", "the capital": the latest entity of that kind.
- **Groups.** "the two leaders", "both sides", "both nations": a coordination ("Xi and Putin",
  "Russia and China") in this or the previous sentence; for countries, the countries of the
  people just coordinated; else the two latest distinct entities of the kind.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsgraph.model import Title
from newsgraph.stages.entities.countries import canonical_country_name, capital_codes, country_code
from newsgraph.stages.entities.kinds import Identity, identify
from newsgraph.stages.entities.lexicon import lexicons
from newsgraph.stages.entities.places import candidates, place
from newsgraph.stages.entities.titles import affiliation_at, description_before, titles_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Cluster", "Reference", "resolve"]

_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
_RELATIVE = frozenset({"who", "whom", "whose"})
_NEUTER = frozenset({"it", "its", "itself"})
_NEUTER_KINDS = frozenset({"organisation", "country", "group"})
_HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "sir": "m", "dame": "f"}
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# How many sentences back a pronoun or description may look for its antecedent.
_PRONOUN_REACH = 3
_GROUP_REACH = 1
_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4}
_MODIFIERS_MAX = 2


@dataclass(slots=True)
class Cluster:
    """One real-world thing the document refers to."""

    identity: Identity
    names: list[str] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)
    gender: str | None = None

    @property
    def kind(self) -> str:
        return self.identity.kind

    @property
    def country(self) -> str | None:
        if self.identity.country:
            return self.identity.country
        codes = [t.affiliation for t in self.titles if t.affiliation]
        return codes[0] if codes else None


@dataclass(slots=True)
class Reference:
    """A mention (tokens ``[start, end)``) and what it refers to: one cluster, or ``members``
    for a group. ``named`` is the index of the name mention it came from, if any."""

    start: int
    end: int
    label: str
    cluster: int | None = None
    members: tuple[int, ...] = ()
    named: int | None = None
    evidence: tuple[tuple[int, int], ...] = ()


@dataclass(slots=True)
class _State:
    doc: Doc
    sentence: list[int]
    clusters: list[Cluster] = field(default_factory=list)
    by_key: dict[tuple[str, str], int] = field(default_factory=dict)
    history: list[Reference] = field(default_factory=list)
    covering: dict[int, Reference] = field(default_factory=dict)

    def cluster(self, identity: Identity) -> int:
        key = (identity.kind, identity.key)
        if key not in self.by_key:
            self.by_key[key] = len(self.clusters)
            self.clusters.append(Cluster(identity=identity))
        return self.by_key[key]


def resolve(
    doc: Doc, names: list[tuple[int, int, str]], as_of: str | None = None
) -> tuple[list[Cluster], list[Reference]]:
    """Clusters and the references to them: one per name in ``names`` (token start, end,
    label), in the same order, then the pronouns, descriptions and groups found."""
    sentence = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sentence[i] = number
    state = _State(doc=doc, sentence=sentence)
    references = _name_references(state, names, as_of)
    extra = _referring_expressions(state, names)
    queue = sorted([*references, *extra], key=lambda r: (r.start, -(r.end - r.start)))
    for reference in queue:
        if reference.named is None:
            _resolve_expression(state, reference)
        if reference.cluster is not None or reference.members:
            state.history.append(reference)
            for i in range(reference.start, reference.end):
                state.covering.setdefault(i, reference)
    resolved = [r for r in extra if r.cluster is not None or r.members]
    return state.clusters, [*references, *resolved]


# --- names ---------------------------------------------------------------------------------


def _name_references(state: _State, names: list[tuple[int, int, str]], as_of: str | None) -> list[Reference]:
    doc = state.doc
    names = _people_named_as_places(doc, names)
    countries, cities, main = _setting(doc, names)
    identities = [identify(doc, s, e, label, countries, cities, main) for s, e, label in names]
    _places_of_the_setting(identities, names)
    references = [Reference(start=s, end=e, label=label, named=i) for i, (s, e, label) in enumerate(names)]
    people = [
        (i, tuple(t.lower_.rstrip(".") for t in doc[s:e] if not t.is_punct and any(c.isalpha() for c in t.text)))
        for i, (s, e, _) in enumerate(names)
        if identities[i] is not None and identities[i].kind == "person"  # type: ignore[union-attr]
    ]
    full = _full_names(people)
    for i, identity in enumerate(identities):
        if identity is None:
            continue
        reference = references[i]
        if identity.kind == "person":
            continue
        before = references[i - 1] if i else None
        if (
            before is not None
            and before.cluster is not None
            and reference.start >= 2
            and doc[reference.start - 1].text == "("
            and before.end == reference.start - 1
            and state.clusters[before.cluster].kind in ("organisation", "group", "event", "project")
        ):
            reference.cluster = before.cluster  # "Hayat Tahrir al-Sham (HTS)": the acronym
            state.clusters[before.cluster].names.append(doc[reference.start : reference.end].text)
            continue
        if identity.kind == "place" and _is_government(doc, reference):
            code = capital_codes().get(identity.name.lower())
            if code is not None:
                identity = Identity(kind="country", key=code, name=canonical_country_name(code), country=code)
        reference.cluster = state.cluster(_known_acronym(state, doc, reference, identity) or identity)
        state.clusters[reference.cluster].names.append(doc[reference.start : reference.end].text)
    _cluster_people(state, names, identities, references, people, full)
    for reference in references:
        if reference.cluster is None:
            continue
        cluster = state.clusters[reference.cluster]
        if cluster.kind == "person":
            for role in titles_of(doc, reference.start, reference.end, as_of):
                if role.title not in cluster.titles:
                    cluster.titles.append(role.title)
                reference.evidence += ((role.start, role.end),)
            if reference.start > 0 and (gender := _HONORIFIC_GENDER.get(doc[reference.start - 1].lower_)):
                cluster.gender = gender
        elif cluster.kind == "organisation":
            described = description_before(doc, reference.start, as_of)
            if described is not None and described.title not in cluster.titles:
                cluster.titles.append(described.title)
                reference.evidence += ((described.start, described.end),)
    _offices_of_the_setting(state, references)
    return references


# The story is set in one country when at least this many of its mentions of countries, places,
# and organisations and leaders of a country, and this share of them, are of it.
_SETTING_MENTIONS = 2
_SETTING_SHARE = 0.6
# Offices held abroad: an ambassador in a story set in Japan is rarely Japan's.
_ABROAD = frozenset({"ambassador", "envoy"})


# For a place no gazetteer knows, the story must be set in the country more firmly, by its
# countries and places alone: a town or island is named more loosely than an office ("Andros
# Island" in a US story about a Bahamas hurricane).
_PLACE_SETTING_MENTIONS = 3
_PLACE_SETTING_SHARE = 0.75
_PLACE_KINDS = frozenset({"country", "place"})


def _setting_country(
    identities: Iterable[Identity | None],
    kinds: frozenset[str] | None = None,
    mentions: int = _SETTING_MENTIONS,
    share: float = _SETTING_SHARE,
) -> str | None:
    """The one country the story is set in: ``mentions`` of the country-bearing ``identities``
    (of ``kinds``; any kind when None), and ``share`` of them, are of it. Else None."""
    counts = Counter(
        i.country for i in identities if i is not None and i.country is not None and (kinds is None or i.kind in kinds)
    )
    if not counts:
        return None
    setting, top = counts.most_common(1)[0]
    if top < mentions or top < share * sum(counts.values()):
        return None
    return setting


def _offices_of_the_setting(state: _State, references: list[Reference]) -> None:
    """ "Senator X" in a story set in the United States: an office title with no country of its
    own is an office of the country the story is set in, if it is set in one."""
    setting = _setting_country(state.clusters[r.cluster].identity for r in references if r.cluster is not None)
    if setting is None:
        return
    offices = lexicons().offices
    for cluster in state.clusters:
        if cluster.kind != "person" or cluster.country is not None:
            continue
        for index, title in enumerate(cluster.titles):
            words = title.title.lower().split()
            if words and words[-1] not in _ABROAD and any(" ".join(words[i:]) in offices for i in range(len(words))):
                cluster.titles[index] = dataclasses.replace(title, affiliation=setting)


def _people_named_as_places(doc: Doc, names: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "Melania", "Savannah Guthrie" tagged as places: a name the gazetteer does not know whose
    words are all in a person's full name in the document is that person (one name, one thing)."""
    people = [{t.lower_ for t in doc[s:e] if t.is_alpha} for s, e, label in names if label == "PERSON" and e - s >= 2]
    if not people:
        return names
    relabelled = []
    for s, e, label in names:
        words = {t.lower_ for t in doc[s:e] if t.is_alpha}
        text = doc[s:e].text
        if (
            label in ("GPE", "LOC")
            and words
            and any(words <= person for person in people)
            and country_code(text) is None
            and not candidates(text)
        ):
            label = "PERSON"
        relabelled.append((s, e, label))
    return relabelled


def _places_of_the_setting(identities: list[Identity | None], names: list[tuple[int, int, str]]) -> None:
    """A place no gazetteer knows ("Noosa", "Mindanao"), in a story set firmly in one country, is
    in it. (Taking the country of the other places in its sentence instead was tried on Wikinews
    and was wrong as often as right: "Sangatte ... near Dover", "Easter Island" in a US study.)"""
    setting = _setting_country(identities, _PLACE_KINDS, _PLACE_SETTING_MENTIONS, _PLACE_SETTING_SHARE)
    if setting is None:
        return
    for index, identity in enumerate(identities):
        if identity is None or identity.kind != "place" or identity.country is not None:
            continue
        if names[index][2] not in ("GPE", "LOC") or candidates(identity.name):
            continue  # a name the gazetteer knows elsewhere ("Florida" in a Congo story) is not guessed
        identities[index] = dataclasses.replace(identity, key=f"{identity.key} {setting.lower()}", country=setting)


# A party word is read as the party of the country at least this share of the story's country
# and place mentions are of: "Conservative" in an Australian story is no British party.
_PARTY_SHARE = 0.5


def _setting(doc: Doc, names: list[tuple[int, int, str]]) -> tuple[frozenset[str], frozenset[str], str | None]:
    """The countries the document names, outright or through a place ("California"), the
    divisions of the cities it names (US states: "Atlanta" -> US-GA), and its main country
    (see ``_PARTY_SHARE``), if it has one."""
    counts: Counter[str] = Counter()
    for s, e, label in names:
        if label in ("GPE", "NORP") and (code := _country_of(doc, s, e, label)):
            counts[code] += 1
    cities: set[str] = set()
    for s, e, label in names:
        if label not in ("GPE", "LOC") or country_code(doc[s:e].text):
            continue
        found = place(doc[s:e].text, frozenset(counts))
        if found is not None and found.country:
            counts[found.country] += 1
            if found.division and not found.is_division:
                cities.add(found.division)
    ranked = counts.most_common(2)
    main = None
    if (
        ranked
        and ranked[0][1] >= _PARTY_SHARE * sum(counts.values())
        and (len(ranked) == 1 or ranked[1][1] < ranked[0][1])
    ):
        main = ranked[0][0]
    return frozenset(counts), frozenset(cities), main


def _country_of(doc: Doc, start: int, end: int, label: str) -> str | None:
    identity = identify(doc, start, end, label)
    return identity.key if identity is not None and identity.kind == "country" else None


def _full_names(people: list[tuple[int, tuple[str, ...]]]) -> list[tuple[str, ...]]:
    """The names not contained in a longer name of the document (in first-seen order)."""
    names: list[tuple[str, ...]] = []
    for _, words in people:
        if words and words not in names:
            names.append(words)
    return [n for n in names if not any(len(o) > len(n) and set(n) <= set(o) for o in names)]


def _cluster_people(
    state: _State,
    names: list[tuple[int, int, str]],
    identities: list[Identity | None],
    references: list[Reference],
    people: list[tuple[int, tuple[str, ...]]],
    full: list[tuple[str, ...]],
) -> None:
    doc = state.doc
    full_cluster: dict[tuple[str, ...], int] = {}
    for words in full:
        index = next(i for i, w in people if w == words)
        identity = identities[index]
        assert identity is not None
        full_cluster[words] = state.cluster(identity)
    last_seen: dict[int, int] = {}
    for i, words in people:
        reference = references[i]
        if words in full_cluster:
            cluster = full_cluster[words]
        else:
            matches = [full_cluster[f] for f in full if set(words) <= set(f)]
            if not matches:
                identity = identities[i]
                assert identity is not None
                cluster = state.cluster(identity)
            else:
                earlier = [c for c in matches if c in last_seen]
                cluster = max(earlier, key=lambda c: last_seen[c]) if earlier else matches[0]
        last_seen[cluster] = reference.start
        reference.cluster = cluster
        state.clusters[cluster].names.append(doc[names[i][0] : names[i][1]].text)


def _is_government(doc: Doc, reference: Reference) -> bool:
    """A capital acting: subject or object of a verb, or its agent ("sought by Kyiv")."""
    root = doc[reference.start : reference.end].root
    if root.dep_ in (*_SUBJECTS, "dobj") and root.head.pos_ in ("VERB", "AUX"):
        return True
    return root.dep_ == "pobj" and root.head.dep_ == "agent"


def _known_acronym(state: _State, doc: Doc, reference: Reference, identity: Identity) -> Identity | None:
    """The organisation an all-caps acronym spells, or that it was introduced for earlier."""
    text = doc[reference.start : reference.end].text
    if not text.isupper() or not 2 <= len(text) <= 6:
        return None
    for cluster in state.clusters:
        if cluster.kind not in ("organisation", "group"):
            continue
        if text in cluster.names and cluster.identity.name != text:
            return cluster.identity
        words = [w for w in cluster.identity.name.split() if w[:1].isupper()]
        if identity.kind == "organisation" and len(words) == len(text) and "".join(w[0] for w in words) == text:
            return cluster.identity
    return None


# --- pronouns, descriptions, groups ---------------------------------------------------------


def _referring_expressions(state: _State, names: list[tuple[int, int, str]]) -> list[Reference]:
    doc = state.doc
    in_name = [False] * len(doc)
    for s, e, _ in names:
        for i in range(s, e):
            in_name[i] = True
    lex = lexicons()
    found: list[Reference] = []
    for i, token in enumerate(doc):
        lower = token.lower_
        if token.pos_ == "PRON" or lower in _RELATIVE:
            if lower in _MALE or lower in _FEMALE or lower in _PLURAL or lower in _RELATIVE or lower in _NEUTER:
                found.append(Reference(start=i, end=i + 1, label="PRON"))
            continue
        if lower not in ("the", "both") or in_name[i]:
            continue
        j = i + 1
        number = _NUMBERS.get(lower) if lower == "both" else None
        if lower == "the" and j < len(doc) and doc[j].lower_ in _NUMBERS and doc[j].lower_ != "both":
            number = _NUMBERS[doc[j].lower_]
            j += 1
        modifiers = j
        while j < len(doc) and j - modifiers < _MODIFIERS_MAX and _is_modifier(doc, j):
            j += 1
        for size in (3, 2, 1):
            head = doc[j : j + size]
            if j + size > len(doc) or any(in_name[k] for k in range(j, j + size)):
                continue
            words = head.text.lower()
            after = doc[j + size] if j + size < len(doc) else None
            if after is not None and (after.pos_ in ("NOUN", "PROPN") or after.lower_ == "of"):
                continue
            if words in lex.groups and (number is not None or lower == "the"):
                found.append(Reference(start=i, end=j + size, label="GROUP"))
                break
            if words in lex.nominals and number is None and lower == "the" and head[-1].tag_ in ("NN", "NNP"):
                found.append(Reference(start=i, end=j + size, label="NOMINAL"))
                break
    return found


def _is_modifier(doc: Doc, i: int) -> bool:
    token = doc[i]
    return affiliation_at(doc, i + 1) is not None or token.lower_ in ("former", "new", "top", "outgoing")


def _resolve_expression(state: _State, reference: Reference) -> None:
    doc = state.doc
    if reference.label == "PRON":
        _resolve_pronoun(state, reference, doc[reference.start])
    elif reference.label == "GROUP":
        _resolve_group(state, reference)
    else:
        _resolve_nominal(state, reference)


def _person(state: _State, reference: Reference) -> bool:
    return reference.cluster is not None and state.clusters[reference.cluster].kind == "person"


def _subject_like(token: Token) -> bool:
    if token.dep_ in _SUBJECTS:
        return True
    return token.dep_ == "poss" and token.head.dep_ in _SUBJECTS


def _resolve_pronoun(state: _State, reference: Reference, token: Token) -> None:
    lower = token.lower_
    if lower in _RELATIVE:
        clause = token.head
        while clause.dep_ != "relcl" and clause.head is not clause and clause.pos_ != "NOUN":
            clause = clause.head
            if clause.dep_ == "ROOT":
                return
        noun = clause.head
        if noun.i not in state.covering and noun.dep_ == "appos":
            noun = noun.head  # "Pope Francis, the first Latin American pontiff, who died"
        anchor = state.covering.get(noun.i) if clause.dep_ == "relcl" else None
        if anchor is not None and _person(state, anchor):
            reference.cluster = anchor.cluster
        return
    if lower in _PLURAL:
        group = _latest_group(state, reference.start, kind=None)
        if group is not None:
            reference.members = group
        return
    if lower in _NEUTER and token.dep_ == "expl":
        return  # "it was the first such declaration"
    gender = "n" if lower in _NEUTER else "m" if lower in _MALE else "f"
    here = state.sentence[reference.start]
    reflexive_or_possessive = token.dep_ == "poss" or lower.endswith("self")
    reach = 1 if gender == "n" else _PRONOUN_REACH
    candidates = [
        r
        for r in state.history
        if r.cluster is not None
        and _fits(state.clusters[r.cluster], gender)
        and here - state.sentence[r.start] <= reach
    ]
    same = [r for r in candidates if state.sentence[r.start] == here]
    if not reflexive_or_possessive:
        same = [r for r in same if state.doc[r.start : r.end].root.head.i != token.head.i]
    chosen: Reference | None = None
    if same:
        subjects = [r for r in same if _subject_like(state.doc[r.start : r.end].root)]
        chosen = (subjects or same)[-1]
    else:
        earlier = [r for r in candidates if state.sentence[r.start] < here]
        if earlier:
            latest = max(state.sentence[r.start] for r in earlier)
            in_latest = [r for r in earlier if state.sentence[r.start] == latest]
            subjects = [r for r in in_latest if _subject_like(state.doc[r.start : r.end].root)]
            chosen = (subjects or in_latest)[0]
    if chosen is not None and chosen.cluster is not None:
        reference.cluster = chosen.cluster
        if gender != "n":
            state.clusters[chosen.cluster].gender = gender


def _fits(cluster: Cluster, gender: str) -> bool:
    """Can a pronoun of ``gender`` ("m", "f", or "n" for it/its) refer to the cluster?"""
    if gender == "n":
        return cluster.kind in _NEUTER_KINDS
    return cluster.kind == "person" and cluster.gender in (None, gender)


def _coordinations(state: _State, start: int, reach: int) -> list[tuple[int, tuple[int, ...]]]:
    """Groups and "A and B" coordinations in this or the ``reach`` previous sentences, before
    ``start``: (position, member clusters), latest last."""
    here = state.sentence[start]
    found: list[tuple[int, tuple[int, ...]]] = []
    for reference in state.history:
        if reference.start >= start or here - state.sentence[reference.start] > reach:
            continue
        if reference.members:
            found.append((reference.start, reference.members))
            continue
        root = state.doc[reference.start : reference.end].root
        for child in root.children:
            if child.dep_ != "conj":
                continue
            other = state.covering.get(child.i)
            if other is not None and other.cluster is not None and other.cluster != reference.cluster:
                assert reference.cluster is not None
                found.append((other.start, (reference.cluster, other.cluster)))
    return sorted(found)


def _latest_group(state: _State, start: int, kind: str | None) -> tuple[int, ...] | None:
    for _, members in reversed(_coordinations(state, start, _GROUP_REACH)):
        if kind is None or all(state.clusters[m].kind == kind for m in members):
            return members
    return None


def _resolve_group(state: _State, reference: Reference) -> None:
    doc = state.doc
    words = doc[reference.start : reference.end]
    head = next((t.lower_ for t in reversed(words) if t.lower_ in lexicons().groups), words[-1].lower_)
    kind = lexicons().groups.get(head, "any")
    kind = "country" if kind == "any" else kind
    size = next((_NUMBERS[t.lower_] for t in words if t.lower_ in _NUMBERS), 2)
    members = _latest_group(state, reference.start, kind)
    if members is None and kind == "country":
        people = _latest_group(state, reference.start, "person")
        if people is not None:
            codes = [state.clusters[m].country for m in people]
            if all(codes) and len(set(codes)) == len(codes):
                members = tuple(state.cluster(_country(code)) for code in codes if code)
    if members is None:
        recent: list[int] = []
        for earlier in reversed(state.history):
            cluster = earlier.cluster
            if cluster is not None and state.clusters[cluster].kind == kind and cluster not in recent:
                recent.append(cluster)
            if len(recent) == size:
                break
        if len(recent) == size:
            members = tuple(reversed(recent))
    if members is not None:
        reference.members = members


def _country(code: str) -> Identity:
    return Identity(kind="country", key=code, name=canonical_country_name(code), country=code)


def _resolve_nominal(state: _State, reference: Reference) -> None:
    doc = state.doc
    lex = lexicons()
    words = doc[reference.start : reference.end]
    head = ""
    code = None
    for size in (3, 2, 1):
        candidate = " ".join(t.lower_ for t in words[-size:])
        if candidate in lex.nominals and len(words) > size:
            head = candidate
            found = affiliation_at(doc, reference.end - size)
            code = found[1] if found else None
            break
    kind = lex.nominals.get(head)
    if kind is None:
        return
    here = state.sentence[reference.start]
    for earlier in reversed(state.history):
        if earlier.cluster is None or here - state.sentence[earlier.start] > _PRONOUN_REACH * 2:
            continue
        cluster = state.clusters[earlier.cluster]
        if cluster.kind != kind:
            continue
        if code is not None and cluster.country != code:
            continue
        if kind == "person" and head != "leader" and not any(t.title.lower().endswith(head) for t in cluster.titles):
            continue
        if kind == "person" and head == "leader" and not cluster.titles:
            continue
        reference.cluster = earlier.cluster
        return
