"""`policylens ingest --ray` and `rebuild --ray` as a user runs them (real subprocesses, each
starting its own local Ray instance, the hash embedder): the same per-file results, documents
and search hits as a plain ingest, and a rebuild on Ray that embeds what was dropped."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.ui.cli_support import ROOT, ok, run, run_all

pytest.importorskip("ray", reason="ray[data] is not installed")
CORPUS = ROOT / "corpus"
QUERY = "事故隐患排查治理"


def lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def vectors(home: Path) -> list[tuple]:
    with sqlite3.connect(home / "policylens.db") as db:
        return list(db.execute("SELECT model, key, vector FROM embeddings ORDER BY model, key"))


def test_ingest_and_rebuild_on_ray_match_the_plain_commands(tmp_path: Path) -> None:
    plain_home, ray_home = tmp_path / "plain", tmp_path / "ray"
    plain, on_ray = run_all(
        tmp_path,
        ("ingest", str(CORPUS), "--json", "--home", str(plain_home)),
        ("ingest", str(CORPUS), "--json", "--ray", "--workers", "2", "--home", str(ray_home)),
    )
    ok(plain)
    ok(on_ray)
    assert lines(on_ray.stdout) == lines(plain.stdout) and len(lines(plain.stdout)) > 5
    assert vectors(ray_home) == vectors(plain_home) and vectors(plain_home)
    found = [
        [(h["provision_id"], h["score"]) for h in json.loads(ok_out(home))]
        for home in (plain_home, ray_home)
    ]
    assert found[0] == found[1] and found[0]

    rebuilt = run("rebuild", "--reembed", "--ray", "--workers", "1", "--json", home=ray_home)
    ok(rebuilt)
    report = json.loads(rebuilt.stdout)
    assert report["embedded"] == len(vectors(plain_home)) and report["generation"]
    assert vectors(ray_home) == vectors(plain_home)


def ok_out(home: Path) -> str:
    done = run("search", QUERY, "--json", home=home)
    ok(done)
    return done.stdout
