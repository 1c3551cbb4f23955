"""Reading ECB+ (``../shared/data/ecbplus-dev``): documents, gold event mentions and their chains.

A corpus folder holds one folder per topic of CAT XML files (``<topic>_<n>ecb.xml`` and
``<topic>_<n>ecbplus.xml``: the topic's two sub-topics, i.e. two real events of the same kind).
The standard setting (Cybulska & Vossen 2014; Barhom et al. 2019) scores only mentions in the
sentences listed in ``ECBplus_coreference_sentences.csv``, so :func:`read_corpus` keeps those.

An event mention is a markable whose tag starts ``ACTION_`` or ``NEG_ACTION_`` with token
anchors. Its gold chain: the ``note`` (real-world instance id) of the ``CROSS_DOC_COREF`` that
links it; else the document and target of the ``INTRA_DOC_COREF`` that links it; else it is a
singleton. A mention is named ``<doc>_<sentence>_<first token>_<last token>`` (tokens numbered
within their sentence), the key-line format of ``--write-predictions``.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from newsgraph.linking.event_coref import MentionFeatures

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "DEV_TOPICS",
    "EcbDocument",
    "EventMention",
    "mention_features",
    "participants",
    "read_corpus",
    "read_document",
    "subtopic",
]

#: The standard dev split (train = the other topics below 36; test = 36-45, not shipped here).
DEV_TOPICS: frozenset[int] = frozenset({2, 5, 12, 18, 21, 23, 34, 35})

SENTENCES_FILE = "ECBplus_coreference_sentences.csv"
_TIMES = frozenset({"DATE", "TIME"})
# Figures say little about *which* event: "three" people die in many fires.
_NOT_ARGUMENTS = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})


@dataclass(frozen=True, slots=True, kw_only=True)
class EventMention:
    """One gold event mention: where it is, its words, its tag and its gold chain."""

    id: str
    document: str
    sentence: int
    first: int
    last: int
    text: str
    tag: str
    chain: str


@dataclass(frozen=True, slots=True, kw_only=True)
class EcbDocument:
    """One ECB+ document: its name (``2_1ecb``), topic, sentences as token lists, gold mentions."""

    name: str
    topic: int
    sentences: tuple[tuple[str, ...], ...]
    annotated: frozenset[int]
    mentions: tuple[EventMention, ...]

    @property
    def subtopic(self) -> str:
        return subtopic(self.name)

    @property
    def text(self) -> str:
        """The document as plain text: tokens joined by spaces, one sentence per line."""
        return "\n".join(" ".join(tokens) for tokens in self.sentences)


def subtopic(name: str) -> str:
    """The gold sub-topic of a document name: ``2_1ecb`` -> ``2ecb``, ``2_1ecbplus`` -> ``2ecbplus``."""
    topic, rest = name.split("_", 1)
    return topic + ("ecbplus" if rest.endswith("ecbplus") else "ecb")


def _is_event(tag: str) -> bool:
    return tag.startswith(("ACTION_", "NEG_ACTION_"))


def read_document(path: Path, annotated: frozenset[int] | None = None) -> EcbDocument:
    """One CAT XML file; ``annotated`` limits mentions to those sentences (None: all)."""
    root = ET.parse(path).getroot()
    name = path.name.removesuffix(".xml")
    tokens: dict[str, tuple[int, int, str]] = {}
    sentences: dict[int, list[str]] = {}
    for token in root.iter("token"):
        sentence, number = int(token.get("sentence", "0")), int(token.get("number", "0"))
        tokens[token.get("t_id", "")] = (sentence, number, token.text or "")
        sentences.setdefault(sentence, []).append(token.text or "")
    chain_of: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else []:
        target = relation.find("target")
        if target is None:
            continue
        if relation.tag == "CROSS_DOC_COREF":
            chain = relation.get("note", "")
        elif relation.tag == "INTRA_DOC_COREF":
            chain = f"{name}/{target.get('m_id')}"
        else:
            continue
        for source in relation.findall("source"):
            chain_of.setdefault(source.get("m_id", ""), chain)
    mentions = []
    markables = root.find("Markables")
    for markable in markables if markables is not None else []:
        anchors = [tokens[a.get("t_id", "")] for a in markable.findall("token_anchor")]
        if not _is_event(markable.tag) or not anchors:
            continue
        anchors.sort()
        sentence = anchors[0][0]
        if annotated is not None and sentence not in annotated:
            continue
        first, last = anchors[0][1], anchors[-1][1]
        m_id = markable.get("m_id", "")
        mention_id = f"{name}_{sentence}_{first}_{last}"
        mentions.append(
            EventMention(
                id=mention_id,
                document=name,
                sentence=sentence,
                first=first,
                last=last,
                text=" ".join(a[2] for a in anchors),
                tag=markable.tag,
                chain=chain_of.get(m_id, f"singleton/{mention_id}"),
            )
        )
    return EcbDocument(
        name=name,
        topic=int(name.split("_", 1)[0]),
        sentences=tuple(tuple(sentences[s]) for s in sorted(sentences)),
        annotated=annotated if annotated is not None else frozenset(sentences),
        mentions=tuple(sorted(mentions, key=lambda m: (m.sentence, m.first, m.last))),
    )


def _annotated_sentences(path: Path) -> dict[str, frozenset[int]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found: dict[str, set[int]] = {}
    for row in rows:
        found.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    return {name: frozenset(numbers) for name, numbers in found.items()}


def read_corpus(folder: str | Path, *, topics: frozenset[int] | None = None) -> list[EcbDocument]:
    """Every document of an ECB+ folder (the ``ECB+`` folder, or the folder holding it), by name.

    Only documents with annotated sentences are kept, and only those sentences' mentions (the
    standard setting). Raises ``FileNotFoundError`` naming the sentence list when it is missing."""
    folder = Path(folder)
    if (folder / "ECB+").is_dir():
        folder = folder / "ECB+"
    listing = folder.parent / SENTENCES_FILE
    if not listing.exists():
        listing = folder / SENTENCES_FILE
    if not listing.exists():
        raise FileNotFoundError(f"{SENTENCES_FILE} is neither beside nor inside {folder}")
    annotated = _annotated_sentences(listing)
    documents = []
    for path in sorted(folder.glob("*/*.xml")):
        name = path.name.removesuffix(".xml")
        if name not in annotated:
            continue
        if topics is not None and int(name.split("_", 1)[0]) not in topics:
            continue
        documents.append(read_document(path, annotated[name]))
    return sorted(documents, key=lambda d: (d.topic, d.name))


def _name(token: Token) -> frozenset[str]:
    """The words of the name a token belongs to: its entity (not a time or figure), else a
    proper noun with its proper-noun compounds; empty for anything else ("she", "the actress")."""
    if token.ent_type_:
        if token.ent_type_ in _TIMES or token.ent_type_ in _NOT_ARGUMENTS:
            return frozenset()
        entity = next(e for e in token.doc.ents if e.start <= token.i < e.end)
        return frozenset(entity.text.lower().replace("'s", "").split())
    if token.pos_ == "PROPN":
        words = [token] + [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        return frozenset(w.text.lower() for w in words)
    return frozenset()


def participants(head: Token) -> frozenset[tuple[str, str]]:
    """(role, word) pairs of a trigger's named participants and figures, from its dependents:
    ``subj`` (nsubj, nsubjpass, the agent's object, a possessor), ``obj`` (dobj), ``pobj`` (the
    object of any other preposition) and ``num`` (a figure: "a 6.1 earthquake")."""
    found: set[tuple[str, str]] = set()

    def add(role: str, words: Iterable[str]) -> None:
        found.update((role, w) for w in words)

    for child in head.children:
        dep = child.dep_
        if dep in ("nsubj", "nsubjpass"):
            add("subj", _name(child))
        elif dep == "dobj":
            add("obj", _name(child))
        elif dep in ("agent", "prep"):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    add("subj" if dep == "agent" else "pobj", _name(grandchild))
        elif dep == "nummod" or (dep in ("compound", "amod") and child.like_num):
            add("num", [child.text.lower()])
        elif dep in ("compound", "amod", "poss"):
            for token in [*child.children, child]:
                if token.like_num or token.dep_ == "nummod":
                    add("num", [token.text.lower()])
                elif dep == "poss":
                    add("subj", _name(token))
    return frozenset(found)


def mention_features(
    documents: Sequence[EcbDocument], nlp: Language, block_of: Mapping[str, str]
) -> list[MentionFeatures]:
    """Event coreference features of every gold mention, from a spaCy parse of its sentence.

    The sentence is parsed from ECB+'s own tokens (so token numbers line up); the trigger's head
    is the root of the mention's tokens; arguments are the sentence's named entities other than
    times and figures, times its DATE and TIME entities (lower-cased), participants those of
    :func:`participants`."""
    wanted = sorted({(d.name, m.sentence) for d in documents for m in d.mentions})
    by_name = {d.name: d for d in documents}
    words = [list(by_name[name].sentences[sentence]) for name, sentence in wanted]
    parsed = dict(zip(wanted, nlp.pipe(Doc(nlp.vocab, words=w) for w in words), strict=True))
    features = []
    for document in documents:
        for m in document.mentions:
            doc = parsed[(document.name, m.sentence)]
            span = doc[m.first : m.last + 1]
            head = span.root
            entities = [e for e in doc.ents if e.label_ not in _NOT_ARGUMENTS]
            features.append(
                MentionFeatures(
                    id=m.id,
                    block=block_of[document.name],
                    lemma=head.lemma_.lower(),
                    vector=tuple(float(x) for x in head.vector),
                    context=tuple(float(x) for x in doc.vector),
                    arguments=frozenset(e.text.lower() for e in entities if e.label_ not in _TIMES),
                    times=frozenset(e.text.lower() for e in entities if e.label_ in _TIMES),
                    participants=participants(head),
                )
            )
    return features
