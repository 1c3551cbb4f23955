"""Entities: better mentions, titles and roles, in-document coreference and canonical entities.

Modules: ``lexicon`` (the data files), ``countries`` (ISO codes, demonyms), ``places`` (the
gazetteer of cities and divisions), ``locations`` (which place a name is, from the words around
it: "Atlanta, Georgia", "South Africa's False Bay", regions), ``parties`` (party adjectives),
``titles`` (titles, roles and descriptions), ``coref`` (short names, descriptions, pronouns,
groups, metonymy), ``kinds`` (what kind of thing a cluster is, its canonical name and id) and
``stage`` (the registered stage that puts them together).
"""

from newsgraph.stages.entities.groups import GroupStage
from newsgraph.stages.entities.stage import EntityStage

__all__ = ["EntityStage", "GroupStage"]
