"""The PLOVER event ontology and the lexicons that code events in it, as data files.

``plover.toml`` (types, quad classes, intensities, modes, contexts), ``cameo.toml`` (type and
mode to CAMEO), ``lexicon/*.toml`` (trigger words per type), ``modality.toml`` (words that mark an
event negated, planned, hypothetical or reported) and ``sectors.toml`` (actor sector codes). The
format of each is in ``README.md`` beside them; users extend them by editing or adding files.
"""

from newsgraph.ontology.cues import Cues, Sectors, load_cues, load_sectors
from newsgraph.ontology.lexicon import Entry, Lexicon, load_lexicon
from newsgraph.ontology.plover import EventType, Ontology, QuadClass, load_ontology

__all__ = [
    "Cues",
    "Entry",
    "EventType",
    "Lexicon",
    "Ontology",
    "QuadClass",
    "Sectors",
    "load_cues",
    "load_lexicon",
    "load_ontology",
    "load_sectors",
]
