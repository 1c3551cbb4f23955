"""The Dask runner on a real LocalCluster gives the same facts, with the same ids, as the
sequential runner: on the whole Wikinews corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import api
from newsgraph.errors import ConfigError
from newsgraph.model import to_dict
from newsgraph.scale.dask import WORKER_ENVIRONMENT, PipelineSpec, dask_runner
from newsgraph.store import open_store


def _facts(db: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    with open_store(str(db), create=False) as store:
        result = {}
        for document in store.iter_documents():
            analysis = store.get_analysis(document.id)
            assert analysis is not None
            data = to_dict(analysis)
            data["document"].pop("origin")  # the same either way; kept out only for a clearer diff
            result[document.id] = data
        return result


def test_dask_and_sequential_runners_store_identical_facts(tmp_path: Path, wikinews: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    sequential_db, dask_db = tmp_path / "sequential.db", tmp_path / "dask.db"
    sequential = api.ingest([str(wikinews)], db=str(sequential_db), pipeline=pipeline)
    with dask_runner(workers=2, spec=PipelineSpec(batch_size=pipeline.batch_size)) as runner:
        distributed = api.ingest([str(wikinews)], db=str(dask_db), pipeline=runner)
        assert runner.timings.documents == 291

        def settings() -> tuple[str | None, bool, str]:  # runs on each worker (pickled by value)
            import os

            import dask

            return (
                os.environ.get("MALLOC_MMAP_THRESHOLD_"),
                dask.config.get("distributed.worker.profile.enabled"),
                dask.config.get("distributed.admin.tick.interval"),
            )

        # Every worker runs with the malloc setting and without the dashboard-only profiler.
        threshold = dict(WORKER_ENVIRONMENT)["MALLOC_MMAP_THRESHOLD_"]
        assert set(runner.client.run(settings).values()) == {(threshold, False, "1s")}
        assert {"spacy", *(stage.name for stage in pipeline.stages)} <= set(runner.timings.seconds)
    assert sequential.stored == distributed.stored == 291
    one, other = _facts(sequential_db), _facts(dask_db)
    assert one.keys() == other.keys()
    differing = [doc_id for doc_id in one if one[doc_id] != other[doc_id]]
    assert not differing, f"{len(differing)} documents differ, e.g. {differing[:3]}"


def test_workers_and_scheduler_are_exclusive() -> None:
    runner = dask_runner(workers=2, scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(ConfigError, match="give either a number of local workers or a scheduler address"):
        runner.__enter__()


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    runner = dask_runner(scheduler="tcp://127.0.0.1:1")
    with pytest.raises(ConfigError, match=r"cannot reach the Dask scheduler at tcp://127.0.0.1:1 .*is it running\?"):
        runner.__enter__()
