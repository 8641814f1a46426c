"""The room's screen, as the projector shows it: the secretariat takes a link with /screen, opens it in a real
headless browser (Debian's chromium), and the page follows the workshop through mapping, table work, the
plenary vote (no tallies while it is open), the ranking and the joint reading, in Spanish and English; a new
or cancelled link leaves the old one answering 404.

Each stage is screenshotted and its DOM dumped after the page's own script polled the bot; the screenshots are
checked in the browser too (a canvas counts their pixels), so a blank or white page fails.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shutil
import struct
from pathlib import Path

import aiohttp
import pytest

from bot.domain import screen as rules
from bot.domain.records import PhaseRow
from bot.offline.runner import OfflineBot, offline_settings
from bot.storage import screen as screen_store
from tests.helpers import item, seat
from tests.process import free_port

CHROMIUM = "/usr/bin/chromium"
WINDOW = (1280, 720)
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", f"--window-size={WINDOW[0]},{WINDOW[1]}")
PRESENT = os.access(CHROMIUM, os.X_OK) or shutil.which("chromium") is not None

# CI's set-up (`make browser`, run by `make test`) installs it, so there a missing browser fails the test.
needs_browser = pytest.mark.skipif(
    not PRESENT and not os.environ.get("CI"), reason=f"no headless browser: {CHROMIUM} is missing (`make browser` or "
                        "`apt-get install -y chromium` installs Debian's chromium)")


class Browser:
    """Chromium run as the projector's laptop would open a page, each run in a fresh profile."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.runs = folder, 0

    async def _run(self, *args: str) -> bytes:
        self.runs += 1
        profile = self.folder / f"profile-{self.runs}"
        process = await asyncio.create_subprocess_exec(
            shutil.which("chromium") or CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
        out, _ = await asyncio.wait_for(process.communicate(), timeout=30)
        assert process.returncode == 0, f"chromium failed on {args}"
        return out

    async def look(self, url: str, name: str) -> tuple[str, Path]:
        """The DOM once the page's script has polled (virtual time lets its first poll finish), and a
        screenshot of the page, taken at the same time by a second browser."""
        shot = self.folder / f"{name}.png"
        dom, _ = await asyncio.gather(self._run("--virtual-time-budget=3000", "--dump-dom", url),
                                      self._run(f"--screenshot={shot}", url))
        return dom.decode(), shot

    async def pixels(self, shots: list[Path]) -> list[dict]:
        """For each screenshot, the share of dark, bright and yellow (#ffd400-ish) pixels, counted in a canvas."""
        images = "".join(f'<img src="data:image/png;base64,{base64.b64encode(s.read_bytes()).decode()}">'
                         for s in shots)
        page = self.folder / "pixels.html"
        page.write_text(f"""<html><body>{images}<pre id="out"></pre><script>
window.onload = function () {{
  var found = [];
  for (const img of document.images) {{
    var c = document.createElement("canvas"); c.width = img.naturalWidth; c.height = img.naturalHeight;
    var g = c.getContext("2d"); g.drawImage(img, 0, 0);
    var d = g.getImageData(0, 0, c.width, c.height).data, dark = 0, bright = 0, yellow = 0, n = d.length / 4;
    for (var i = 0; i < d.length; i += 4) {{
      var r = d[i], gr = d[i + 1], b = d[i + 2];
      if (r < 40 && gr < 40 && b < 40) dark++;
      if (r > 200 && gr > 200 && b > 200) bright++;
      if (r > 220 && gr > 180 && b < 80) yellow++;
    }}
    found.push({{w: c.width, h: c.height, dark: dark / n, bright: bright / n, yellow: yellow / n}});
  }}
  document.getElementById("out").textContent = "RESULT" + JSON.stringify(found) + "END";
}};
</script></body></html>""")
        dom = (await self._run("--virtual-time-budget=5000", "--allow-file-access-from-files", "--dump-dom",
                               page.as_uri())).decode()
        return json.loads(re.search(r"RESULT(.*?)END", dom).group(1))


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header (and that it is a PNG at all)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


def text_of(dom: str) -> str:
    """What the page says: the dumped DOM without its style and script, tags and runs of spaces."""
    body = re.sub(r"<(style|script)>.*?</\1>", " ", dom, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


async def status_of(url: str) -> int:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status


async def until(check, timeout: float = 5.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while not (found := await check()):
        assert asyncio.get_running_loop().time() < deadline, "never happened"
        await asyncio.sleep(0.02)
    return found


async def people(bot, emulator, workshop_id):
    """The secretariat (English), table A's moderator, and three participants of three countries."""
    storage = bot.storage
    ids = {
        "sara": await seat(storage, workshop_id, 9001, "Sara Secretaría", role="secretariat", country=None,
                           language="en"),
        "mora": await seat(storage, workshop_id, 9002, "Mora Moderadora", role="moderator", table="A",
                           language="en"),
        "ana": await seat(storage, workshop_id, 9101, "Ana Pérez", table="A", country="GT"),
        "john": await seat(storage, workshop_id, 9102, "John Smith", table="A", country="BZ", language="en"),
        "luis": await seat(storage, workshop_id, 9103, "Luis Gómez", table="B", country="HN"),
    }
    users = {name: emulator.user(9000 + n, name.title(), language_code="en" if name in ("sara", "mora", "john")
                                 else "es")
             for name, n in (("sara", 1), ("mora", 2), ("ana", 101), ("john", 102), ("luis", 103))}
    return ids, users


async def send_challenge(ana) -> None:
    """Ana sends a challenge as participants do, step by step (community level, social and psychosocial)."""
    await ana.ask("/challenge")
    await ana.ask("Estigma <hacia> las personas retornadas & sus familias")
    await ana.press("Comunitario")
    dims = await ana.next_message()
    await ana.press("Social", message=dims)
    await ana.press("Psicosocial", message=dims)
    ticked = await ana.wait_for(lambda m: m.message_id == dims.message_id and "✓ Psicosocial" in m.button_texts)
    await ana.press("Listo", message=ticked)
    await ana.wait_for(lambda m: m.has_button("Ninguno de estos"))
    await ana.press("Ninguno de estos")
    await ana.wait_for(lambda m: m.has_button("Solo mi país u organización"))
    await ana.press("Solo mi país u organización")
    await ana.wait_for(lambda m: m.has_button("Enviar"))
    await ana.press("Enviar")
    await ana.wait_for(lambda m: "R-" in m.text)


@needs_browser
async def test_the_room_follows_the_workshop_on_the_projector(emulator, database, workshop_id, tmp_path):
    assert PRESENT, f"{CHROMIUM} is missing on CI: `make browser` (apt-get install -y chromium) installs it"
    port = free_port()
    browser = Browser(tmp_path)
    async with OfflineBot(offline_settings(emulator, database, screen_port=port)) as bot:
        storage = bot.storage
        # The agenda's times are moved into the future: the phases open by hand today, as the room decides.
        await storage.conn.execute("UPDATE phases SET opens_at = '2099-01-10T16:00:00+00:00', "
                                   "closes_at = '2099-01-10T18:00:00+00:00'")
        ids, users = await people(bot, emulator, workshop_id)
        sara, mora, ana = users["sara"], users["mora"], users["ana"]

        given = await sara.ask("/screen")
        links = re.findall(r"http://\S+", given.text)
        assert len(links) == 2 and links[0].endswith("?lang=es") and links[1].endswith("?lang=en"), given.text
        es, en = links
        token = es.split("/screen/")[1].split("?")[0]
        assert rules.well_formed(token) and (await sara.ask("/screen")).text == given.text  # the same link again

        # Mapping: the secretariat opens it; a participant sends a challenge, two more items are in the store.
        await sara.ask("/agenda")
        await sara.press("Open: Participatory dialogue: challenges and good practices (day 1)"[:60])
        await ana.wait_for(lambda m: "Diálogo participativo" in m.text)
        await send_challenge(ana)
        await item(storage, workshop_id, ids["john"], "good_practice", level="community", dimensions=("social",),
                   attribution="country", language="en")
        await item(storage, workshop_id, ids["luis"], "challenge", level="structural", dimensions=("economic",),
                   attribution="anonymous")
        dom, shot_mapping = await browser.look(es, "mapping")
        said = text_of(dom)
        assert 'data-stage="mapping"' in dom and re.search(r'data-polls="[1-9]', dom), "the script never polled"
        assert "Mapeo: retos y buenas prácticas" in said and "Por nivel y dimensión" in said
        assert "Comunitario 0 2 1" in said and "Estructural 1 0 0" in said  # económica, social, psicosocial
        assert "Retos: 2 · Buenas prácticas: 1" in said
        assert "Guatemala 1 0" in said and "Belice 0 1" in said and "Sin país indicado 1 0" in said
        assert "Honduras" not in said  # Luis chose to be anonymous: his country is not counted

        # Table work: table A's moderator opens it; recommendations come in; the moderator approves one.
        opened = await mora.ask("/phases")
        await mora.press(opened.button_texts[0])
        await ana.wait_for(lambda m: "tu mesa" in m.text)
        r1 = await item(storage, workshop_id, ids["ana"], "recommendation", table="A",
                        action="Crear <b>mesas</b> & redes locales de acogida")
        r2 = await item(storage, workshop_id, ids["john"], "recommendation", table="A", language="en",
                        action="Fund psychosocial care at every arrival point")
        r3 = await item(storage, workshop_id, ids["luis"], "recommendation", table="B",
                        action="Validar competencias laborales de personas retornadas")
        await mora.ask("/mod")
        await mora.press("📋 Review (2)")
        card = await mora.wait_for(lambda m: m.has_button("✅ Approve"))
        await mora.press("✅ Approve", message=card)
        await mora.wait_for(lambda m: "approved" in m.text)
        dom, shot_tables = await browser.look(en, "tables")
        said = text_of(dom)
        assert 'data-stage="tables"' in dom and "Working tables" in said
        assert "Table Sent To review Approved" in said
        assert "Group A 2 1 1" in said and "Group B 1 1 0" in said and "Group C 0 0 0" in said

        # The plenary vote: open, dots given, and none of it on the screen while the vote is open.
        await sara.ask("/agenda")
        await sara.press("Open: Plenary: presenting and discussing recommendations"[:60])
        await ana.wait_for(lambda m: "Plenaria" in m.text)
        for person, target in (("ana", r3), ("ana", r3), ("john", r3), ("luis", r1), ("luis", r2)):
            assert await storage.move_dot(workshop_id, target, ids[person], 1, limit=5, cap=2) is None
        dom, shot_vote = await browser.look(en, "vote")
        said = text_of(dom)
        assert 'data-stage="vote"' in dom and "The vote is open: 3 recommendations under consideration." in said
        assert "Most supported" not in said and "Dots" not in said and f"Rec-{r3}" not in said

        # The vote closes: the ranking, most dots first (ties by the stated rule: the older reference first).
        await sara.ask("/agenda")
        await sara.press("Close: Plenary: presenting and discussing recommendations"[:60])
        await sara.wait_for(lambda m: "⚪ Plenary" in m.text)
        dom, shot_ranking = await browser.look(es, "ranking")
        said = text_of(dom)
        assert 'data-stage="ranking"' in dom and "Resultado de la votación" in said
        assert said.index(f"Rec-{r3}") < said.index(f"Rec-{r1}") < said.index(f"Rec-{r2}")
        assert f"1 Rec-{r3} Validar competencias laborales de personas retornadas · Grupo B 3 0 0" in said

        # The joint reading: the secretariat opens it and adopts the first; the screen moves on to the next.
        await sara.ask("/reading")
        first = await sara.wait_for(lambda m: m.has_button("Adopt"))
        assert f"Rec-{r3}" in first.text
        await sara.press("Adopt", message=first)
        await sara.wait_for(lambda m: f"Rec-{r1}" in m.text and m.has_button("Adopt"))
        # A person gave Rec-{r3} in English: the English screen reads it in English; Rec-{r1} has no English version.
        await storage.set_translation(workshop_id, "item", r3, "action", "en", "Validate returnees' work skills",
                                      translates="Validar competencias laborales de personas retornadas",
                                      person_id=ids["john"])
        dom, shot_reading = await browser.look(en, "reading")
        said = text_of(dom)
        assert 'data-stage="reading"' in dom and "Joint reading" in said and "Being read · 2 of 3" in said
        assert "Crear &lt;b&gt;mesas&lt;/b&gt; &amp; redes locales de acogida" in dom  # shown as typed
        assert "<b>mesas</b>" not in dom
        assert f"Rec-{r3} Validate returnees' work skills Adopted" in said

        # Each screenshot is the window's size, mostly black with white text and the yellow headings.
        shots = [shot_mapping, shot_tables, shot_vote, shot_ranking, shot_reading]
        assert all(png_size(shot) == WINDOW for shot in shots)
        for name, found in zip(("mapping", "tables", "vote", "ranking", "reading"), await browser.pixels(shots),
                               strict=True):
            assert (found["w"], found["h"]) == WINDOW, name
            assert found["dark"] > 0.6 and 0.003 < found["bright"] < 0.3 and found["yellow"] > 0.0005, (name, found)

        # A new link cancels the old one; cancelling leaves none: each is answered 404, like a wrong token.
        renewed = re.findall(r"http://\S+", (await sara.ask("/screen new")).text)[1]
        assert renewed != en and await status_of(en) == 404 and await status_of(renewed) == 200
        assert await status_of(renewed.replace("?lang=en", "/state?lang=en")) == 200
        assert (await sara.ask("/screen off")).text.startswith("Screen link cancelled")
        assert await status_of(renewed) == 404
        assert await status_of(renewed.replace("?lang=en", "/state?lang=en")) == 404
        assert await status_of(f"http://127.0.0.1:{port}/screen/{'x' * 43}") == 404
        assert await screen_store.live_link(storage, workshop_id) is None
        actions = [r[0] for r in await storage.fetch_all(
            "SELECT action FROM audit_log WHERE action LIKE 'screen_%' ORDER BY id")]
        assert actions == ["screen_link_opened", "screen_link_opened", "screen_link_revoked"]


async def test_only_the_secretariat_gets_a_link_and_only_when_the_screen_is_on(emulator, database, workshop_id):
    port = free_port()
    async with OfflineBot(offline_settings(emulator, database, screen_port=port)) as bot:
        _, users = await people(bot, emulator, workshop_id)
        for name in ("ana", "mora"):
            refused = await users[name].ask("/screen")
            assert "secretar" in refused.text and "http" not in refused.text
        assert await bot.storage.fetch_value("SELECT count(*) FROM screen_links") == 0
        page = re.findall(r"http://\S+", (await users["sara"].ask("/screen")).text)[0]
        async with aiohttp.ClientSession() as session, session.get(page) as response:
            body = await response.text()
            assert response.status == 200 and "default-src 'none'" in response.headers["Content-Security-Policy"]
        assert "http" not in re.sub(r'data-state="[^"]*"', "", body).replace("http-equiv", "")  # nothing external
    async with OfflineBot(offline_settings(emulator, database)) as bot:  # no SCREEN_PORT: no screen at all
        told = await emulator.user(9001).ask("/screen")
        assert "not switched on" in told.text and "SCREEN_PORT" in told.text


def _phase(kind: str, state: str, table_id: int | None = None) -> PhaseRow:
    return PhaseRow(1, 1, kind, kind, table_id, None, None, 10, state, None, None, None)


def test_the_stage_follows_what_is_open_and_the_tallies_wait_for_the_vote_to_close():
    import datetime as dt

    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    assert rules.stage([_phase("mapping", "open")], now, reading_opened=False) == rules.MAPPING
    assert rules.stage([_phase("mapping", "closed"), _phase("tables", "open", 1)], now,
                       reading_opened=False) == rules.TABLES
    assert rules.stage([_phase("tables", "open", 1), _phase("plenary", "open")], now,
                       reading_opened=False) == rules.VOTE
    assert rules.stage([_phase("plenary", "closed"), _phase("joint_reading", "open")], now,
                       reading_opened=False) == rules.RANKING
    assert rules.stage([_phase("plenary", "closed")], now, reading_opened=True) == rules.READING
    assert rules.stage([_phase("plenary", "scheduled")], now, reading_opened=False) == rules.MAPPING
    # A vote held and closed shows its ranking even if a table was left open; a vote whose window merely
    # passed (never opened) does not hide the mapping the room opened by hand.
    assert rules.stage([_phase("tables", "open", 1), _phase("plenary", "closed")], now,
                       reading_opened=False) == rules.RANKING
    past = PhaseRow(2, 1, "plenary", "plenary", None, "2022-01-01T10:00:00+00:00", "2022-01-01T12:00:00+00:00",
                    10, "scheduled", None, None, None)
    assert rules.stage([_phase("mapping", "open"), past], now, reading_opened=False) == rules.MAPPING
    assert rules.stage([past], now, reading_opened=False) == rules.RANKING
    assert [s for s in rules.STAGES if rules.tallies_shown(s)] == [rules.RANKING, rules.READING]
    assert not rules.well_formed("../../etc") and not rules.well_formed("short")
