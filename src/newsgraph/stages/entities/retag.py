"""Better named mentions than the raw model: the same parse, read with document-level rules.

The model reads one sentence at a time and trusts capitalisation. News breaks both habits:
headlines are in title case or all caps, wire copy has result tables, and a name tagged right
once is often missed or mislabelled later. So, on the model's entity spans:

1. **Clean**: cut spans at line breaks, separating punctuation (" - ", ",", "(", ":") and, in
   people's and places' names or in tables, at numbers ("DUBLIN 1996-08-31", "Bournemouth 4");
   drop determiners, titles ("President"), possessives, trailing lower-case words ("Interfax
   news agency"), "and"; drop spans with no capital letter and stance prefixes ("Pro-Kremlin").
2. **All-caps lines** (headlines): the model's guesses there are kept only when they match a
   name from the document's normal text, a country or a nationality.
3. **Propagate**: every name found in normal text, and the parts of people's names ("Xi" of
   "Xi Jinping"), is tagged wherever else it occurs untagged (case-insensitively in all-caps
   lines); country names and nationalities too.
4. **Events**: a title-case run ending in an event noun ("Victory Day") is an EVENT.
5. **Sports**: in a document with scores or result tables, a place that is not a country but
   sits in a table row or a line with a score is a team: ORG.
6. **Instruments**: indexes and currencies of ``data/instruments.tsv`` the model rarely tags
   ("the Dow Jones Industrial Average", "the S&P 500", "the euro") are PRODUCT names, replacing
   the pieces the model found inside them ("FTSE" of "FTSE 100").
7. **Consistency**: one surface form, one label in a document (the majority).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.stages.entities.countries import country_code, demonym_code
from newsgraph.stages.entities.lexicon import lexicons

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["ENTITY_LABELS", "NamedSpan", "named_spans"]

#: OntoNotes labels that name things; values (DATE, CARDINAL, ...) are left to other stages.
ENTITY_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)

# Labels whose names never end in a number ("Bournemouth 4" is a team and its score).
_NUMBERLESS = frozenset({"PERSON", "GPE", "LOC", "NORP"})
_SPLITTERS = frozenset({",", "(", ")", ":", ";", "/", '"', "“", "”", "[", "]", "|", "--", "—", "–"})
_DETERMINERS = frozenset({"the", "a", "an"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
_TRAILING = frozenset({"and", "or", "&", "of", "for", "in", "at", "to"})
_STANCE = frozenset({"pro", "anti", "non", "ex"})
_SCORE = re.compile(r"^\d+[-–:/]\d+$")
_DATE_LIKE = re.compile(r"^\d+[-/.:]\d+([-/.:]\d+)?$")
# A line is a table row when this share of its tokens are numbers or scores.
_TABLE_SHARE = 0.3
# A document is a sports report when it has this many scores or table rows.
_SPORTS_MIN = 3
_MAX_NAME_TOKENS = 8


@dataclass(slots=True)
class NamedSpan:
    """A name: tokens ``[start, end)`` of the spaCy doc and its OntoNotes label."""

    start: int
    end: int
    label: str


@dataclass(slots=True)
class _Lines:
    """Per token: its line number; per line: is it all caps, is it a table row."""

    of_token: list[int]
    all_caps: list[bool]
    table: list[bool]
    scores: list[bool]


def _is_number(token: Token) -> bool:
    return bool(token.like_num or _DATE_LIKE.match(token.text) or _SCORE.match(token.text))


def _split_score(doc: Doc, i: int) -> bool:
    """ "2-1" tokenised as "2", "-", "1"."""
    return (
        i + 2 < len(doc)
        and doc[i].is_digit
        and doc[i + 1].text in ("-", "–")
        and doc[i + 2].is_digit
        and not doc[i].whitespace_
        and not doc[i + 1].whitespace_
    )


def _lines(doc: Doc) -> _Lines:
    of_token: list[int] = []
    line = 0
    stats: list[list[int]] = [[0, 0, 0, 0, 0]]  # alpha, upper alpha, tokens, numbers, scores
    for token in doc:
        of_token.append(line)
        row = stats[line]
        if not token.is_space:
            row[2] += 1
        if token.is_alpha and len(token.text) > 1:
            row[0] += 1
            row[1] += token.is_upper
        row[3] += _is_number(token)
        row[4] += bool(_SCORE.match(token.text)) or _split_score(doc, token.i)
        if "\n" in token.text or "\n" in token.whitespace_:
            line += 1
            stats.append([0, 0, 0, 0, 0])
    return _Lines(
        of_token=of_token,
        all_caps=[alpha >= 2 and upper / alpha >= 0.6 for alpha, upper, *_ in stats],
        table=[tokens >= 3 and numbers / tokens >= _TABLE_SHARE for _, _, tokens, numbers, _ in stats],
        scores=[scores > 0 for *_, scores in stats],
    )


def named_spans(doc: Doc) -> list[NamedSpan]:
    """The document's names, improved on the model's entities (see the module docstring)."""
    lines = _lines(doc)
    spans: list[NamedSpan] = []
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS:
            spans.extend(_clean(doc, ent.start, ent.end, ent.label_, lines))
    spans = _merge_fragments([s for s in spans if s.label == "PERSON" or not _inside_title(doc, s)])
    spans = _check_all_caps(doc, spans, lines)
    spans = _datelines(doc, spans, lines)
    _countries_are_places(doc, spans)
    spans = _propagate(doc, spans, lines)
    spans.extend(_events(doc, spans, lines))
    spans = _instruments(doc, spans)
    _sports_teams(doc, spans, lines)
    _consistent_labels(doc, spans)
    _person_parts(doc, spans)
    return sorted(spans, key=lambda s: (s.start, s.end))


def _clean(doc: Doc, start: int, end: int, label: str, lines: _Lines) -> list[NamedSpan]:
    """Cut a span into name pieces and trim each (step 1)."""
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for i in range(start, end):
        token = doc[i]
        cut = (
            token.text in _SPLITTERS
            or token.is_space
            or (token.text == "-" and bool(token.whitespace_))
            or (_is_number(token) and (label in _NUMBERLESS or lines.table[lines.of_token[i]] or "-" in token.text))
        )
        if cut:
            pieces.append((piece_start, i))
            piece_start = i + 1
        elif i > start and lines.of_token[i] != lines.of_token[i - 1]:
            pieces.append((piece_start, i))
            piece_start = i
    pieces.append((piece_start, end))
    cleaned = []
    for a, b in pieces:
        trimmed = _trim(doc, a, b, label)
        if trimmed is not None:
            cleaned.append(NamedSpan(trimmed[0], trimmed[1], label))
    return cleaned


def _title_length(doc: Doc, start: int, end: int) -> int:
    """How many tokens at ``start`` form a title or honorific ("Prime Minister", "Mr.")."""
    lex = lexicons()
    for size in range(min(lex.title_words, end - start - 1), 0, -1):
        words = " ".join(t.lower_ for t in doc[start : start + size])
        if (words in lex.titles or words in lex.honorifics) and doc[start].text[:1].isupper():
            return size
    return 0


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int] | None:
    while start < end and (doc[start].lower_ in _DETERMINERS or doc[start].is_punct or doc[start].is_space):
        start += 1
    if end - start >= 2 and doc[start].lower_ in _STANCE and doc[start + 1].text == "-":
        return None  # "Pro-Kremlin": a stance, not a name (titles.py keeps it as a description)
    if label == "PERSON":
        start += _title_length(doc, start, end)
    while end > start:
        last = doc[end - 1]
        if (
            last.text in _POSSESSIVES
            or last.is_punct
            or last.is_space
            or last.lower_ in _TRAILING
            or (last.is_lower and last.is_alpha and end - start > 1 and not _hyphenated(doc, end - 1))
        ):
            end -= 1
        else:
            break
    if start >= end:
        return None
    if not any(t.text[:1].isupper() for t in doc[start:end]):
        return None
    return start, end


def _merge_fragments(spans: list[NamedSpan]) -> list[NamedSpan]:
    """Adjacent pieces of one person's name ("Yoon Suk" + "Yeol") become one name."""
    merged: list[NamedSpan] = []
    for span in sorted(spans, key=lambda s: s.start):
        last = merged[-1] if merged else None
        if last is not None and last.end == span.start and last.label == span.label == "PERSON":
            last.end = span.end
        else:
            merged.append(span)
    return merged


def _hyphenated(doc: Doc, i: int) -> bool:
    """Token ``i`` ends a hyphenated word ("Suk-yeol"): part of the name."""
    return i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_


def _inside_title(doc: Doc, span: NamedSpan) -> bool:
    """The span is a word of a title ("Defence" of "Defence Minister", "State" of "Secretary of
    State"): a role, not an organisation."""
    lex = lexicons()
    for size in range(span.end - span.start + 1, lex.title_words + 1):
        for start in range(max(0, span.end - size), span.start + 1):
            words = " ".join(t.lower_ for t in doc[start : start + size])
            if start + size <= len(doc) and words in lex.titles:
                return True
    return False


def _covered(spans: Sequence[NamedSpan], size: int) -> list[bool]:
    taken = [False] * size
    for span in spans:
        for i in range(span.start, span.end):
            taken[i] = True
    return taken


def _key(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    return tuple(t.lower_ for t in doc[start:end])


def _check_all_caps(doc: Doc, spans: list[NamedSpan], lines: _Lines) -> list[NamedSpan]:
    """Step 2: in all-caps lines keep what normal text, countries or nationalities confirm."""
    known: dict[tuple[str, ...], Counter[str]] = {}
    for span in spans:
        if not lines.all_caps[lines.of_token[span.start]]:
            known.setdefault(_key(doc, span.start, span.end), Counter())[span.label] += 1
    kept = []
    for span in spans:
        if not lines.all_caps[lines.of_token[span.start]]:
            kept.append(span)
            continue
        text = doc[span.start : span.end].text
        labels = known.get(_key(doc, span.start, span.end))
        if labels:
            span.label = labels.most_common(1)[0][0]  # normal text is the better witness
            kept.append(span)
        elif country_code(text) or demonym_code(text):
            kept.append(span)
    return kept


def _datelines(doc: Doc, spans: list[NamedSpan], lines: _Lines) -> list[NamedSpan]:
    """Wire datelines: a line that starts with capitalised words then a date ("LONDON
    1996-08-30") names the place the story was filed from."""
    found = []
    taken = _covered(spans, len(doc))
    i = 0
    while i < len(doc):
        if i and lines.of_token[i - 1] == lines.of_token[i]:
            i += 1
            continue
        end = i
        while end < len(doc) and doc[end].is_alpha and doc[end].text[:1].isupper() and end - i < 4:
            end += 1
        if i < end < len(doc) and _DATE_LIKE.match(doc[end].text) and "-" in doc[end].text:
            for span in spans:
                if span.start == i and span.end == end:
                    span.label = "GPE"
            if not any(taken[i:end]):
                found.append(NamedSpan(i, end, "GPE"))
        i = max(end, i + 1)
    return spans + found


def _countries_are_places(doc: Doc, spans: list[NamedSpan]) -> None:
    """A country's name is a country (GPE) whatever the model said: national teams too."""
    for span in spans:
        if span.label in ("ORG", "PERSON", "LOC") and country_code(doc[span.start : span.end].text):
            span.label = "GPE"


def _propagate(doc: Doc, spans: list[NamedSpan], lines: _Lines) -> list[NamedSpan]:
    """Step 3: tag untagged occurrences of the document's names, countries and nationalities."""
    labels: dict[tuple[str, ...], Counter[str]] = {}
    for span in spans:
        if lines.all_caps[lines.of_token[span.start]]:
            continue
        labels.setdefault(_key(doc, span.start, span.end), Counter())[span.label] += 1
    parts: dict[tuple[str, ...], Counter[str]] = {}
    for span in spans:
        if span.label == "PERSON" and span.end - span.start >= 2:
            for token in doc[span.start : span.end]:
                if token.is_alpha and len(token.text) > 1 and token.text[:1].isupper():
                    parts.setdefault((token.lower_,), Counter())["PERSON"] += 1
    for key, counts in parts.items():
        labels.setdefault(key, counts)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in labels:
        by_first.setdefault(key[0], []).append(key)
    for keys in by_first.values():
        keys.sort(key=len, reverse=True)
    taken = _covered(spans, len(doc))
    added: list[NamedSpan] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if taken[i] or not token.text[:1].isupper():
            i += 1
            continue
        caps = lines.all_caps[lines.of_token[i]]
        match = _match_name(doc, i, by_first.get(token.lower_, ()), taken, caps)
        if match is not None:
            end, key = match
            added.append(NamedSpan(i, end, labels[key].most_common(1)[0][0]))
            i = end
            continue
        found = _match_country(doc, i, taken)
        if found is not None:
            added.append(found)
            i = found.end
            continue
        i += 1
    return spans + added


def _match_name(
    doc: Doc, start: int, keys: Sequence[tuple[str, ...]], taken: list[bool], caps: bool
) -> tuple[int, tuple[str, ...]] | None:
    for key in keys:
        end = start + len(key)
        if end > len(doc) or any(taken[start:end]):
            continue
        window = doc[start:end]
        if tuple(t.lower_ for t in window) != key:
            continue
        # In normal text a name keeps its capitals ("Brown" the person, not "brown").
        if not caps and not all(t.text[:1].isupper() or not t.is_alpha or t.is_lower for t in window):
            continue
        if not caps and not window[-1].text[:1].isupper():
            continue
        if not caps and _capitalised_word(doc, end) and end < len(doc):
            continue  # part of a longer name we do not know ("Xi" in "Xi Road")
        if start > 0 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_:
            continue  # "pro-Kremlin": a stance word, not a mention
        after_name = not caps and start > 0 and _capitalised_word(doc, start - 1) and not doc[start].is_sent_start
        if after_name and not _title_length(doc, start - 1, start + 1):
            continue  # "Ricky Ponting" when only "Ponting" is known
        return end, key
    return None


def _capitalised_word(doc: Doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].is_alpha and doc[i].text[:1].isupper()


def _match_country(doc: Doc, start: int, taken: list[bool]) -> NamedSpan | None:
    for size in (3, 2, 1):
        end = start + size
        if end > len(doc) or any(taken[start:end]):
            continue
        window = doc[start:end]
        if not all(t.text[:1].isupper() or t.is_punct for t in window) or window[-1].is_punct:
            continue
        text = window.text
        if len(text) < 2:
            continue
        if country_code(text):
            return NamedSpan(start, end, "GPE")
        if size == 1 and demonym_code(text):
            return NamedSpan(start, end, "NORP")
    return None


def _events(doc: Doc, spans: list[NamedSpan], lines: _Lines) -> list[NamedSpan]:
    """Step 4: "Victory Day", "Summit of the Americas"-like runs ending in an event noun."""
    heads = lexicons().heads
    taken = _covered(spans, len(doc))
    found = []
    for i, token in enumerate(doc):
        if taken[i] or heads.get(token.lower_) != "event" or not token.is_title:
            continue
        if lines.all_caps[lines.of_token[i]]:
            continue
        start = i
        while start > 0 and not taken[start - 1] and not doc[start - 1].is_sent_start:
            before = doc[start - 1]
            attached = not before.whitespace_ and (before.text == "-" or before.like_num)
            if not (before.is_title or attached):
                break
            start -= 1
        if start == i and start > 0 and doc[start - 1].is_sent_start and doc[start - 1].is_title:
            continue
        if start < i:
            found.append(NamedSpan(start, i + 1, "EVENT"))
    return found


# The longest instrument name, in tokens ("Dow Jones Industrial Average" and its "the").
_INSTRUMENT_TOKENS = 6


@functools.cache
def _instrument_prefixes() -> frozenset[str]:
    """Every leading part of every instrument name: a window can only match where its first
    token's text is one. Built once, as the lexicons are."""
    return frozenset(name[:end] for name in lexicons().instruments for end in range(1, len(name) + 1))


def _instruments(doc: Doc, spans: list[NamedSpan]) -> list[NamedSpan]:
    """Step 6: indexes and currencies (see the module docstring)."""
    names = lexicons().instruments
    starts = _instrument_prefixes()
    found: list[NamedSpan] = []
    i = 0
    while i < len(doc):
        match = None
        # A name's text begins with its first token's: most tokens start none (cheap to rule out).
        sizes = range(min(_INSTRUMENT_TOKENS, len(doc) - i), 0, -1) if doc[i].lower_ in starts else ()
        for size in sizes:
            window = doc[i : i + size]
            if window.text.lower() not in names or window[-1].is_punct:
                continue
            if window.text[:1].isupper() or (i > 0 and doc[i - 1].lower_ == "the"):
                # A lower-case form ("euro", "yen") only as "the euro": else it may be an amount.
                match = NamedSpan(i, i + size, "PRODUCT")
                break
        if match is None:
            i += 1
            continue
        found.append(match)
        i = match.end
    if not found:
        return spans
    kept = [s for s in spans if not any(s.start < f.end and f.start < s.end for f in found)]
    return kept + found


def _sports_teams(doc: Doc, spans: list[NamedSpan], lines: _Lines) -> None:
    """Step 5: places that are teams in a sports report become organisations."""
    evidence = sum(lines.table) + sum(lines.scores)
    if evidence < _SPORTS_MIN:
        return
    for span in spans:
        if span.label not in ("GPE", "LOC", "FAC", "NORP"):
            continue
        line = lines.of_token[span.start]
        if not (lines.table[line] or lines.scores[line]):
            continue
        text = doc[span.start : span.end].text
        if country_code(text) or demonym_code(text):
            continue
        first_of_line = span.start == 0 or lines.of_token[span.start - 1] != line
        if first_of_line and span.end < len(doc) and _DATE_LIKE.match(doc[span.end].text):
            continue  # a dateline: "LONDON 1996-08-30"
        if span.start > 0 and doc[span.start - 1].lower_ in ("in", "at", "from"):
            continue  # a venue
        span.label = "ORG"
    spans.extend(_table_teams(doc, spans, lines))


def _table_teams(doc: Doc, spans: list[NamedSpan], lines: _Lines) -> list[NamedSpan]:
    """In a sports report's table rows, an untagged capitalised run followed by a number is a
    team ("Vale 2 Oxford 0 Reading 1")."""
    taken = _covered(spans, len(doc))
    found = []
    i = 0
    while i < len(doc):
        if taken[i] or not lines.table[lines.of_token[i]] or not _capitalised_word(doc, i):
            i += 1
            continue
        end = i
        while end < len(doc) and end - i < 3 and not taken[end] and _capitalised_word(doc, end):
            end += 1
        text = doc[i:end].text
        if end < len(doc) and _is_number(doc[end]) and len(text) >= 4 and not country_code(text):
            found.append(NamedSpan(i, end, "ORG"))
        i = end
    return found


def _consistent_labels(doc: Doc, spans: list[NamedSpan]) -> None:
    """Step 6: the majority label of each surface form, for all its occurrences."""
    votes: dict[tuple[str, ...], Counter[str]] = {}
    for span in spans:
        votes.setdefault(_key(doc, span.start, span.end), Counter())[span.label] += 1
    for span in spans:
        counts = votes[_key(doc, span.start, span.end)]
        if len(counts) > 1:
            (best, top), *rest = counts.most_common()
            if rest[0][1] < top:
                span.label = best


def _person_parts(doc: Doc, spans: list[NamedSpan]) -> None:
    """A name made of words of a person's full name in the document ("Trump" after "Donald
    Trump") is that person, whatever the model labelled it; countries excepted ("Israel Katz")."""
    parts: set[str] = set()
    for span in spans:
        if span.label == "PERSON" and span.end - span.start >= 2:
            parts.update(t.lower_ for t in doc[span.start : span.end] if t.is_alpha)
    for span in spans:
        if span.label in ("PERSON", "NORP") or not parts:
            continue
        words = [t.lower_ for t in doc[span.start : span.end] if t.is_alpha]
        text = doc[span.start : span.end].text
        known_elsewhere = country_code(text) or text.lower() in lexicons().metonyms
        if words and all(w in parts for w in words) and not known_elsewhere:
            span.label = "PERSON"
