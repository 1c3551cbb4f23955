"""``newsgraph eval linking``: canonical entities over a corpus, with the merge checks."""

from __future__ import annotations

import json

import click

from newsgraph.api import build_pipeline, extract
from newsgraph.cli.options import fail, json_option, model_option
from newsgraph.errors import NewsgraphError
from newsgraph.eval.country_coverage import CountryCoverage
from newsgraph.linking import Linker
from newsgraph.linking.report import CorpusReport
from newsgraph.model import Analysis
from newsgraph.stages.entities.lexicon import lexicons


@click.command("linking")
@click.argument("inputs", nargs=-1, required=True)
@model_option
@click.option("--top", type=int, default=20, show_default=True, help="How many of the most-mentioned to list.")
@json_option()
def command(inputs: tuple[str, ...], model: str | None, top: int, as_json: bool) -> None:
    """Analyse and link a corpus (as ingest does, in memory) and report its canonical entities:
    how many, the most mentioned, the share of places and of office-holders ("Senator X") with a
    country, person entities named by two different full names (merges
    that should not have happened), and the short names linking refused as ambiguous.

    \b
    Example:
      newsgraph eval linking ../shared/data/wikinews-2019-2020/articles.jsonl
    """
    try:
        pipeline = build_pipeline(model=model)
    except NewsgraphError as error:
        fail(error)
    linker = Linker()
    report = CorpusReport()
    report.add(linker.link(r) for r in extract(list(inputs), pipeline=pipeline) if isinstance(r, Analysis))
    result = report.as_dict(linker.refused, top=top)
    coverage = CountryCoverage.of(report.entities.values(), lexicons().offices)
    result["countries"] = coverage.as_dict()
    if as_json:
        click.echo(json.dumps(result))
        return
    click.echo(f"{result['documents']} documents, {result['entities']} canonical entities")
    click.echo("by kind: " + ", ".join(f"{k} {n}" for k, n in result["entities_by_kind"].items()))
    click.echo(f"\n{'most mentioned':<40}{'kind':<14}{'mentions':>9}{'documents':>11}")
    for row in result["most_mentioned"]:
        click.echo(f"{row['name'][:39]:<40}{row['kind']:<14}{row['mentions']:>9}{row['documents']:>11}")
    click.echo(
        f"\nplaces with a country: {coverage.places_with_country}/{coverage.places} ({_share(coverage.place_share)}); "
        f"people with an office title and a country: {coverage.office_holders_with_country}/"
        f"{coverage.office_holders} ({_share(coverage.office_holder_share)})"
    )
    conflated = result["conflated_people"]
    click.echo(f"\npeople merged under two different full names: {len(conflated)}")
    for row in conflated:
        click.echo(f"  {row['name']}: {', '.join(row['full_names'])}")
    click.echo(f"refused ambiguous merges: {len(result['refused_merges'])}")
    for row in result["refused_merges"]:
        click.echo(f"  {row['name']}: {' / '.join(row['candidates'])}")


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"
