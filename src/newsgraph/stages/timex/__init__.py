"""Time expressions: recognise and normalise every time expression to TIMEX3 against the
document creation time, rules-based and offline.

- :mod:`~newsgraph.stages.timex.lexicon`: the words (months, numbers, units, vague references);
- :mod:`~newsgraph.stages.timex.holidays`: named days and their dates, as rules in
  ``holidays.toml``;
- :mod:`~newsgraph.stages.timex.names`: names holding a time word that are no time ("Fox News
  Sunday", "the Sunday Times"), from the parse and ``names.toml``;
- :mod:`~newsgraph.stages.timex.patterns`: regular patterns built from the lexicon;
- :mod:`~newsgraph.stages.timex.recognise`: runs them and filters matches by their context;
- :mod:`~newsgraph.stages.timex.normalise`: values, by kind, from
  :mod:`~newsgraph.stages.timex.dates` (named dates), :mod:`~newsgraph.stages.timex.fiscal`
  (quarters), :mod:`~newsgraph.stages.timex.relative` (deictic and anaphoric) and
  :mod:`~newsgraph.stages.timex.amounts` (durations, sets);
- :mod:`~newsgraph.stages.timex.tense`: the tense of an expression's clause, and whether the
  expression dates that clause's verb;
- :mod:`~newsgraph.stages.timex.anchor`: document date, reference time, and
  :func:`~newsgraph.stages.timex.anchor.time_for` for later stages;
- :mod:`~newsgraph.stages.timex.values`: TIMEX3 values as calendar periods and their bounds;
- :mod:`~newsgraph.stages.timex.tagger`: :func:`tag`, used by the stage and the evaluation;
- :mod:`~newsgraph.stages.timex.stage`: the pipeline stage ``newsgraph.timex.v1``.
"""

from newsgraph.stages.timex.anchor import time_for
from newsgraph.stages.timex.stage import TimexStage
from newsgraph.stages.timex.tagger import Timex, tag

__all__ = ["Timex", "TimexStage", "tag", "time_for"]
