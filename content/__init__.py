"""Where the bot's words live, and so which languages it can speak.

A language is a folder ``<code>/`` holding its interface texts (``messages*.toml``) and its reports' texts
(``report.toml``): adding one is adding a folder, no code. The folders are looked for first in the extra
content folders the operator names (``CONTENT_PATH``, several separated like ``PATH``), then in this package,
so a deployment can bring its own language (or its own wording of a built-in one) without touching the
installed bot. Both the bot and the reports (a leaf that may not import the bot) ask here.

What a folder may be called is decided here once (``LANGUAGE_CODE``): a language's ISO 639 code, two or three
lower-case letters ("pt", "fil"), optionally with a region, ISO 3166's two capitals or UN M.49's three digits
("pt-BR", "es-419"), which is how Telegram's apps name them (any case). No script or variant subtags: a longer
code would not fit the buttons' 64 bytes of callback data (``handlers.callbacks.language``), and a name that is
not a code is not a language (``glossaries/``, ``workshops/``).
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from pathlib import Path

BUILT_IN = Path(__file__).resolve().parent
ENVIRONMENT = "CONTENT_PATH"

_chosen: tuple[Path, ...] | None = None

LANGUAGE_CODE = r"[a-z]{2,3}(?:-(?:[A-Z]{2}|[0-9]{3}))?"
LANGUAGE_CODE_BYTES = 7   # the longest code ``LANGUAGE_CODE`` allows ("es-419")
_CODE = re.compile(LANGUAGE_CODE)


def is_code(name: object) -> bool:
    """May this be a language's code, and so a content folder's name (``LANGUAGE_CODE``)?"""
    return isinstance(name, str) and _CODE.fullmatch(name) is not None


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
    """A folder named by a language code, with its interface texts and its reports' texts."""
    return is_code(folder.name) and folder.is_dir() and (folder / "report.toml").is_file() \
        and any(folder.glob("messages*.toml"))


def language_dir(code: str) -> Path | None:
    """The folder of one language: the first content folder that has it whole."""
    return _language_dir(roots(), code) if is_code(code) else None


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


def name_order(name: str) -> tuple[str, str]:
    """A sort key for names in a list a reader scans (countries, organisations), as the language's dictionaries
    order them: by the letters without their accents first ("Canadá" beside "Canada", "Ísland" among the I's, not
    after the Z as code points put it), accents only to break a tie. There is no CLDR collation here (Babel has
    none, PyICU is a large native package): this is the part of it the region's Latin-script names need. Sort the
    names of the edition's language, not ids: "Estados Unidos" comes before "Guatemala", "United States" after."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch)), name.casefold()
