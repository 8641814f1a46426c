"""Machine pre-translation through a LibreTranslate-compatible service: a draft a person confirms, never more.

Off unless ``translation_url`` is set. The service is someone else's server on the network, so every way it can
fail (refused, slow, an error page, an answer of another shape) means the same thing here: there is no draft,
and the person types the translation themselves. Nothing it returns is trusted beyond being text: it is
bounded like anything typed and escaped wherever it is shown.
"""

from __future__ import annotations

import logging

import aiohttp

from bot.config import Settings

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 8.0     # a person is waiting for the answer
DRAFT_LIMIT = 8000        # characters of a draft kept: more than any text the bot takes


class MachineTranslator:
    """``POST {url}/translate`` with ``{q, source, target, format: "text", api_key}``, read
    ``{"translatedText": ...}``."""

    def __init__(self, url: str, api_key: str | None = None, timeout: float = TIMEOUT_SECONDS) -> None:
        self.url = url.rstrip("/") + "/translate"
        self.api_key = api_key
        self.timeout = aiohttp.ClientTimeout(total=timeout)

    async def draft(self, text: str, source: str, target: str) -> str | None:
        """The service's translation of ``text``, or None when there is none to offer."""
        async with aiohttp.ClientSession(timeout=self.timeout) as session:
            return await self._ask(session, text, source, target)

    async def drafts(self, texts: list[tuple[str, str, str]]) -> list[str | None]:
        """Drafts of many (text, source, target), over one connection; after the first failure the rest are not
        asked (a service that is down would make each one wait for its timeout)."""
        found: list[str | None] = []
        async with aiohttp.ClientSession(timeout=self.timeout) as session:
            for text, source, target in texts:
                draft = await self._ask(session, text, source, target)
                found.append(draft)
                if draft is None:
                    break
        return found + [None] * (len(texts) - len(found))

    async def _ask(self, session: aiohttp.ClientSession, text: str, source: str, target: str) -> str | None:
        payload = {"q": text, "source": source, "target": target, "format": "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        try:
            async with session.post(self.url, json=payload) as response:
                if response.status != 200:
                    log.warning("translation service answered %s", response.status)
                    return None
                answer = await response.json(content_type=None)
        except (TimeoutError, aiohttp.ClientError, ValueError) as exc:
            log.warning("translation service unreachable: %s", type(exc).__name__)
            return None
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if not isinstance(translated, str) or not translated.strip():
            return None
        return translated.strip()[:DRAFT_LIMIT]


def from_settings(settings: Settings) -> MachineTranslator | None:
    """The configured service, or None (machine drafts off, the default)."""
    if not settings.translation_url:
        return None
    key = settings.translation_api_key.get_secret_value() if settings.translation_api_key else None
    return MachineTranslator(settings.translation_url, key)
