"""While the vectors of stored articles are still to come ("searchable at once, dense later"),
the CLI and the app say that the dense side of hybrid search is partial, and stop saying it once
the vectors are in."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st

from index import open_store
from index.search.build import sync_indexes
from index.search.generations import IndexFolder
from index.store.passages import passage_key
from tests.ui import cli_support
from tests.ui.app_support import build_workspace, open_page, run

QUERY = "事故隐患排查治理"


@pytest.fixture
def partial_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample corpus with half of its passages' vectors cached, indexed without embedding."""
    home = build_workspace(tmp_path / "workspace")
    monkeypatch.setenv("POLICYLENS_HOME", str(home))
    with open_store(home) as store:
        cached = sorted({passage_key(u.passage) for u in store.search_units()})
        store.prune_embeddings("hash", keep=set(cached[::2]))
        report = sync_indexes(store, IndexFolder(home / "index"), "hash", dense=False, full=True)
    assert report.dense_partial and 0 < report.dense_units < report.units
    return home


def test_the_cli_says_the_dense_side_is_partial_until_the_vectors_are_in(
    partial_home: Path,
) -> None:
    hybrid, keyword = cli_support.run_all(
        partial_home, ("search", QUERY), ("search", QUERY, "--mode", "keyword"), lang=None
    )
    assert "注意：按语义检索的部分目前只覆盖" in cli_support.ok(hybrid)
    assert hybrid.stdout.strip()  # hits all the same
    assert "注意：" not in cli_support.ok(keyword)
    with open_store(partial_home) as store:
        assert not sync_indexes(store, IndexFolder(partial_home / "index"), "hash").dense_partial
    assert "注意：" not in cli_support.ok(cli_support.run("search", QUERY, home=partial_home))


def test_the_app_says_the_dense_side_is_partial(partial_home: Path) -> None:
    st.cache_resource.clear()
    try:
        at = open_page("vic", "views/search.py")
        at.text_input(key="q").input(QUERY)
        at = run(at)
        notes = [i.value for i in at.info]
        assert any("按语义检索的部分目前只覆盖" in n for n in notes), notes
    finally:
        st.cache_resource.clear()
