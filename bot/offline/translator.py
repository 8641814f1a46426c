"""A stand-in for a LibreTranslate server, for the tests and the offline demo: ``POST /translate``.

It knows the translations it is given (the demo passes its own bilingual texts) and a few phrases; anything else
comes back as a recognisable draft, ``[es→en] text``, so a test can tell a machine draft from what a person typed.
It can be told to be ``down`` (it answers 503), and it keeps what it was asked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiohttp import web

# A few whole phrases each way; the rest is marked as a draft rather than translated badly.
PHRASES = {
    ("en", "es"): {
        "Create one-stop reception desks for returnees": "Crear ventanillas únicas de recepción para personas "
                                                         "retornadas",
        "Lack of formal jobs": "Falta de empleo formal",
    },
    ("es", "en"): {
        "Falta de empleo formal": "Lack of formal jobs",
        "Crear una mesa interinstitucional": "Create an inter-agency round table",
    },
}


class FakeTranslator:
    """Start on a free local port (``async with FakeTranslator() as fake``), then point ``translation_url`` at
    ``fake.url``. ``known`` maps an original text to its translation, whatever the languages."""

    def __init__(self, known: Mapping[str, str] | None = None, *, api_key: str | None = None,
                 host: str = "127.0.0.1", port: int = 0) -> None:
        self.known = dict(known or {})
        self.api_key = api_key
        self.host, self.port = host, port
        self.down = False
        self.asked: list[dict[str, Any]] = []
        self._runner: web.AppRunner | None = None

    def draft(self, text: str, source: str, target: str) -> str:
        """What this fake answers for ``text``."""
        return self.known.get(text) or PHRASES.get((source, target), {}).get(text) or f"[{source}→{target}] {text}"

    async def _translate(self, request: web.Request) -> web.Response:
        if self.down:
            return web.json_response({"error": "unavailable"}, status=503)
        try:
            asked = await request.json()
        except ValueError:
            return web.json_response({"error": "Invalid request"}, status=400)
        self.asked.append(asked)
        if self.api_key is not None and asked.get("api_key") != self.api_key:
            return web.json_response({"error": "Invalid API key"}, status=403)
        if not isinstance(asked.get("q"), str) or not asked.get("source") or not asked.get("target"):
            return web.json_response({"error": "Invalid request: missing q, source or target"}, status=400)
        return web.json_response({"translatedText": self.draft(asked["q"], asked["source"], asked["target"])})

    async def start(self) -> FakeTranslator:
        app = web.Application()
        app.router.add_post("/translate", self._translate)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def __aenter__(self) -> FakeTranslator:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()
