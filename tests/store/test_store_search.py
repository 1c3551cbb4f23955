"""Full-text search over title and text: plain words in, ranked hits with snippets out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.errors import StoreError
from newsgraph.model import Analysis, Document
from newsgraph.store import Store, open_store
from newsgraph.store.sqlite import fts_query


@pytest.fixture
def corpus(store: Store) -> Store:
    articles = [
        # Only the title names the ceasefire.
        (
            "https://e.org/ceasefire",
            "Ceasefire holds in the east",
            "Shelling stopped and and people returned.",
        ),
        # Only the text names it.
        (
            "https://e.org/talks",
            "Talks in Geneva",
            "Diplomats said a ceasefire could follow the talks in Geneva.",
        ),
        ("https://e.org/summit", "Summit ends", "Leaders visited the harbour of Vladivostok before leaving."),
    ]
    for url, title, text in articles:
        store.add(Analysis(document=Document.create(text=text, url=url, title=title)))
    return store


def test_words_in_title_and_in_text_are_found_title_first(corpus: Store) -> None:
    hits = corpus.search("ceasefire")
    assert [h.url for h in hits] == ["https://e.org/ceasefire", "https://e.org/talks"]
    assert hits[0].score > hits[1].score
    assert hits[0].title == "Ceasefire holds in the east"


def test_snippets_highlight_the_matched_words(corpus: Store) -> None:
    (hit,) = corpus.search("diplomats")
    assert hit.snippet.startswith("[Diplomats] said a ceasefire")
    (hit,) = corpus.search("diplomats", highlight=("<mark>", "</mark>"))
    assert "<mark>Diplomats</mark>" in hit.snippet


def test_every_word_must_match(corpus: Store) -> None:
    assert [h.url for h in corpus.search("ceasefire Geneva")] == ["https://e.org/talks"]
    assert corpus.search("ceasefire Vladivostok") == []


def test_words_are_stemmed_and_a_trailing_star_is_a_prefix(corpus: Store) -> None:
    assert [h.url for h in corpus.search("visit")] == ["https://e.org/summit"]  # text says "visited"
    assert [h.url for h in corpus.search("vladi*")] == ["https://e.org/summit"]


@pytest.mark.parametrize(
    "query", ['"unbalanced', "AND", "*", "NEAR(", "ceasefire OR", "-", "title:geneva", "()", "", '"', "^x"]
)
def test_fts_syntax_in_user_text_never_fails(corpus: Store, query: str) -> None:
    corpus.search(query)  # no StoreError, no sqlite error


def test_operators_are_searched_as_words(corpus: Store) -> None:
    # "and" appears only in the first article's text (twice, in fact): AND is a word, not syntax.
    assert [h.url for h in corpus.search("AND")] == ["https://e.org/ceasefire"]
    assert [h.url for h in corpus.search('"Geneva')] == ["https://e.org/talks"]
    assert corpus.search("*") == []


def test_limit_and_offset_page_through_hits(corpus: Store) -> None:
    everything = corpus.search("the")
    assert len(everything) == 3
    assert corpus.search("the", limit=2) == everything[:2]
    assert corpus.search("the", limit=2, offset=2) == everything[2:]


def test_a_bad_limit_is_an_error_that_says_what_is_allowed(store: Store) -> None:
    with pytest.raises(StoreError, match=r"need limit >= 1 and offset >= 0, got limit=0, offset=0"):
        store.search("x", limit=0)


def test_fts_query_quotes_each_token() -> None:
    assert fts_query('he said "no AND never') == '"he" "said" """no" "AND" "never"'
    assert fts_query("kyiv* - *") == '"kyiv"*'
    assert fts_query("  ") is None


@settings(max_examples=200, deadline=None)
@given(query=st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_no_user_text_makes_search_fail(query: str) -> None:
    with open_store(":memory:") as store:
        store.add(Analysis(document=Document.create(text="Talks in Geneva ended; a ceasefire holds.")))
        hits = store.search(query)
    assert len(hits) <= 1
