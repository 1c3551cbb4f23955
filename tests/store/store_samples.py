"""Hand-built analyses for the store tests: facts of every kind, every span slicing its text.

A plain module (not conftest) so tests and the crash-test subprocess can import it."""

from __future__ import annotations

from collections.abc import Callable

from newsgraph.model import (
    Analysis,
    Document,
    Entity,
    Event,
    Furniture,
    Mention,
    Provenance,
    Quote,
    Span,
    TimeExpression,
    Title,
    content_id,
)

ARTICLE = (
    "Chinese President Xi Jinping arrived in Moscow on Wednesday for a four-day state visit. "
    '"Our friendship is unbreakable," Xi told Vladimir Putin at the Kremlin. '
    "Putin said the two leaders would sign agreements on energy and trade."
)

MakeAnalysis = Callable[..., Analysis]


def span(text: str, words: str, occurrence: int = 0) -> Span:
    """The span of the ``occurrence``-th appearance of ``words`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return Span.of(text, start, start + len(words))


def build_analysis(
    text: str = ARTICLE,
    *,
    doc_id: str | None = None,
    url: str | None = "https://example.org/xi-moscow",
    title: str | None = "Xi Jinping visits Moscow",
    origin: str | None = "examples/xi.txt",
) -> Analysis:
    """An analysis with facts of every kind, built from the words of ARTICLE (``text`` must
    contain them)."""
    document = Document(
        id=doc_id or Document.make_id(text),
        text=text,
        url=url,
        title=title,
        source="Example News",
        standfirst="A four-day visit",
        section="World",
        byline="A. Reporter",
        published="2025-05-07",
        published_source="dateline",
        retrieved="2025-05-09T08:00:00Z",
        language="en",
        origin=origin,
        extra=(("warc_record_id", "<urn:uuid:1>"), ("feed", "world")),
        dateline_place="Moscow",
        furniture=(
            Furniture(kind="dateline", text="MOSCOW, May 7 (Example News) -", line=1, at=0),
            Furniture(kind="caption", text="Xi Jinping arrives in Moscow. EXAMPLE/A. Photographer", line=3, at=88),
        ),
    )
    did = document.id
    xi, moscow, putin = span(text, "Xi Jinping"), span(text, "Moscow"), span(text, "Vladimir Putin")
    ner = Provenance(stage="entities", stage_version="1.0", model="en_core_web_md-3.8.0", evidence=(xi,))
    linker = Provenance(stage="linking", stage_version="0.1", confidence=0.87)
    e_xi = Entity(
        id="ent_xi",
        name="Xi Jinping",
        kind="person",
        provenance=linker,
        aliases=("Xi", "Xi Jinping"),
        titles=(Title(title="President", affiliation="CHN", as_of="2025-05-07"),),
        country="CHN",
    )
    e_moscow = Entity(id="ent_moscow", name="Moscow", kind="place", provenance=linker, country="RUS")
    mentions = (
        Mention(
            id=content_id("men", did, xi.start),
            document_id=did,
            span=xi,
            label="PERSON",
            provenance=ner,
            entity_id="ent_xi",
        ),
        Mention(
            id=content_id("men", did, moscow.start),
            document_id=did,
            span=moscow,
            label="GPE",
            provenance=ner,
            entity_id="ent_moscow",
        ),
        Mention(
            id=content_id("men", did, putin.start),
            document_id=did,
            span=putin,
            label="PERSON",
            provenance=ner,
        ),
    )
    wednesday = span(text, "Wednesday")
    timexes = (
        TimeExpression(
            id=content_id("tmx", did, wednesday.start),
            document_id=did,
            span=wednesday,
            type="DATE",
            value="2025-05-07",
            earliest="2025-05-07",
            latest="2025-05-07",
            provenance=Provenance(stage="timex", stage_version="0.3"),
        ),
        TimeExpression(
            id=content_id("tmx", did, "four-day"),
            document_id=did,
            span=span(text, "four-day"),
            type="DURATION",
            value="P4D",
            provenance=Provenance(stage="timex", stage_version="0.3"),
        ),
    )
    quote = span(text, '"Our friendship is unbreakable,"')
    quotes = (
        Quote(
            id=content_id("quo", did, quote.start),
            document_id=did,
            span=quote,
            kind="direct",
            cue=span(text, "told"),
            cue_lemma="tell",
            speaker=span(text, "Xi", 1),
            speaker_entity_id="ent_xi",
            time="2025-05-07",
            provenance=Provenance(stage="quotes", stage_version="0.2", evidence=(quote,), confidence=None),
        ),
    )
    arrived = span(text, "arrived in Moscow")
    events = (
        Event(
            id=content_id("evt", did, arrived.start),
            document_id=did,
            type="CONSULT",
            mode="visit",
            evidence=arrived,
            actors=("ent_xi",),
            recipients=("ent_putin", "ent_rus"),
            place="ent_moscow",
            time="2025-05-07",
            modality="asserted",
            cameo="042",
            provenance=Provenance(stage="events", stage_version="0.1", evidence=(arrived, xi), confidence=0.66),
        ),
    )
    return Analysis(
        document=document,
        mentions=mentions,
        entities=(e_xi, e_moscow),
        time_expressions=timexes,
        quotes=quotes,
        events=events,
    )
