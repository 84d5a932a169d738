"""The LawRefBook safety texts of ../shared/data as articles, with dates and declared upper laws.

``articles.jsonl`` gives each article as (doc, kind, province, date, chapter, 第X条, text). Its
``version_date`` is the date in the file name, which is not always the date of the text it holds
(河南省安全生产条例(2010-07-30).md holds the 2019 text), and some files have none; some headers miss
the last amendment (烟花爆竹安全管理条例's header stops at 2006, its file name says 2016). The date
used here is the latest of the file name's and those in the header lines (通过/批准/修订/修正,
above ``<!-- INFO END -->``). The upper law of a local text is the one its first article
declares (根据《…》…制定): of the cited titles present in the data, the one whose title shares
most with the local title (山东省特种设备安全条例 cites 安全生产法 and 特种设备安全法;
重庆市安全生产条例 cites 安全生产法 and 生产安全事故报告和调查处理条例), in the version in force
at the local text's date.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
LAWREF = SHARED_DATA / "lawrefbook_safety"
UPPER_KINDS = ("national_law", "administrative_regulation")
_HEADER_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_CITED = re.compile(r"《([^》]+)》")


@dataclass(frozen=True, slots=True)
class Text:
    """One document of the data set, as (number as printed, text) articles."""

    title: str
    kind: str
    province: str | None
    date: date | None
    path: str  # the file's path in the source repository
    articles: tuple[tuple[str, str], ...]

    @property
    def name(self) -> str:
        """Title and date, e.g. 浙江省安全生产条例 (2016-07-29)."""
        return f"{self.title} ({self.date.isoformat() if self.date else 'undated'})"


def load_texts(root: Path = LAWREF) -> list[Text]:
    """Every document of ``articles.jsonl`` in file order, dated from its header lines."""
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    with (root / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            rows[row["doc_path"]].append(row)
    texts = []
    for path, group in rows.items():
        first = group[0]
        file = root / "docs" / first["kind"] / Path(path).name
        texts.append(
            Text(
                title=first["doc_title"],
                kind=first["kind"],
                province=first.get("province"),
                date=_latest(header_date(file), _iso(first.get("version_date"))),
                path=path,
                articles=tuple((r["article_no"], r["text"]) for r in group),
            )
        )
    return texts


def header_date(file: Path) -> date | None:
    """The latest date in a LawRefBook file's header (通过/修订/修正 lines), if any."""
    if not file.is_file():
        return None
    head = file.read_text(encoding="utf-8").split("<!-- INFO END -->", 1)[0]
    found = [date(int(y), int(m), int(d)) for y, m, d in _HEADER_DATE.findall(head)]
    return max(found) if found else None


def upper_law(local: Text, texts: list[Text]) -> Text | None:
    """The upper law the local text's first article declares, in the version then in force."""
    by_title: dict[str, list[Text]] = defaultdict(list)
    for t in texts:
        if t.kind in UPPER_KINDS:
            by_title[t.title].append(t)
    first = local.articles[0][1] if local.articles else ""
    cited = []
    for name in _CITED.findall(first):
        for title in (name, f"中华人民共和国{name}"):
            if title in by_title and title not in cited:
                cited.append(title)
    if not cited:
        return None
    best = max(cited, key=lambda t: (_title_share(t, local.title), -cited.index(t)))
    versions = sorted(by_title[best], key=lambda t: t.date or date.min)
    in_force = [v for v in versions if local.date and v.date and v.date <= local.date]
    return in_force[-1] if in_force else versions[-1]


def review_pairs(texts: list[Text]) -> list[tuple[Text, Text]]:
    """(local text, its declared upper law) for every local text that declares one in the data."""
    pairs = []
    for t in texts:
        if t.kind == "local_regulation":
            upper = upper_law(t, texts)
            if upper is not None:
                pairs.append((t, upper))
    return pairs


def _title_share(upper_title: str, local_title: str) -> float:
    core = upper_title.removeprefix("中华人民共和国")
    grams = {core[k : k + 2] for k in range(len(core) - 1)}
    return sum(g in local_title for g in grams) / len(grams) if grams else 0.0


def _latest(*dates: date | None) -> date | None:
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def _iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
