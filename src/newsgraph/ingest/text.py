"""Plain-text articles, with or without a header block above the body.

Text saved from news pages usually starts with a few lines of page furniture before the story:

    Today : May 09, 2025          <- page date: when the page was seen   -> retrieved
    World News                    <- section                             -> section
    08 May 2025                   <- dateline                            -> published

    A Headline In Title Case      <- first short title-like paragraph    -> title

    A standfirst without a final full stop   (optional)             -> standfirst
    By Jane Doe                              (optional)             -> byline

    The body ...                                                     -> Document.text

Below the header, the body's furniture (captions, credits, the wire dateline opening the lead,
timestamps, capitals headers, read-more lines, prompts) is taken out of the text into
``Document.furniture`` by :mod:`newsgraph.ingest.furniture`, with the line it stood on.

Every line is classified by general shape (a date, a short capitalised label, ``By ...``,
``Key: value``), never by a site's exact words, and the header is only what comes before the
first line that fits none of them. Email-like ``Title: ...`` / ``Date: ...`` headers work too.
When unsure, text stays in the body: losing a title is cheaper than losing a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

from newsgraph.errors import EmptyInputError, InputError
from newsgraph.ingest.dates import parse_date, search_date
from newsgraph.ingest.decode import decode
from newsgraph.ingest.furniture import strip_furniture
from newsgraph.ingest.source import RawInput
from newsgraph.model import Document, Rejection

__all__ = ["Header", "parse_header", "read_text"]

# "Key: value" header lines, by the field they fill.
_KEYS = {
    "title": ("title", "headline"),
    "standfirst": ("subtitle", "standfirst", "summary", "description", "dek", "subhead", "subheading"),
    "published": ("date", "published", "publication date", "pubdate", "posted", "dateline"),
    # "Updated" heads the page date on many sites: it is when the page was last touched,
    # which is as close to "retrieved" as a saved page tells.
    "retrieved": ("today", "updated", "last updated", "retrieved", "accessed", "fetched", "printed", "saved"),
    "byline": ("author", "authors", "by", "byline", "writer", "written by", "reporter"),
    "source": ("source", "publisher", "outlet", "publication", "site", "newspaper"),
    "url": ("url", "link", "permalink", "canonical", "address"),
    "section": ("section", "category", "desk", "topic", "rubric"),
    "language": ("language", "lang"),
}
_KEY_FIELD = {key: name for name, keys in _KEYS.items() for key in keys}
_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z ]{0,20}?)\s*[:|]\s*(?P<value>\S.*)$")
# "Updated 9 May 2025", "Published on May 8, 2025": a date label without a colon.
_LABELLED_DATE = re.compile(
    r"^(?P<key>today|updated|last updated|retrieved|accessed|printed|published|posted)"
    r"(?:\s+on)?\s*[-–—]?\s+(?P<value>.+)$",
    re.IGNORECASE,
)
# A clock time after a date ("08 May 2025 14:32 GMT", "May 8, 2025 at 3:05 p.m. EDT").
_TRAILING_TIME = re.compile(
    r"[\s,|]+(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?\s*$", re.I
)
# A wire dateline: "MOSCOW, May 8 (Reuters) -", "KYIV, Ukraine, 8 May 2025 —".
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][\w.'’ -]{1,30})?),\s+(?P<date>[^()\n]{3,40}?)"
    r"\s*(?:\((?P<agency>[^)\n]{1,40})\))?\s*[-–—]+(?:\s|$)"
)
# "By Jane Doe", "BY JANE DOE": the name must be capitalised, or "By the time talks..." is one.
_BYLINE = re.compile(r"^(?i:by|written by|words by|reporting by)\s+(?P<name>[A-Z][^\n]{1,100})$")
_SECTION_JOINERS = {"&", "|", ">", "/", "›", "»", "-", "–", "and", "of", "the"}
_SENTENCE_BREAK = re.compile(r"(?P<word>[\w)\]]+)[.!?][\"'’”]?\s+[A-Z\"“‘]")
# Full stops that end an abbreviation, not a sentence ("Kelly v. United States", "Dr. Ruiz").
_ABBREVIATIONS = frozenset(
    {"v", "vs", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "no", "gen", "col", "lt", "sgt", "rep", "sen",
     "gov", "prof", "inc", "ltd", "co", "corp", "dept", "est", "approx"}
)  # fmt: skip

# Headlines run 2-25 words; a section label is at most 3 ("World News", "Business | Markets").
_TITLE_WORDS = range(2, 26)
_SECTION_MAX_WORDS = 3
# A standfirst is a sentence or two at most; past ~40 words it is the lead paragraph.
_STANDFIRST_MAX_WORDS = 40
# Section labels stack two or three deep ("News" / "World" / "Europe"); more is a list.
_SECTION_MAX_LINES = 5
# The longest line that can be only a date, or a wire dateline (place, date and agency are each
# at most 40 characters in _DATELINE): anything longer is prose.
_DATE_LINE_MAX_CHARS = 200


@dataclass(frozen=True, slots=True, kw_only=True)
class Header:
    """What the header block said, and where the body starts in the text."""

    title: str | None = None
    standfirst: str | None = None
    section: str | None = None
    byline: str | None = None
    published: str | None = None
    published_source: str | None = None
    retrieved: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    body_start: int = 0


def read_text(raw: RawInput) -> Iterator[Document | Rejection]:
    """A plain-text article: one document, or a rejection naming the file."""
    try:
        text = decode(raw.data, origin=raw.origin, content_type=raw.content_type, limit=raw.max_document_bytes)
        header = parse_header(text)
        body = text[header.body_start :].strip()
        cleaned = strip_furniture(body, first_line=text.count("\n", 0, header.body_start) + 1)
        if not cleaned.text:
            what = "a header block (dates, section, title)" if not cleaned.furniture else "page furniture"
            raise EmptyInputError(raw.origin, f"only {what}, no article text")
    except InputError as error:
        yield Rejection(origin=error.origin, reason=error.reason, message=error.detail)
        return
    yield Document.create(
        text=cleaned.text,
        furniture=cleaned.furniture,
        dateline_place=cleaned.dateline_place,
        title=header.title,
        standfirst=header.standfirst,
        section=header.section,
        byline=header.byline,
        published=header.published,
        published_source=header.published_source,
        retrieved=header.retrieved or raw.retrieved,
        source=header.source or cleaned.dateline_agency,
        url=header.url or raw.url,
        language=header.language,
        origin=raw.origin,
    )


@dataclass(slots=True)
class _Line:
    start: int
    text: str  # stripped

    @property
    def blank(self) -> bool:
        return not self.text


def parse_header(text: str) -> Header:
    """The header block at the top of ``text`` (``\\n`` newlines), by the rules in the module doc."""
    lines = _lines(text)
    fields: dict[str, str] = {}
    bare_dates: list[str] = []
    pos = _skip_blank(lines, 0)

    # 1. Page furniture: dates, key-value lines, section labels, bylines.
    while pos < len(lines) and _take_metadata(lines, pos, fields, bare_dates):
        pos = _skip_blank(lines, pos + 1)
    # 2. The headline, unless a "Title:" line gave it.
    if "title" not in fields and pos < len(lines) and _is_title_at(lines, pos):
        fields["title"] = lines[pos].text
        pos = _skip_blank(lines, pos + 1)
        # 3. A standfirst right under the headline, then bylines and datelines in any order.
        if "standfirst" not in fields and pos < len(lines) and not _is_header_line(lines[pos].text):
            standfirst, after = _paragraph(lines, pos)
            if _is_standfirst(standfirst) and _skip_blank(lines, after) < len(lines):
                fields["standfirst"] = standfirst
                pos = _skip_blank(lines, after)
    while pos < len(lines) and _take_metadata(lines, pos, fields, bare_dates, sections=False):
        pos = _skip_blank(lines, pos + 1)

    published_source = _settle_dates(fields, bare_dates)
    body_start = lines[pos].start if pos < len(lines) else len(text)
    header = Header(body_start=body_start, published_source=published_source, **fields)
    if header.published is None:
        header = _with_body_dateline(header, text)
    return header


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    start = 0
    for raw in text.split("\n"):
        out.append(_Line(start=start, text=raw.strip()))
        start += len(raw) + 1
    return out


def _skip_blank(lines: list[_Line], pos: int) -> int:
    while pos < len(lines) and lines[pos].blank:
        pos += 1
    return pos


def _next_nonblank(lines: list[_Line], pos: int) -> _Line | None:
    pos = _skip_blank(lines, pos)
    return lines[pos] if pos < len(lines) else None


def _take_metadata(
    lines: list[_Line], pos: int, fields: dict[str, str], bare_dates: list[str], *, sections: bool = True
) -> bool:
    """Record the header line at ``pos`` in ``fields`` and say True, or say False if it is not one."""
    line = lines[pos].text
    keyed = _keyed(line)
    if keyed is not None:
        name, value = keyed
        fields.setdefault(name, value)
        return True
    day = _date_line(line)
    if day is not None:
        bare_dates.append(day)
        return True
    byline = _BYLINE.match(line)
    if byline is not None and len(line.split()) <= 12:
        fields.setdefault("byline", byline["name"].strip())
        return True
    if sections and _is_section(line) and _section_follows(lines, pos):
        fields["section"] = f"{fields['section']} | {line}" if "section" in fields else line
        return True
    return False


def _is_header_line(line: str) -> bool:
    """A key-value, date or byline line: header material wherever it stands."""
    return _keyed(line) is not None or _date_line(line) is not None or _BYLINE.match(line) is not None


def _keyed(line: str) -> tuple[str, str] | None:
    """A ``Key: value`` or ``Updated 9 May 2025`` line as (field, value), dates made ISO."""
    match = _KEY_LINE.match(line) or _LABELLED_DATE.match(line)
    if match is None:
        return None
    name = _KEY_FIELD.get(" ".join(match["key"].lower().split()))
    if name is None:
        return None
    value = match["value"].strip()
    if name in ("published", "retrieved"):
        day = _date_line(value)
        if day is None:
            return None  # "Updated: never" is not a header line we understand
        return name, day
    return name, value


def _date_line(line: str) -> str | None:
    """The ISO date of a line that is only a date (a time after it allowed), or a dateline."""
    if len(line) > _DATE_LINE_MAX_CHARS:
        return None  # and _TRAILING_TIME, tried at every position, would take quadratic time
    line = line.strip(" |·•")
    day = parse_date(line) or parse_date(_TRAILING_TIME.sub("", line))
    if day is not None:
        return day
    dateline = _DATELINE.match(line)
    if dateline is not None and not line[dateline.end() :].strip():
        return parse_date(dateline["date"])
    return None


def _words(line: str) -> list[str]:
    return [w for w in line.split() if any(c.isalnum() for c in w)]


def _is_section(line: str) -> bool:
    words = _words(line)
    if not words or len(line) > 40 or line[-1] in ".!?:;,":
        return False
    content = [w for w in words if w.lower() not in _SECTION_JOINERS]
    return 0 < len(content) <= _SECTION_MAX_WORDS and all(w[0].isupper() for w in content)


def _section_follows(lines: list[_Line], pos: int) -> bool:
    """A section label is only a label if more header follows: a date or other metadata line,
    or a longer headline with a body under it. Otherwise a short line is the headline itself,
    as it is when a byline follows (bylines sit under headlines, not under section labels).
    Labels stacked on consecutive lines ("World" / "Europe") are looked through, a few deep."""
    for _ in range(_SECTION_MAX_LINES):
        after = _skip_blank(lines, pos + 1)
        if after >= len(lines) or _BYLINE.match(lines[after].text):
            return False
        nxt = lines[after].text
        if _is_header_line(nxt):
            return True
        if not (_is_section(nxt) and after == pos + 1):
            return _is_title_at(lines, after) and _title_cased(nxt) and len(_words(nxt)) > len(_words(lines[pos].text))
        pos = after
    return False  # a column of short capitalised lines is a list, not page furniture


def _is_title_at(lines: list[_Line], pos: int) -> bool:
    """Whether the line at ``pos`` reads as a headline with more text after it."""
    line = lines[pos].text
    if not _title_shaped(line) or _next_nonblank(lines, pos + 1) is None:
        return False
    if pos + 1 < len(lines) and not lines[pos + 1].blank:
        # Glued to the next line: a wrapped paragraph's first line looks like a headline too,
        # so ask for title case or a header line (byline, date) right under it.
        nxt = lines[pos + 1].text
        return _title_cased(line) or _date_line(nxt) is not None or _BYLINE.match(nxt) is not None
    return True


def _title_shaped(line: str) -> bool:
    if len(_words(line)) not in _TITLE_WORDS or len(line) > 200:
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'"):
        return False
    if line[-1] in ".,;:" or _has_sentence_break(line):
        return False
    return _date_line(line) is None and not _BYLINE.match(line)


def _has_sentence_break(line: str) -> bool:
    for match in _SENTENCE_BREAK.finditer(line):
        word = match["word"]
        # Initials ("J. Smith", "U.S. Senate") and abbreviations do not end sentences.
        if len(word) > 1 and not word.isupper() and word.lower() not in _ABBREVIATIONS:
            return True
    return False


def _title_cased(line: str) -> bool:
    # Short function words stay lower case in title case ("Ties With Putin During a Visit").
    long_words = [w for w in _words(line) if len(w) > 3]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)


def _paragraph(lines: list[_Line], pos: int) -> tuple[str, int]:
    """The paragraph starting at ``pos``, joined into one line, and the index after it."""
    end = pos
    while end < len(lines) and not lines[end].blank:
        end += 1
    return " ".join(line.text for line in lines[pos:end]), end


def _is_standfirst(paragraph: str) -> bool:
    words = _words(paragraph)
    if not words or len(words) >= _STANDFIRST_MAX_WORDS:
        return False
    # A full stop at the end makes it the lead sentence of the story, not a standfirst.
    return paragraph.rstrip("\"'’”)")[-1:] not in (".", ":", ";", ",")


def _settle_dates(fields: dict[str, str], bare_dates: list[str]) -> str | None:
    """Fill the dates from bare date lines and say where ``published`` came from.

    The last bare date before the story is its dateline; an earlier one is the date printed at
    the top of the page, i.e. when the page was retrieved. A ``Date:`` line wins over both."""
    source = "header" if "published" in fields else None
    if bare_dates and source is None:
        fields["published"] = bare_dates.pop()
        source = "dateline"
    if bare_dates and "retrieved" not in fields:
        fields["retrieved"] = bare_dates[0]
    return source


def _with_body_dateline(header: Header, text: str) -> Header:
    """A wire dateline opening the body ("MOSCOW, May 8 (Reuters) - ...") dates the story. The
    furniture pass then takes it out of the text, keeping its place and agency."""
    match = _DATELINE.match(text[header.body_start :].lstrip())
    if match is None:
        return header
    reference = date.fromisoformat(header.retrieved[:10]) if header.retrieved else None
    found = search_date(match["date"], reference=reference)
    if found is None or match["date"][found.end :].strip(" ,"):
        return header
    return replace(header, published=found.iso, published_source="dateline")
