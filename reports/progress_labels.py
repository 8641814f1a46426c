"""The follow-up's report texts (`content/<lang>/report_progress.toml`), apart from the roadmap's own so the
progress report, the roadmap's annex of commitments and the exports' sheet share them without touching
`report.toml`. Same rules as `reports.labels`: the same keys in every language, a missing one raises."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from reports.labels import Labels, content_file


def progress_labels(language: str) -> Labels:
    return _progress_labels(*content_file(language, "report_progress.toml"))


@cache
def _progress_labels(language: str, path: Path) -> Labels:
    return Labels(language, tomllib.loads(path.read_text(encoding="utf-8")))
