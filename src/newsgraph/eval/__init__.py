"""Scorers for standard gold formats (TimeML, CoNLL, brat attribution, PLOVER records).

Each scorer is a pure function from gold and predictions to a report; ``newsgraph eval KIND``
is the thin CLI over them. Accuracy is measured here, with numbers, not asserted in unit tests.
"""
