"""The CLI's --json output for the sample corpus, as one file: compare two runs to show a change
kept behaviour.

Usage: python bench/cli_snapshot.py OUT.json  (then `diff` two outputs, or `--compare A B`).
Runs every read-only JSON command on a fresh workspace holding the sample corpus, with the hash
embedder (no model load); times, absolute paths and random ids are blanked.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VOLATILE = re.compile(
    r"(created_at|ingested_at|updated_at|at|last_login|generation|path|decided_at)$"
)


def _blank(value: object, key: str = "") -> object:
    if isinstance(value, dict):
        return {k: _blank(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_blank(v, key) for v in value]
    if isinstance(value, str) and VOLATILE.fullmatch(key):
        return "<volatile>"
    return value


def _run(env: dict[str, str], *args: str) -> object:
    cmd = [str(Path(sys.executable).parent / "policylens"), *args]
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    out = done.stdout.strip()
    try:
        parsed = (
            [json.loads(line) for line in out.splitlines()]
            if args[0] == "ingest"
            else json.loads(out)
        )
    except json.JSONDecodeError:
        parsed = out
    return {"rc": done.returncode, "out": _blank(parsed)}


COMMANDS: list[tuple[str, ...]] = [
    ("docs", "--json"),
    ("show", "示例安全生产法", "--json"),
    ("show", "示例安全生产法/art-21", "--json"),
    ("search", "事故发生后多长时间内报告", "--json", "-k", "5"),
    ("search", "fines for failing to report an accident", "--json", "-k", "5"),
    ("search", "示例安全生产法第二十一条", "--json", "-k", "3"),
    ("tasks", "extract", "示例省安全生产专项整治重点工作分工方案", "--json", "--no-save"),
    (
        "tasks",
        "extract",
        "illustrative-work-plan-on-strengthening-work-safety-in",
        "--json",
        "--no-save",
    ),
    ("review", "示例滨海省安全生产条例", "--json"),
    ("review", "示例山城市安全生产若干规定", "--json"),
    ("review", "示例省安全生产条例", "--json"),
    ("review", "示例省安全生产条例", "--against", "示例安全生产法@2019-06-10", "--json"),
    ("study", "示例安全生产法", "--json", "--items", "12", "--seed", "1"),
    ("study", "--query", "事故报告", "--json", "--items", "6", "--seed", "2"),
]


def snapshot() -> dict[str, object]:
    """Every command's exit code and blanked JSON output on a fresh sample workspace."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, POLICYLENS_HOME=home, POLICYLENS_EMBEDDER="hash", HF_HUB_OFFLINE="1")
        result: dict[str, object] = {"ingest": _run(env, "ingest", str(ROOT / "corpus"), "--json")}
        for args in COMMANDS:
            result[" ".join(args)] = _run(env, *args)
        return result


def main() -> None:
    """Write the snapshot, or compare two."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--compare", nargs=2, type=Path)
    args = parser.parse_args()
    if args.compare:
        a, b = (json.loads(p.read_text(encoding="utf-8")) for p in args.compare)
        differing = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
        print(f"{len(a)} commands compared; {len(differing)} differ")
        for key in differing:
            print("  differs:", key)
        sys.exit(1 if differing else 0)
    data = snapshot()
    args.out.write_text(
        json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    print(f"wrote {args.out}: {len(data)} commands")


if __name__ == "__main__":
    main()
