"""Reading generated PDFs back the way a reader would: text per page (via pypdf), outline, metadata."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def flat(text: str) -> str:
    """Whitespace collapsed: extraction breaks lines where the layout wrapped them."""
    return re.sub(r"\s+", " ", text).strip()


def pages(pdf: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in reader(pdf).pages]


def text(pdf: bytes) -> str:
    return " ".join(pages(pdf))


def outline(pdf: bytes) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every outline entry, in order."""
    doc = reader(pdf)
    found: list[tuple[int, str, int]] = []

    def walk(entries, depth):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                found.append((depth, entry.title, doc.get_destination_page_number(entry)))

    walk(doc.outline, 0)
    return found
