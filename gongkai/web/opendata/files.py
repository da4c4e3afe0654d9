"""The open-data files: what each holds, the name it is stored and downloaded under, and
the manifest that says which build is current, when it was built and from how many
reports."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class DataFile:
    key: str  # in the download's URL
    stored: str  # in the build's folder
    download: str  # the name the browser saves it under
    content_type: str
    holds: str  # what it holds, for the page


PREFIX = "政府信息公开年报"
FILES = (
    DataFile(
        "cells-csv",
        "cells.csv.zip",
        f"{PREFIX}-单元格.csv.zip",
        "application/zip",
        "每份报告的每个单元格一行的 CSV（UTF-8，Excel 可直接打开；Excel 一张表最多"
        " 1048576 行，约合 5000 份报告，更多请用 Parquet），内附数据字典；zip 压缩",
    ),
    DataFile(
        "dictionary",
        "dictionary.csv",
        f"{PREFIX}-数据字典.csv",
        "text/csv; charset=utf-8",
        "数据字典：每个单元格的名称、所在表格、报告中印刷的标签、单位和适用的年报格式",
    ),
    DataFile(
        "reports-parquet",
        "reports.parquet",
        f"{PREFIX}-报告.parquet",
        "application/vnd.apache.parquet",
        "每份报告一行：机关、所属地区、层级、年度、格式、发布日期、错误数和警告数，"
        "以及整份报告的 JSON（含各部分文字）",
    ),
    DataFile(
        "cells-parquet",
        "cells.parquet",
        f"{PREFIX}-单元格.parquet",
        "application/vnd.apache.parquet",
        "每份报告的每个单元格一行：报告编号、单元格名称、数值",
    ),
    DataFile(
        "jsonl",
        "reports.jsonl.gz",
        f"{PREFIX}-报告.jsonl.gz",
        "application/gzip",
        "每份报告一行 JSON（年度报告数据格式 gongkai.annual-report/1），gzip 压缩",
    ),
)
BY_KEY = {f.key: f for f in FILES}


@dataclass(frozen=True)
class Manifest:
    """One complete build. `started_at` is the moment the library was read as of: a
    publication committed before it is in the files."""

    started_at: dt.datetime
    built_at: dt.datetime
    reports: int
    cells: int
    folder: str
    sizes: dict[str, int]  # bytes, by stored name

    def to_json(self) -> str:
        raw = {
            **asdict(self),
            "started_at": self.started_at.isoformat(),
            "built_at": self.built_at.isoformat(),
        }
        return json.dumps(raw, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        raw = json.loads(text)
        return cls(
            started_at=dt.datetime.fromisoformat(raw["started_at"]),
            built_at=dt.datetime.fromisoformat(raw["built_at"]),
            reports=int(raw["reports"]),
            cells=int(raw["cells"]),
            folder=str(raw["folder"]),
            sizes={str(k): int(v) for k, v in raw["sizes"].items()},
        )

    def path(self, root: Path, data_file: DataFile) -> Path:
        return root / self.folder / data_file.stored


MANIFEST = "current.json"


def current(root: Path) -> Manifest | None:
    """The current build, or None before the first."""
    try:
        return Manifest.from_json((root / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
