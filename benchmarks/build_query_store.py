"""Build the 50,000-document store the query benchmark measures, then measure it.

    python benchmarks/build_query_store.py WIKI.db query-50k.db [--documents 50000]

WIKI.db is a store ingested from the Wikinews corpus (``newsgraph ingest
../shared/data/wikinews-2019-2020/articles.jsonl --db WIKI.db``). Its analyses are copied with
new ids and dates shifted by whole weeks (see ``newsgraph/bench/replicate.py``): minutes, not
the hours 50,000 spaCy runs would take. Same as ``newsgraph bench query --build-from WIKI.db
--db query-50k.db``.
"""

from __future__ import annotations

import argparse
import json

from newsgraph.bench.query import build_store, measure_query


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", help="an ingested Wikinews store")
    parser.add_argument("target", help="the new store to build (must not exist)")
    parser.add_argument("--documents", type=int, default=50_000)
    args = parser.parse_args()
    seconds = build_store(args.source, args.target, args.documents)
    print(json.dumps(measure_query(args.target, build_seconds=seconds).to_json()))


if __name__ == "__main__":
    main()
