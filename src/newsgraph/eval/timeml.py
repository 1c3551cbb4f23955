"""TimeML files (``.tml``): read the text, its creation time and gold TIMEX3 tags with character
offsets into the plain text; write the same text back with our TIMEX3 tags.

The plain text is the content of ``<TEXT>`` with every tag removed and XML entities decoded; the
document creation time is the value of the TIMEX3 inside ``<DCT>``
(``functionInDocument="CREATION_TIME"``), which is never scored.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')
_DCT = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>", re.S)


@dataclass(frozen=True, slots=True)
class Tag:
    """A TIMEX3 over ``[start, end)`` of the plain text: type, value and mod."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """One ``.tml`` file: its name, corpus (the folder it is in), plain text, DCT and gold tags."""

    name: str
    corpus: str
    text: str
    dct: str
    gold: tuple[Tag, ...]
    doc_id: str = ""


def read_timeml(path: Path) -> TimeMLDocument:
    """Parse one TimeML file; raises ValueError naming the file when it has no DCT or TEXT."""
    raw = path.read_text(encoding="utf-8")
    dct_match = _DCT.search(raw)
    if dct_match is None:
        raise ValueError(f"{path}: no <DCT><TIMEX3 ...> creation time")
    dct = dict(_ATTR.findall(dct_match.group(1))).get("value", "")
    begin, end = raw.find("<TEXT>"), raw.find("</TEXT>")
    if begin < 0 or end < 0:
        raise ValueError(f"{path}: no <TEXT> ... </TEXT> element")
    text, gold = _strip(raw[begin + len("<TEXT>") : end])
    doc_id = re.search(r"<DOCID>(.*?)</DOCID>", raw, re.S)
    return TimeMLDocument(
        name=path.name,
        corpus=path.parent.name,
        text=text,
        dct=dct,
        gold=tuple(gold),
        doc_id=doc_id.group(1).strip() if doc_id else path.stem,
    )


def _strip(body: str) -> tuple[str, list[Tag]]:
    """The plain text of a TimeML body and its TIMEX3 tags as offsets into it."""
    parts: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    tags: list[Tag] = []
    position = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[position : m.start()])
        parts.append(chunk)
        length += len(chunk)
        position = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(m.group(3)))))
        elif open_timex:
            start, attrs = open_timex.pop()
            if attrs.get("functionInDocument") != "CREATION_TIME":
                tags.append(Tag(start, length, attrs.get("type", ""), attrs.get("value", ""), attrs.get("mod")))
    parts.append(html.unescape(body[position:]))
    return "".join(parts), tags


def read_corpus(directory: Path) -> list[TimeMLDocument]:
    """Every ``.tml`` file under ``directory`` (recursively), in path order."""
    paths = sorted(directory.rglob("*.tml")) if directory.is_dir() else [directory]
    if not paths:
        raise ValueError(f"{directory}: no .tml files here; point at a folder of TimeML files")
    return [read_timeml(p) for p in paths]


def to_timeml(document: TimeMLDocument, tags: Sequence[Tag]) -> str:
    """The document as TimeML with ``tags`` (ours) as its TIMEX3 elements."""
    out = [
        '<?xml version="1.0" ?>\n<TimeML>\n',
        f"<DOCID>{escape(document.doc_id)}</DOCID>\n",
        f'<DCT><TIMEX3 tid="t0" type="DATE" value={quoteattr(document.dct)} temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{escape(document.dct)}</TIMEX3></DCT>\n<TEXT>',
    ]
    position = 0
    for number, tag in enumerate(_non_overlapping(tags), start=1):
        out.append(escape(document.text[position : tag.start]))
        mod = f" mod={quoteattr(tag.mod)}" if tag.mod else ""
        out.append(
            f'<TIMEX3 tid="t{number}" type={quoteattr(tag.type)} value={quoteattr(tag.value)}{mod}>'
            f"{escape(document.text[tag.start : tag.end])}</TIMEX3>"
        )
        position = tag.end
    out.append(escape(document.text[position:]))
    out.append("</TEXT>\n</TimeML>\n")
    return "".join(out)


def _non_overlapping(tags: Iterable[Tag]) -> list[Tag]:
    kept: list[Tag] = []
    for tag in sorted(tags, key=lambda t: (t.start, -t.end)):
        if not kept or tag.start >= kept[-1].end:
            kept.append(tag)
    return kept
