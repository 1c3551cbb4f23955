"""Page furniture in an article's body: recognised by the shape of a line, taken out of the text.

Scraped wire news carries lines that are not the story: photo captions and credits
("... in Washington, May 3. REUTERS/Jane Roe", "FILE PHOTO: ...", "Handout"), a wire dateline
opening the lead ("WASHINGTON (Reuters) -"), live-blog timestamps ("10:15 a.m."), section
headers in capitals, related-link and read-more lines, and subscription prompts. Read as text,
a caption becomes a quote with the cue "show" and a credit an entity.

Each line is judged on its own by its layout and shape (a credit of capitalised names around a
slash at its end, a label and a colon at its start, only capitals, only a clock time), never by
an outlet's exact words; the HTML reader adds the lines its markup marks (``<figcaption>``,
caption classes, a paragraph that is only a link). A line is furniture only when a rule is sure:
a caption kept in the text costs a false quote, a paragraph lost costs the facts in it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from newsgraph.model import Furniture

__all__ = ["Cleaned", "line_kind", "strip_furniture"]

# Captions run to a few sentences; a longer line ending in a credit-like tail is prose.
_CAPTION_MAX_WORDS = 90
# Credits, labels, prompts and headers are short: past these they are sentences of the story.
_CREDIT_MAX_WORDS = 8
_LABEL_MAX_WORDS = 30
_PROMPT_MAX_WORDS = 25
_HEADER_MAX_WORDS = 12
_LINK_TITLE_MAX_WORDS = 15
# Ninety words of caption are under 1,000 characters; a dateline's place, date and agency under 120.
_MAX_LINE_CHARS = 1200
_DATELINE_MAX_CHARS = 160

_NAME = r"[A-Z][\w.'’&-]*"
# "REUTERS/Jane Roe", "Jane Roe/Reuters", "REUTERS/Jane Roe/File Photo", "AP Photo/Jane Roe":
# capitalised words on both sides of a slash ("via", "de", "van" allowed inside a name).
_NAMES = rf"{_NAME}(?:\s+(?:{_NAME}|via|de|da|van|von|le|la)){{0,3}}"
_SLASH_CREDIT = rf"{_NAMES}(?:\s*/\s*{_NAMES})+"
# "(AP Photo/Jane Roe)", "(NASA via AP)", "(Photo by Jane Roe/Agency)": a parenthesis holding
# a slash credit or an "X via Y" handout credit.
_VIA_CREDIT = rf"{_NAME}(?:\s+{_NAME})*\s+via\s+{_NAME}(?:\s+{_NAME})*"
_PAREN_CREDIT = rf"\((?:Photo\s+by\s+|Image\s+by\s+)?(?:{_SLASH_CREDIT}|{_VIA_CREDIT})\)"
# "Photo: Jane Roe", "Credit: Agency", "Picture: ...": a credit label and a name.
_LABEL = r"(?i:photo(?:graph)?|picture|image|credit|photo credit|image credit)"
_LABEL_CREDIT = rf"{_LABEL}\s*:\s*{_NAME}(?:\s+(?:{_NAME}|via|for))*"
_CREDIT = re.compile(rf"(?:{_PAREN_CREDIT}|{_SLASH_CREDIT}|{_LABEL_CREDIT})")
# A short line of capitalised words naming a handout ("Handout", "Handout via Reuters",
# "Courtesy of the family"), or ending in the word for an agency's pictures ("AFP Photo",
# "Getty Images", "Pool Photo"): the words captions use to say where a photo came from.
_HANDOUT_WORDS = frozenset({"handout", "courtesy"})
_PICTURE_WORDS = frozenset({"photo", "photos", "photograph", "images", "pool"})
_PICTURE_CREDIT_MAX_WORDS = 4
_CREDIT_JOINERS = frozenset({"via", "by", "of", "for", "and", "the", "/", "-", "–", "—", "|"})
# Where a caption's sentence ends and its credit begins.
_SENTENCE_END = re.compile(r"[.!?][\"'’”)]?\s+|\s+[-–—|]\s+")
# "FILE PHOTO: ...", "FILE - In this May 3 photo ...", "File photo: ...".
_FILE_PHOTO = re.compile(r"^(?:FILE\s+PHOTO\b|File\s+photo\s*:|FILE\s*[-–—:]\s+\S)")
# "In this May 3, 2020, photo, ...", "In this image taken from video, ...": a caption's opening.
_IN_THIS_PHOTO = re.compile(
    r"^In\s+th(?:is|ese)\s+(?:[\w.,' -]{0,60}\s)?(?:photo|photograph|picture|image|video|frame|still|screenshot)s?\b"
    r"[\w ,-]{0,60},\s"
)
# "10:15 a.m.", "3 p.m. EDT", "14:05 GMT": a live blog's entry time, alone on its line.
_TIMESTAMP = re.compile(
    r"^(?:\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?\s?m\.?|\d{1,2}:\d{2})(?:\s*\(?[A-Z]{2,4}\)?)?\s*:?$", re.IGNORECASE
)
# "Related:", "READ MORE:", "See also -", "Read more" on its own: a pointer to other pages.
_RELATED_LABEL = (
    r"related(?:\s+(?:coverage|stories|story|articles|article|content|links|reading|topics))?|read\s+more|"
    r"read\s+also|also\s+read|see\s+also|more\s+on\s+this(?:\s+story)?|further\s+reading|recommended|"
    r"more\s+from\s+\w+|watch|listen|explainer"
)
_RELATED = re.compile(rf"^(?i:{_RELATED_LABEL})\s*(?:[:|»›>]|[-–—]\s)")
_RELATED_ALONE = re.compile(rf"^(?i:{_RELATED_LABEL})\s*[.:»›>]?$")
# "Follow our coverage at https://...": a line sending the reader to a web address.
_URL = re.compile(r"https?://\S+|\bwww\.\S+|\b\w+\.(?:com|org|net|co\.uk)/\S*")
# Subscription prompts speak to the reader: a reader action first, a reader service or
# "our/your" after it ("Sign up for our newsletter", "Get alerts on your phone").
_PROMPT_ACTION = re.compile(
    r"^(?:to\s+)?(?:sign\s+up|subscribe|follow|click|tap|download|get|join|log\s+in|sign\s+in|donate|"
    r"like\s+us|become\s+a\s+(?:member|subscriber)|want\s+more|don['’]t\s+miss)\b",
    re.IGNORECASE,
)
_PROMPT_SERVICE = re.compile(
    r"\b(?:newsletters?|briefing|subscription|subscribers?|inbox|e-?mails?|app|podcasts?|alerts|notifications|"
    r"twitter|facebook|instagram|telegram|whatsapp|youtube|tiktok|linkedin|journalism|our|your|here)\b",
    re.IGNORECASE,
)
# A wire story's sign-off: "Reporting by Jane Roe in Kyiv; Editing by John Doe". Each part is a
# role and "by" and names: "Reporting by the Gazette showed ..." has a small word, and is prose.
_SIGN_OFF_PART = re.compile(
    r"^(?:and\s+)?(?:additional\s+)?(?:reporting|writing|editing|compiled|research|graphics|production|"
    r"contributing|fact-checking)\s+by\s+(?P<names>.+)$",
    re.IGNORECASE,
)
_SIGN_OFF_SMALL_WORDS = frozenset({"and", "in", "at", "from", "for", "with", "de", "van", "von"})
_SIGN_OFF_MAX_WORDS = 40
# A reporting verb makes it the story's sentence ("Download the app, officials urged").
_REPORTED = re.compile(r"\b(?:said|says|say|told|tells|urged|urges|according|announced|added)\b", re.IGNORECASE)
# A wire dateline opening the lead: "WASHINGTON (Reuters) -", "LONDON, May 3 (AP) —",
# "KYIV, Ukraine, May 8 (Reuters) -", "(Reuters) -", "NAIROBI, Kenya, 8 May 2025 —".
# The place is in capitals; an agency in brackets or a date must follow it, so a capitalised
# acronym and a dash ("NATO — the alliance ...") is not one.
_MONTH_NAMES = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# The region after the place ("KYIV, Ukraine") has no digits and is not a month: "LONDON, May 3"
# is a place and a date.
_PLACE = rf"[A-Z][A-Z.'’ -]{{1,40}}?(?:,\s*(?!{_MONTH_NAMES}(?:\s|,|$))[A-Z][A-Za-z.'’ -]{{1,30}}?)?"
_DATE = r"(?:\d{1,2}\s+)?[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?(?:,?\s+\d{4})?"
_AGENCY = r"[A-Z][\w.&' -]{0,30}"
# Wire copy of the 1990s writes the dash as "--" or "_" ("WASHINGTON (AP) --", "MIAMI _"); an
# underscore is never prose punctuation, so a place before one needs no agency or date. A dateline
# may stand on a line of its own, above the lead.
_DASH = r"(?:[-–—]+|_)"
_DATELINE_END = r"(?:\s+(?=\S)|\s*$)"
_DATELINE = re.compile(
    rf"^(?:(?P<place>{_PLACE})(?:,\s+(?P<date>{_DATE}))?\s*)?\((?P<agency>{_AGENCY}?)\s*\)\s*{_DASH}{_DATELINE_END}"
    rf"|^(?P<dplace>{_PLACE}),\s+(?P<ddate>{_DATE})\s*{_DASH}{_DATELINE_END}"
    rf"|^(?P<uplace>{_PLACE})\s+_{_DATELINE_END}"
    rf"|^(?P<aplace>{_PLACE})\s+[-–—]+\s*$"
)
_PLACE_GROUPS = ("place", "dplace", "uplace", "aplace")
_MONTHS = frozenset(
    {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
     "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"}
)  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class Cleaned:
    """An article body with its furniture taken out, and what the dateline said."""

    text: str
    furniture: tuple[Furniture, ...] = ()
    dateline_place: str | None = None
    dateline_agency: str | None = None


def strip_furniture(text: str, *, first_line: int = 1, marked: Mapping[str, str] | None = None) -> Cleaned:
    """``text`` without its furniture lines and the dateline opening its lead.

    ``first_line`` is the line number of the text's first line in the input (for
    :attr:`Furniture.line`); ``marked`` maps a line's whitespace-collapsed text to the kind the
    page's markup gave it (a ``<figcaption>``: ``caption``). A text with no furniture comes back
    unchanged, so its document id does not move."""
    marked = marked or {}
    kept: list[str] = []
    found: list[tuple[str, str, int, int]] = []  # kind, text, line, index into kept
    lead_seen = False
    place: str | None = None
    agency: str | None = None
    pointer = False  # the line before was a bare "Read more:" label: a link title follows it
    for number, raw_line in enumerate(text.split("\n"), start=first_line):
        line = raw_line.strip()
        # The dateline first: alone on its line ("WASHINGTON (AP) --") it would pass for a header.
        dateline = _lead_dateline(line) if line and not lead_seen else None
        if dateline is not None:
            lead_seen, pointer = True, False
            found.append(("dateline", dateline.group().strip(), number, len(kept)))
            place = _place_name(next((dateline[g] for g in _PLACE_GROUPS if dateline[g]), None))
            agency = dateline["agency"].strip() if dateline["agency"] else None
            if line[dateline.end() :]:
                kept.append(line[dateline.end() :])
            continue
        kind = marked.get(" ".join(line.split())) if line else None
        kind = kind or (line_kind(line) if line else None)
        if kind is None and pointer and _link_title(line):
            kind = "related"
        if line:
            pointer = kind == "related" and _RELATED_ALONE.match(line) is not None
        if kind is not None:
            found.append((kind, line, number, len(kept)))
            continue
        lead_seen = lead_seen or bool(line)
        kept.append(raw_line)
    if not found:
        return Cleaned(text=text)
    return _rebuilt(kept, found, place, agency)


def _rebuilt(kept: list[str], found: list[tuple[str, str, int, int]], place: str | None, agency: str | None) -> Cleaned:
    """Join the kept lines, one blank line at most between paragraphs, and place each item."""
    out: list[str] = []
    offsets: list[int] = []  # offset in the result of each kept line, or of where it was dropped
    length = 0
    for line in kept:
        blank = not line.strip()
        if blank and (not out or not out[-1].strip()):
            offsets.append(length)  # a second blank line (or a leading one) is dropped
            continue
        if out:
            length += 1  # the newline before this line
        offsets.append(length)
        out.append(line)
        length += len(line)
    while out and not out[-1].strip():
        out.pop()
    result = "\n".join(out).strip()
    lead = len("\n".join(out)) - len("\n".join(out).lstrip())
    offsets.append(length)
    items = tuple(
        Furniture(kind=kind, text=line, line=number, at=max(0, min(len(result), offsets[index] - lead)))
        for kind, line, number, index in found
    )
    return Cleaned(text=result, furniture=items, dateline_place=place, dateline_agency=agency)


def line_kind(line: str) -> str | None:
    """The furniture kind of one stripped line, or None when it is (or may be) the story's."""
    if len(line) > _MAX_LINE_CHARS:
        return None  # prose; and the patterns, tried at every space of a huge line, would crawl
    words = line.split()
    if _TIMESTAMP.match(line):
        return "timestamp"
    if _FILE_PHOTO.match(line) or (_IN_THIS_PHOTO.match(line) and len(words) <= _CAPTION_MAX_WORDS):
        return "caption"
    credit = _credit_start(line) if len(words) <= _CAPTION_MAX_WORDS else None
    if credit is not None:
        return "credit" if credit == 0 else "caption"
    if len(words) <= _SIGN_OFF_MAX_WORDS and _is_sign_off(line):
        return "credit"
    if len(words) <= _LABEL_MAX_WORDS and (_RELATED.match(line) or _RELATED_ALONE.match(line)):
        return "related"
    if len(words) <= _PROMPT_MAX_WORDS and _is_prompt(line):
        return "prompt"
    if _is_header(line, words):
        return "header"
    return None


def _credit_start(line: str) -> int | None:
    """Where a photo credit ending ``line`` starts (0: the line is only a credit), or None."""
    if _credit_line(line):
        return 0
    # The credit follows the caption's last sentence ("... May 3, 2020. REUTERS/Jane Roe") or
    # stands in brackets at its end ("... on Tuesday. (AP Photo/Jane Roe)").
    for end in reversed(list(_SENTENCE_END.finditer(line))):
        tail = line[end.end() :].strip()
        if tail and _credit_line(tail):
            return end.end()
    paren = line.rfind("(")
    if paren > 0 and re.fullmatch(_PAREN_CREDIT, line[paren:].rstrip(" .")):
        return paren
    return None


def _credit_line(text: str) -> bool:
    """Whether ``text`` is only a photo credit: a slash, bracket or label credit, or a few
    capitalised words naming a handout or photo."""
    text = text.strip()
    if not text or text[-1] in ",;:" or len(text.split()) > _CREDIT_MAX_WORDS + 4:
        return False
    match = _CREDIT.fullmatch(text.rstrip("."))
    if match is not None:
        # "the 2020/21 season" has digits and small words; a credit is names.
        return not re.search(r"\d", text)
    words = [w.strip("()[].,") for w in text.split()]
    words = [w for w in words if w]
    if not words or len(words) > _CREDIT_MAX_WORDS or text.endswith("."):
        return False
    content = [w for w in words if w.lower() not in _CREDIT_JOINERS]
    if not content or not all(w[0].isupper() for w in content) or re.search(r"\d", text):
        return False
    handout = any(w.lower() in _HANDOUT_WORDS for w in content)
    return handout or (len(content) <= _PICTURE_CREDIT_MAX_WORDS and content[-1].lower() in _PICTURE_WORDS)


def _link_title(line: str) -> bool:
    """A headline-like line under a bare "Read more:" label: short, no sentence punctuation."""
    return 0 < len(line.split()) <= _LINK_TITLE_MAX_WORDS and line[-1] not in '.!?"”' and line[0].isupper()


def _is_sign_off(line: str) -> bool:
    for part in line.rstrip(".").split(";"):
        match = _SIGN_OFF_PART.match(part.strip())
        if match is None:
            return False
        names = [w for w in match["names"].split() if w.lower() not in _SIGN_OFF_SMALL_WORDS]
        if not names or not all(w[0].isupper() for w in names):
            return False
    return True


def _is_prompt(line: str) -> bool:
    if any(mark in line for mark in '"“”'):
        return False  # someone is quoted: the story's words
    action = _PROMPT_ACTION.match(line)
    if action is None:
        return False
    rest = line[action.end() :]
    if _REPORTED.search(rest):
        return False
    return bool(_PROMPT_SERVICE.search(rest) or _URL.search(rest))


def _is_header(line: str, words: list[str]) -> bool:
    """A section header: a short line in capitals, not a sentence (no final full stop, question
    or exclamation mark, no quotation marks)."""
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 3 or len(words) > _HEADER_MAX_WORDS or any(c.islower() for c in letters):
        return False
    if line[-1] in ".!?\"”’'" or any(mark in line for mark in '"“”'):
        return False
    # A single capitalised word ("NATO", "UPDATE") is a header only when it is a word, not a
    # stray acronym in a list: ask for two words or a colon.
    return len(words) >= 2 or line.endswith(":")


def _lead_dateline(line: str) -> re.Match[str] | None:
    match = _DATELINE.match(line[:_DATELINE_MAX_CHARS])
    return match if match is not None and _real_dateline(match) else None


def _real_dateline(match: re.Match[str]) -> bool:
    """A dateline's date must be a date (a month name), and its agency a name, not a word."""
    date = match["date"] or match["ddate"]
    if date is not None and date.split()[0].rstrip(".").lower() not in _MONTHS and not date[0].isdigit():
        return False
    if match["aplace"] is not None and not match["aplace"].replace(",", "").replace(".", "").strip():
        return False
    agency = match["agency"]
    return agency is None or all(w[0].isupper() for w in agency.split() if w[0].isalpha())


def _place_name(place: str | None) -> str | None:
    """The dateline's place as a name: "NEW YORK" -> "New York", "KYIV, Ukraine" -> "Kyiv, Ukraine"."""
    if not place:
        return None
    words = []
    for word in place.strip().split(" "):
        # "U.S." stays as it is: initials are written in capitals.
        initials = word.count(".") > 1
        words.append(word.capitalize() if word.isupper() and len(word) > 1 and not initials else word)
    return " ".join(words)
