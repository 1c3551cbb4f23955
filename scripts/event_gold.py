#!/usr/bin/env python3
"""Tools for building newsgraph's own PLOVER event gold set on the Wikinews corpus.

    python scripts/event_gold.py select             # choose the articles and cut the splits (once)
    python scripts/event_gold.py show N             # one article, sentence by sentence, for annotating
    python scripts/event_gold.py check FILE...      # validate annotation files, with exact errors
    python scripts/event_gold.py build              # annotation files -> gold/wikinews-events.jsonl
    python scripts/event_gold.py build --second     # the second coding -> gold/wikinews-second-coding.jsonl
    python scripts/event_gold.py agree              # agreement between the two codings

Annotators write one JSON file per article under the work folder (``--work``, default
/work/gold-work); each names triggers and participants by their words in the sentence. ``build``
turns those words into character offsets into the corpus file and writes the gold file the repo
keeps: offsets and labels only, never the article text (which stays in ../shared/data). The
format and the annotation guideline are in gold/README.md and gold/GUIDELINE.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.eval.event_gold import (  # noqa: E402
    Article,
    GoldEvent,
    Participant,
    Sentence,
    validate_event,
    write_gold,
)

CORPUS = ROOT.parent / "shared" / "data" / "wikinews-2019-2020" / "articles.jsonl"
WORK = Path("/work/gold-work")
GOLD = ROOT / "gold" / "wikinews-events.jsonl"
#: Articles longer than this are left out (interviews and monthly features of up to 10,000 words).
MAX_WORDS = 1200
#: Enough for the issue's 1,500 with room for the articles that turn out odd.
TARGET_SENTENCES = 2000
SEED = 14
#: The split of every tenth article, in selection order: 5 train, 2 dev, 3 test.
SPLIT_PATTERN = ("train", "test", "dev", "train", "test", "train", "dev", "train", "test", "train")


def _corpus() -> list[dict[str, str]]:
    return [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]


POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
#: PolNeAR train articles annotated as extra training data (never dev or test).
POLNEAR_ARTICLES = 120


def _polnear() -> list[dict[str, str]]:
    """The PolNeAR train articles as records (text as in the file, date from metadata.tsv)."""
    rows = [line.split("\t") for line in (POLNEAR / "metadata.tsv").read_text("utf-8").splitlines()]
    header = rows[0]
    records = []
    for row in rows[1:]:
        meta = dict(zip(header, row, strict=False))
        if meta.get("compartment") != "train":
            continue
        path = POLNEAR / "train" / "text" / (meta["filename"] + ".txt")
        if path.exists():
            records.append(
                {
                    "url": path.name,
                    "title": meta["title"],
                    "published": meta["publication_date"],
                    "text": path.read_text("utf-8"),
                }
            )
    return sorted(records, key=lambda r: r["url"])


def select_polnear(args: argparse.Namespace) -> None:
    manifest = args.work / "polnear.json"
    if manifest.exists() and not args.force:
        sys.exit(f"{manifest} exists (use --force to redo)")
    from newsgraph.pipeline.nlp import load_model

    nlp = load_model()
    records = _polnear()
    order = list(range(len(records)))
    random.Random(SEED).shuffle(order)
    chosen = []
    for index in order[:POLNEAR_ARTICLES]:
        record = records[index]
        chosen.append(
            {
                "article": len(chosen),
                "line": index + 1,
                "url": record["url"],
                "title": record["title"],
                "published": record["published"],
                "split": "train",
                "text_sha256": hashlib.sha256(record["text"].encode("utf-8")).hexdigest(),
                "sentences": _sentences(nlp, record["text"]),
            }
        )
    manifest.write_text(json.dumps(chosen, indent=1), "utf-8")
    print(f"{len(chosen)} PolNeAR train articles, {sum(len(a['sentences']) for a in chosen)} sentences -> {manifest}")


def extend(args: argparse.Namespace) -> None:
    """More articles for training: the eligible articles the first selection did not take, in
    the same seeded order, split 2:1 between train and dev. The test split is never extended:
    it was cut first and stays as it is."""
    manifest = args.work / "articles.json"
    chosen = json.loads(manifest.read_text("utf-8"))
    from newsgraph.pipeline.nlp import load_model

    nlp = load_model()
    records = _corpus()
    taken = {a["line"] - 1 for a in chosen}
    eligible = [
        i
        for i, r in enumerate(records)
        if len(r["text"].split()) <= MAX_WORDS and "((WN))" not in r["text"] and "((Wikinews))" not in r["text"]
    ]
    random.Random(SEED).shuffle(eligible)
    added = 0
    for index in eligible:
        if index in taken:
            continue
        record = records[index]
        chosen.append(
            {
                "article": len(chosen),
                "line": index + 1,
                "url": record["url"],
                "title": record["title"],
                "published": record["published"],
                "split": ("train", "train", "dev")[added % 3],
                "text_sha256": hashlib.sha256(record["text"].encode("utf-8")).hexdigest(),
                "sentences": _sentences(nlp, record["text"]),
            }
        )
        added += 1
    manifest.write_text(json.dumps(chosen, indent=1), "utf-8")
    print(f"{added} articles added (train/dev only) -> {manifest}")


def _sentences(nlp, text: str) -> list[list[int]]:  # type: ignore[no-untyped-def]
    sentences = []
    for sent in nlp(text).sents:
        # A paragraph break always ends a sentence (spaCy sometimes runs a closing quotation
        # mark on into the next paragraph); a piece with no word in it is no sentence.
        offset = sent.start_char
        for piece in sent.text.split("\n"):
            start = offset + (len(piece) - len(piece.lstrip()))
            end = offset + len(piece.rstrip())
            offset += len(piece) + 1
            if end > start and any(c.isalnum() for c in text[start:end]):
                sentences.append([start, end])
    return sentences


def select(args: argparse.Namespace) -> None:
    manifest = args.work / "articles.json"
    if manifest.exists() and not args.force:
        sys.exit(f"{manifest} exists: the selection and its splits are cut once (use --force to redo)")
    from newsgraph.pipeline.nlp import load_model

    nlp = load_model()
    records = _corpus()
    eligible = [
        i
        for i, r in enumerate(records)
        if len(r["text"].split()) <= MAX_WORDS and "((WN))" not in r["text"] and "((Wikinews))" not in r["text"]
    ]
    random.Random(SEED).shuffle(eligible)
    chosen = []
    total = 0
    for number, index in enumerate(eligible):
        record = records[index]
        sentences = _sentences(nlp, record["text"])
        chosen.append(
            {
                "article": len(chosen),
                "line": index + 1,
                "url": record["url"],
                "title": record["title"],
                "published": record["published"],
                "split": SPLIT_PATTERN[number % len(SPLIT_PATTERN)],
                "text_sha256": hashlib.sha256(record["text"].encode("utf-8")).hexdigest(),
                "sentences": sentences,
            }
        )
        total += len(sentences)
        if total >= TARGET_SENTENCES:
            break
    args.work.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps(chosen, indent=1), "utf-8")
    by_split: dict[str, list[int]] = {}
    for a in chosen:
        by_split.setdefault(a["split"], [0, 0])
        by_split[a["split"]][0] += 1
        by_split[a["split"]][1] += len(a["sentences"])
    print(f"{len(chosen)} articles, {total} sentences -> {manifest}")
    for split, (articles, sentences) in sorted(by_split.items()):
        print(f"  {split}: {articles} articles, {sentences} sentences")


def _manifest(work: Path, corpus: str = "wikinews") -> list[dict[str, object]]:
    name = "articles.json" if corpus == "wikinews" else "polnear.json"
    return json.loads((work / name).read_text("utf-8"))  # type: ignore[no-any-return]


def _records(corpus: str) -> list[dict[str, str]]:
    return _corpus() if corpus == "wikinews" else _polnear()


def show(args: argparse.Namespace) -> None:
    articles = _manifest(args.work, args.corpus)
    article = articles[args.article]
    text = _records(args.corpus)[int(article["line"]) - 1]["text"]  # type: ignore[call-overload]
    published = dt.date.fromisoformat(str(article["published"]))
    print(f"article {article['article']} · published {published} ({published:%A}) · {article['title']}")
    days = [published + dt.timedelta(days=d) for d in range(-13, 8)]
    print("calendar: " + ", ".join(f"{d:%a} {d}" for d in days))
    print(f"{len(article['sentences'])} sentences (annotate every one; [] for no event):")  # type: ignore[arg-type]
    for number, (start, end) in enumerate(article["sentences"]):  # type: ignore[arg-type]
        print(f"[{number}] {text[start:end]}")


def _inside_word(sentence: str, start: int, end: int) -> bool:
    return (start > 0 and sentence[start - 1].isalnum() and sentence[start].isalnum()) or (
        end < len(sentence) and sentence[end].isalnum() and sentence[end - 1].isalnum()
    )


def _find(sentence: str, words: str, occurrence: int, where: str) -> int:
    """Where the ``occurrence``-th ``words`` starts in ``sentence``. A match inside a longer word
    ("he" in "the") is never meant: then the ``occurrence``-th whole-word match is taken."""
    positions = []
    position = sentence.find(words)
    while position >= 0:
        positions.append(position)
        position = sentence.find(words, position + 1)
    if len(positions) < occurrence:
        raise ValueError(f"{where}: {words!r} occurs {len(positions)} time(s) in the sentence, not {occurrence}")
    chosen = positions[occurrence - 1]
    if not _inside_word(sentence, chosen, chosen + len(words)):
        return chosen
    whole = [p for p in positions if not _inside_word(sentence, p, p + len(words))]
    if len(whole) < occurrence:
        raise ValueError(f"{where}: {words!r} occurs as a whole word {len(whole)} time(s), not {occurrence}")
    return whole[occurrence - 1]


def _participants(items: object, sentence: str, offset: int, where: str) -> tuple[Participant, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise ValueError(f"{where}: must be a list of {{'text': ..., 'name': ...}}")
    found = []
    for number, item in enumerate(items, start=1):
        place = f"{where}[{number}]"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise ValueError(f"{place}: needs a non-empty 'name' (and 'text', the words in the sentence, or null)")
        words = item.get("text")
        if words is None:
            found.append(Participant(name=item["name"].strip()))
            continue
        if not isinstance(words, str) or not words.strip():
            raise ValueError(f"{place}: 'text' must be the participant's words in the sentence, or null")
        start = _find(sentence, words, int(item.get("n", 1)), place)
        found.append(Participant(name=item["name"].strip(), start=offset + start, end=offset + start + len(words)))
    return tuple(found)


def _convert(path: Path, articles: list[dict[str, object]], records: list[dict[str, str]]) -> Article:
    data = json.loads(path.read_text("utf-8"))
    where = str(path)
    number = data.get("article")
    if not isinstance(number, int) or not 0 <= number < len(articles):
        raise ValueError(f"{where}: 'article' must be an article number from the manifest")
    article = articles[number]
    text = records[int(article["line"]) - 1]["text"]  # type: ignore[call-overload]
    bounds = article["sentences"]
    given = data.get("sentences")
    if not isinstance(given, list):
        raise ValueError(f"{where}: 'sentences' must be a list of {{'s': N, 'events': [...]}}")
    numbers = [s.get("s") for s in given if isinstance(s, dict)]
    if sorted(numbers) != list(range(len(bounds))):  # type: ignore[arg-type]
        missing = sorted(set(range(len(bounds))) - set(numbers))  # type: ignore[arg-type]
        extra = sorted(set(numbers) - set(range(len(bounds))), key=str)  # type: ignore[arg-type]
        raise ValueError(
            f"{where}: every sentence 0..{len(bounds) - 1} exactly once (missing {missing}, unknown {extra})"
        )  # type: ignore[arg-type]
    sentences = []
    for item in sorted(given, key=lambda s: s["s"]):
        index = item["s"]
        start, end = bounds[index]  # type: ignore[index]
        sentence = text[start:end]
        events = []
        for k, ev in enumerate(item.get("events", []), start=1):
            place = f"{where}: sentence {index} event {k}"
            if not isinstance(ev, dict) or not isinstance(ev.get("trigger"), str):
                raise ValueError(f"{place}: needs 'trigger', the event's word(s) in the sentence")
            at = _find(sentence, ev["trigger"], int(ev.get("trigger_n", 1)), f"{place} trigger")
            event = GoldEvent(
                type=str(ev.get("type", "")).upper(),
                mode=ev.get("mode") or None,
                trigger=(start + at, start + at + len(ev["trigger"])),
                actors=_participants(ev.get("actors"), sentence, start, f"{place} actors"),
                recipients=_participants(ev.get("recipients"), sentence, start, f"{place} recipients"),
                modality=str(ev.get("modality", "")),
                reported_by=ev.get("reported_by") or None,
                date=ev.get("date") or None,
                background=bool(ev.get("background", False)),
            )
            validate_event(event, place)
            events.append(event)
        sentences.append(Sentence(start=start, end=end, events=tuple(events)))
    return Article(
        url=str(article["url"]),
        published=str(article["published"]),
        split=str(article["split"]),
        text_sha256=str(article["text_sha256"]),
        annotator=str(data.get("annotator", "")),
        sentences=tuple(sentences),
    )


def check(args: argparse.Namespace) -> None:
    articles = _manifest(args.work, args.corpus)
    records = _records(args.corpus)
    bad = 0
    for path in args.files:
        try:
            article = _convert(Path(path), articles, records)
        except (ValueError, KeyError, TypeError, json.JSONDecodeError) as error:
            bad += 1
            print(f"ERROR {error}")
            continue
        events = sum(len(s.events) for s in article.sentences)
        print(f"ok {path}: {len(article.sentences)} sentences, {events} events")
    sys.exit(1 if bad else 0)


def agree(args: argparse.Namespace) -> None:
    """Agreement between the first and second coding of the double-coded articles
    (gold/wikinews-events.jsonl against gold/wikinews-second-coding.jsonl)."""
    from newsgraph.eval.event_gold import read_gold

    first = {a.url: a for a in read_gold(GOLD)}
    second = read_gold(ROOT / "gold" / "wikinews-second-coding.jsonl")
    tp = fp = fn = 0
    fields = {"modality": 0, "date": 0, "actor": 0, "recipient": 0}
    sentences = 0
    for b in second:
        a = first[b.url]
        for sa, sb in zip(a.sentences, b.sentences, strict=True):
            sentences += 1
            pairs = _pairs(list(sa.events), list(sb.events))
            tp += len(pairs)
            fp += len(sb.events) - len(pairs)
            fn += len(sa.events) - len(pairs)
            for i, j in pairs:
                x, y = sa.events[i], sb.events[j]
                fields["modality"] += x.modality == y.modality
                fields["date"] += x.date == y.date
                for side in ("actor", "recipient"):
                    gx = {p.name.casefold() for p in getattr(x, side + "s")}
                    gy = {p.name.casefold() for p in getattr(y, side + "s")}
                    fields[side] += bool(gx & gy) or (not gx and not gy)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"{len(second)} articles, {sentences} sentences: second coding against the first")
    print(
        f"events P {precision:.3f} R {recall:.3f} F1 {2 * precision * recall / (precision + recall):.3f}"
        f" (tp {tp}, fp {fp}, fn {fn})"
    )
    print("on paired events: " + "  ".join(f"{k} {v / tp:.3f}" for k, v in fields.items()))


def _pairs(golds: list[GoldEvent], others: list[GoldEvent]) -> list[tuple[int, int]]:
    """Events of the same type paired one to one, overlapping triggers first (as the scorer)."""
    candidates = []
    for i, a in enumerate(golds):
        for j, b in enumerate(others):
            if a.type != b.type:
                continue
            overlap = b.trigger[0] < a.trigger[1] and a.trigger[0] < b.trigger[1]
            distance = 0 if overlap else min(abs(b.trigger[0] - a.trigger[1]), abs(a.trigger[0] - b.trigger[1]))
            candidates.append((not overlap, distance, i, j))
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _, _, i, j in sorted(candidates):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    return pairs


def build(args: argparse.Namespace) -> None:
    articles = _manifest(args.work, args.corpus)
    records = _records(args.corpus)
    built = []
    problems = []
    folder = args.work / ("ann-polnear" if args.corpus == "polnear" else "ann2" if args.second else "ann")
    for path in sorted(folder.glob("*.json"), key=lambda p: int(p.stem) if p.stem.isdigit() else -1):
        if not path.stem.isdigit():
            continue
        try:
            built.append(_convert(path, articles, records))
        except (ValueError, KeyError, TypeError, json.JSONDecodeError) as error:
            problems.append(str(error))
    for problem in problems:
        print(f"ERROR {problem}", file=sys.stderr)
    out = args.out or (
        ROOT / "gold" / "polnear-train-events.jsonl"
        if args.corpus == "polnear"
        else ROOT / "gold" / "wikinews-second-coding.jsonl"
        if args.second
        else GOLD
    )
    write_gold(
        out, built, corpus="wikinews-2019-2020/articles.jsonl" if args.corpus == "wikinews" else "polnear/train/text"
    )
    sentences = sum(len(a.sentences) for a in built)
    events = sum(len(s.events) for a in built for s in a.sentences)
    print(f"{len(built)} articles, {sentences} sentences, {events} events -> {out}")
    if problems:
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=WORK)
    parser.add_argument("--corpus", choices=("wikinews", "polnear"), default="wikinews")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("select")
    p.add_argument("--force", action="store_true")
    p.set_defaults(run=select)
    p = sub.add_parser("select-polnear")
    p.add_argument("--force", action="store_true")
    p.set_defaults(run=select_polnear)
    p = sub.add_parser("extend")
    p.set_defaults(run=extend)
    p = sub.add_parser("show")
    p.add_argument("article", type=int)
    p.set_defaults(run=show)
    p = sub.add_parser("check")
    p.add_argument("files", nargs="+")
    p.set_defaults(run=check)
    p = sub.add_parser("agree")
    p.set_defaults(run=agree)
    p = sub.add_parser("build")
    p.add_argument("--out", type=Path, default=None)
    p.add_argument("--second", action="store_true", help="Build the second coding of the double-coded articles.")
    p.set_defaults(run=build)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
