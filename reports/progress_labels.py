"""The follow-up's report texts (`content/<lang>/report_progress.toml`), apart from the roadmap's own so the
progress report, the roadmap's annex of commitments and the exports' sheet share them without touching
`report.toml`. Same rules as `reports.labels`: the same keys in every language, a missing one raises."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from reports.labels import DEFAULT_LANGUAGE, Labels


@cache
def progress_labels(language: str) -> Labels:
    root = resources.files("content")
    path = root / language / "report_progress.toml"
    if not path.is_file():
        language, path = DEFAULT_LANGUAGE, root / DEFAULT_LANGUAGE / "report_progress.toml"
    return Labels(language, tomllib.loads(path.read_text(encoding="utf-8")))
