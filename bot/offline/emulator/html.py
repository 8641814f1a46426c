"""Telegram's HTML parse mode, strict enough to fail where Telegram fails.

The bot's texts are built from templates and user input; the commonest production bug is
user text that reaches Telegram unescaped ("<3", "AT&T") and makes sendMessage fail. So this
parser accepts only Telegram's own tags and the four named entities plus numeric ones, and
answers anything else with the wording of Telegram's "can't parse entities" errors. It is
stricter than Telegram on a bare "&" (Telegram keeps it), as Telegram's docs require it escaped.
It returns the visible text and the entities (UTF-16 offsets, as in the Bot API).
"""

import re

_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "tg-emoji": "custom_emoji",
}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_CHAR_REF = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_TAG_NAME = re.compile(r"[^\s>/=\"']*")
_ATTR_NAME = re.compile(r"[A-Za-z0-9_-]+")
_UNQUOTED = re.compile(r"[^\s>\"']+")
_SPACE = re.compile(r"\s*")


class EntityParseError(ValueError):
    """The reason Telegram would give after "Bad Request: can't parse entities: "."""


def utf16_len(text: str) -> int:
    """Entity offsets and lengths count UTF-16 code units, so emoji count 2."""
    return len(text.encode("utf-16-le")) // 2


class _Parser:
    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.out: list[str] = []
        self.offset = 0  # UTF-16 length of the visible text so far
        self.stack: list[tuple[str, int, dict]] = []
        self.entities: list[dict] = []

    def byte_offset(self, pos: int) -> int:
        return len(self.src[:pos].encode())

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.offset += utf16_len(text)

    def run(self) -> tuple[str, list[dict]]:
        src = self.src
        while self.pos < len(src):
            nxt = min((i for i in (src.find("<", self.pos), src.find("&", self.pos)) if i >= 0), default=-1)
            if nxt < 0:
                self.emit(src[self.pos :])
                break
            if nxt > self.pos:
                self.emit(src[self.pos : nxt])
            self.pos = nxt
            if src[nxt] == "&":
                self.char_ref()
            elif src.startswith("</", nxt):
                self.end_tag()
            else:
                self.start_tag()
        if self.stack:
            raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{self.stack[-1][0]}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def char_ref(self) -> None:
        match = _CHAR_REF.match(self.src, self.pos)
        if not match:
            raise EntityParseError(f'Unsupported HTML entity or bare "&" at byte offset {self.byte_offset(self.pos)}')
        named, dec, hexa = match.groups()
        code = int(dec) if dec else int(hexa, 16) if hexa else None
        if (code is not None and not (0 < code <= 0x10FFFF)) or (code is not None and 0xD800 <= code <= 0xDFFF):
            raise EntityParseError(f"Invalid character reference at byte offset {self.byte_offset(self.pos)}")
        self.emit(_NAMED[named] if named else chr(code))
        self.pos = match.end()

    def start_tag(self) -> None:
        begin = self.pos
        name_match = _TAG_NAME.match(self.src, begin + 1)
        name = name_match.group().lower()
        if name not in _ENTITY_TYPES:
            raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {self.byte_offset(begin)}')
        self.pos = name_match.end()
        attrs = self.attributes(name, begin)
        self.open(name, attrs, begin)

    def attributes(self, tag: str, begin: int) -> dict[str, str]:
        attrs: dict[str, str] = {}
        src = self.src
        while True:
            self.pos = _SPACE.match(src, self.pos).end()
            if self.pos >= len(src):
                raise EntityParseError(f'Unclosed start tag "{tag}" at byte offset {self.byte_offset(begin)}')
            if src[self.pos] == ">":
                self.pos += 1
                return attrs
            name = _ATTR_NAME.match(src, self.pos)
            if not name:
                raise EntityParseError(
                    f'Empty attribute name in the tag "{tag}" at byte offset {self.byte_offset(begin)}'
                )
            self.pos = _SPACE.match(src, name.end()).end()
            value = ""
            if src.startswith("=", self.pos):
                self.pos = _SPACE.match(src, self.pos + 1).end()
                value = self.attribute_value(tag, begin)
            attrs[name.group().lower()] = value

    def attribute_value(self, tag: str, begin: int) -> str:
        src = self.src
        if self.pos < len(src) and src[self.pos] in "\"'":
            end = src.find(src[self.pos], self.pos + 1)
            if end < 0:
                raise EntityParseError(f'Unclosed start tag "{tag}" at byte offset {self.byte_offset(begin)}')
            raw, self.pos = src[self.pos + 1 : end], end + 1
        else:
            match = _UNQUOTED.match(src, self.pos)
            raw = match.group() if match else ""
            self.pos = match.end() if match else self.pos
        return _decode_attribute(raw, self.byte_offset(begin))

    def open(self, name: str, attrs: dict[str, str], begin: int) -> None:
        at = f"at byte offset {self.byte_offset(begin)}"
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError(f'Tag "span" must have class "tg-spoiler" {at}')
        if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
            raise EntityParseError(f'Tag "tg-emoji" must have a numeric "emoji-id" attribute {at}')
        if name == "code" and self.stack and self.stack[-1][0] == "pre" and self.stack[-1][1] == self.offset:
            language = attrs.get("class", "")
            if language.startswith("language-"):
                self.stack[-1][2]["language"] = language.removeprefix("language-")
        self.stack.append((name, self.offset, attrs))

    def end_tag(self) -> None:
        begin = self.pos
        close = self.src.find(">", begin)
        if close < 0:
            raise EntityParseError(f"Unclosed end tag at byte offset {self.byte_offset(begin)}")
        name = self.src[begin + 2 : close].strip().lower()
        if not self.stack:
            raise EntityParseError(f"Unexpected end tag at byte offset {self.byte_offset(begin)}")
        open_name, start, attrs = self.stack.pop()
        if open_name != name:
            raise EntityParseError(
                f'Unmatched end tag at byte offset {self.byte_offset(begin)}, expected "</{open_name}>", '
                f'found "</{name}>"'
            )
        self.pos = close + 1
        self.close(open_name, start, attrs)

    def close(self, name: str, start: int, attrs: dict) -> None:
        length = self.offset - start
        if length <= 0 or (name == "a" and not attrs.get("href")):
            return
        if name == "code" and self.stack and self.stack[-1][0] == "pre" and "language" in self.stack[-1][2]:
            return  # <pre><code class="language-x"> is one pre entity with a language
        entity = {"type": _ENTITY_TYPES[name], "offset": start, "length": length}
        if name == "a":
            entity["url"] = attrs["href"]
        elif name == "pre" and attrs.get("language"):
            entity["language"] = attrs["language"]
        elif name == "blockquote" and "expandable" in attrs:
            entity["type"] = "expandable_blockquote"
        elif name == "tg-emoji":
            entity["custom_emoji_id"] = attrs["emoji-id"]
        self.entities.append(entity)


def _decode_attribute(raw: str, begin: int) -> str:
    if "&" not in raw:
        return raw
    try:
        return _Parser(raw).run()[0]
    except EntityParseError as exc:
        raise EntityParseError(f"Wrong attribute value in the tag at byte offset {begin}") from exc


def parse_html(source: str) -> tuple[str, list[dict]]:
    """The text a person sees and its entities, or EntityParseError with Telegram's reason."""
    return _Parser(source).run()


def strip_text(text: str, entities: list[dict]) -> tuple[str, list[dict]]:
    """Telegram trims leading and trailing whitespace of texts and captions, entities follow."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    limit = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, limit)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept
