"""Where the bot's words live, and so which languages it can speak.

A language is a folder ``<code>/`` holding its interface texts (``messages*.toml``) and its reports' texts
(``report.toml``): adding one is adding a folder, no code. The folders are looked for first in the extra
content folders the operator names (``CONTENT_PATH``, several separated like ``PATH``), then in this package,
so a deployment can bring its own language (or its own wording of a built-in one) without touching the
installed bot. Both the bot and the reports (a leaf that may not import the bot) ask here.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

BUILT_IN = Path(__file__).resolve().parent
ENVIRONMENT = "CONTENT_PATH"

_chosen: tuple[Path, ...] | None = None


def use(paths: str | os.PathLike | list | tuple | None) -> None:
    """Set the extra content folders (the ``CONTENT_PATH`` setting); None: the environment's, if any."""
    global _chosen
    _chosen = None if paths is None else _split(paths)


def _split(paths: str | os.PathLike | list | tuple) -> tuple[Path, ...]:
    if isinstance(paths, (list, tuple)):
        return tuple(Path(p) for p in paths)
    return tuple(Path(p) for p in str(paths).split(os.pathsep) if p.strip())


def roots(paths: str | os.PathLike | list | tuple | None = None) -> tuple[Path, ...]:
    """The content folders, searched in this order; the built-in one last. ``paths``: these extra folders
    instead of the ones in use (to check a setting before using it)."""
    if paths is not None:
        extra = _split(paths)
    else:
        extra = _chosen if _chosen is not None else _split(os.environ.get(ENVIRONMENT, ""))
    return (*(p for p in extra if p.resolve() != BUILT_IN), BUILT_IN)


def is_language(folder: Path) -> bool:
    return folder.is_dir() and (folder / "report.toml").is_file() and any(folder.glob("messages*.toml"))


def language_dir(code: str) -> Path | None:
    """The folder of one language: the first content folder that has it whole."""
    return _language_dir(roots(), code)


def languages(paths: str | os.PathLike | list | tuple | None = None) -> tuple[str, ...]:
    """Every language some content folder has, by code (alphabetical: a workshop's file says its own order)."""
    return _languages(roots(paths))


# The folders are read once for each set of roots: every update asks which languages there are, and reading
# the disk each time cost more than the rest of a reply (a folder added while the bot runs counts after a restart).
@functools.cache
def _language_dir(searched: tuple[Path, ...], code: str) -> Path | None:
    for root in searched:
        if is_language(folder := root / code):
            return folder
    return None


@functools.cache
def _languages(searched: tuple[Path, ...]) -> tuple[str, ...]:
    found = {f.name for root in searched if root.is_dir() for f in root.iterdir() if is_language(f)}
    return tuple(sorted(found))


def find(relative: str) -> Path:
    """A file beside the languages (``workshops/...``, ``glossaries/...``): the first content folder's that has it."""
    for root in roots():
        if (root / relative).exists():
            return root / relative
    return BUILT_IN / relative
