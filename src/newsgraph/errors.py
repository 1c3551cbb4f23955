"""Every exception newsgraph raises, in one tree.

    NewsgraphError                 base: catch this to catch everything of ours
    ├── ConfigError                a setting or option has a bad value
    ├── ModelNotFoundError         no spaCy model could be loaded (says how to install one)
    ├── InputError                 one input could not be read; ``reason`` is the rejection code
    │   ├── DecodeError            bytes that are not text in any encoding we can detect, or binary
    │   ├── EmptyInputError        nothing in it, or no article text
    │   ├── MalformedInputError    a feed, JSON line, gzip or WARC that does not parse
    │   └── FetchError             an http(s) URL that could not be fetched (status, robots, network)
    ├── StageError                 a pipeline stage failed on a document (wraps the cause)
    └── StoreError                 the database could not be opened, migrated or written

Batch commands never stop on an ``InputError`` or ``StageError``: the input becomes a
:class:`newsgraph.model.Rejection` with the same reason code and message, and the batch goes on.
A single-document API call raises the error instead. Every message names the input (file, line or
record, URL) and says what to do next.
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class of every newsgraph error."""


class ConfigError(NewsgraphError):
    """A setting or command-line option has a value we cannot use."""


class ModelNotFoundError(NewsgraphError):
    """No spaCy model could be loaded."""


class InputError(NewsgraphError):
    """An input could not be read as a news article.

    ``origin`` names the input (``path``, ``path:line``, ``path#record``, URL) and ``reason`` is the
    stable rejection code stored with the rejection record.
    """

    reason = "not_an_article"

    def __init__(self, origin: str, message: str, *, reason: str | None = None) -> None:
        self.origin = origin
        if reason is not None:
            self.reason = reason
        self.detail = message
        super().__init__(f"{origin}: {message}")


class DecodeError(InputError):
    reason = "decode_error"


class EmptyInputError(InputError):
    reason = "empty_text"


class MalformedInputError(InputError):
    reason = "malformed"


class FetchError(InputError):
    reason = "fetch_error"


class StageError(NewsgraphError):
    """A stage raised while processing a document; the original exception is chained."""

    reason = "stage_error"

    def __init__(self, stage: str, origin: str, cause: BaseException) -> None:
        self.stage = stage
        self.origin = origin
        self.detail = f"stage {stage!r} failed: {type(cause).__name__}: {cause}"
        super().__init__(f"{origin}: {self.detail}")


class StoreError(NewsgraphError):
    """The database could not be opened, migrated or written."""
