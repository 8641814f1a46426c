"""The room's screen as HTML: one page with its CSS and script inline, and the part of it that changes.

Nothing is fetched from anywhere but the bot (no web fonts, no scripts or styles from a CDN; the response's
Content-Security-Policy forbids them too), since the projector's laptop may have no Internet and a room must not
wait on one. Large type on black with white and yellow, so the back row reads it. The script asks the bot for
the changing part every few seconds and swaps it in; without scripts a meta refresh reloads the page instead.
Every value is escaped by Jinja's autoescape: a recommendation's text is shown as typed, never interpreted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

POLL_SECONDS = 5

_ENV = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)

_CSS = """
*{box-sizing:border-box;margin:0;padding:0}
html{background:#000;color:#fff;font-family:"DejaVu Sans","Liberation Sans",Arial,Helvetica,sans-serif;
 font-size:clamp(18px,2.2vw,60px);line-height:1.25}
body{padding:1.2rem 2rem;min-height:100vh}
header{display:flex;justify-content:space-between;align-items:baseline;border-bottom:.12rem solid #ffd400;
 padding-bottom:.4rem;margin-bottom:.8rem}
header h1{font-size:1rem;font-weight:normal;color:#ddd}
h2{font-size:2rem;color:#ffd400;margin-bottom:.6rem}
h3{font-size:1.2rem;color:#ffd400;margin:.8rem 0 .3rem}
table{border-collapse:collapse;width:100%;font-size:1.15rem}
th,td{padding:.25rem .5rem;text-align:left;border-bottom:.05rem solid #555}
th{color:#ffd400;font-weight:bold}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;font-weight:bold}
td.zero{color:#888}
.cols{display:grid;grid-template-columns:auto auto;justify-content:space-between;gap:2rem;align-items:start}
.cols .big{font-size:1.2rem}
.cols table{width:auto;font-size:1rem}
.cols table.countries{font-size:.8rem}
.cols th{white-space:normal}
.rank{font-size:.9rem}
.clamp{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
.big{font-size:1.6rem;margin:.6rem 0}
.now{font-size:1.9rem;border-left:.4rem solid #ffd400;padding:.3rem 0 .3rem .8rem;margin:.5rem 0 .8rem}
.ref{color:#ffd400;font-weight:bold}
.outcome{font-weight:bold;white-space:nowrap}
.adopted,.adopted_amended{color:#7dff7d}
.set_aside{color:#ff9c9c}
.note{color:#ddd;font-size:1.1rem}
#status{position:fixed;right:1rem;bottom:.5rem;font-size:.7rem;color:#aaa}
"""

# The state's address is read from the page (not written into the script), so the script is one constant text.
_SCRIPT = """
(function () {
  var body = document.body, url = body.getAttribute("data-state"), every = POLL_MS;
  function show(state) {
    document.getElementById("screen").innerHTML = state.html;
    body.setAttribute("data-stage", state.stage);
    body.setAttribute("data-polls", String(Number(body.getAttribute("data-polls")) + 1));
    document.getElementById("status").textContent = "";
  }
  function poll() {
    fetch(url, {cache: "no-store", credentials: "omit"}).then(function (response) {
      if (response.status === 404) {
        var gone = document.createElement("h2");
        gone.textContent = body.getAttribute("data-gone");
        document.getElementById("screen").replaceChildren(gone);
        body.setAttribute("data-stage", "gone");
        return null;
      }
      return response.json().then(function (state) { show(state); return true; });
    }).catch(function () {
      document.getElementById("status").textContent = body.getAttribute("data-offline");
      return true;
    }).then(function (again) { if (again) { setTimeout(poll, every); } });
  }
  poll();
})();
""".replace("POLL_MS", str(POLL_SECONDS * 1000))

_PAGE = _ENV.from_string("""<!doctype html>
<html lang="{{ language }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<noscript><meta http-equiv="refresh" content="{{ refresh }}"></noscript>
<title>{{ title }}</title>
<style>{{ css }}</style>
</head>
<body data-stage="{{ stage }}" data-polls="0" data-state="{{ state_url }}" data-gone="{{ gone }}"
 data-offline="{{ offline }}">
<header><h1>{{ workshop }}</h1></header>
<div id="screen">{{ fragment }}</div>
<div id="status" aria-live="polite"></div>
<script>{{ script }}</script>
</body>
</html>
""")

_FRAGMENTS = {
    "mapping": """<h2>{{ t("stage_mapping") }}</h2>
<div class="cols"><section><h3>{{ t("map_head") }}</h3>
<table><tr><th>{{ t("level") }}</th>{% for d in v.dimensions %}<th class="n">{{ d }}</th>{% endfor %}</tr>
{% for level, cells in v.rows %}<tr><th>{{ level }}</th>{% for n in cells %}
<td class="n{% if not n %} zero{% endif %}">{{ n }}</td>{% endfor %}</tr>
{% endfor %}</table>
<p class="big">{{ t("challenges") }}: <b>{{ v.challenges }}</b> · {{ t("practices") }}: <b>{{ v.practices }}</b></p>
</section><section><h3>{{ t("countries_head") }}</h3>
{% if v.countries %}<table class="countries"><tr><th></th><th class="n">{{ t("challenges") }}</th>
<th class="n">{{ t("practices") }}</th></tr>
{% for name, challenges, practices in v.countries %}<tr><td>{{ name }}</td><td class="n">{{ challenges }}</td>
<td class="n">{{ practices }}</td></tr>
{% endfor %}</table>{% else %}<p class="note">{{ t("nothing_yet") }}</p>{% endif %}
</section></div>""",
    "tables": """<h2>{{ t("stage_tables") }}</h2>
<table><tr><th>{{ t("table") }}</th><th class="n">{{ t("sent") }}</th><th class="n">{{ t("waiting") }}</th>
<th class="n">{{ t("approved") }}</th></tr>
{% for name, sent, waiting, approved in v.tables %}<tr><th>{{ name }}</th><td class="n">{{ sent }}</td>
<td class="n">{{ waiting }}</td><td class="n">{{ approved }}</td></tr>
{% endfor %}</table>""",
    "vote": """<h2>{{ t("stage_vote") }}</h2>
<p class="big">{{ t("vote_open", count=v.count) }}</p><p class="note">{{ t("vote_hidden") }}</p>""",
    "ranking": """<h2>{{ t("stage_ranking") }}</h2><h3>{{ t("ranking_head") }}</h3>
{% if v.ranked %}<table class="rank"><tr><th>#</th><th></th><th class="n">{{ t("dots") }}</th>
<th class="n">{{ t("supports") }}</th>
<th class="n">{{ t("objections") }}</th></tr>
{% for r in v.ranked %}<tr><td class="n">{{ r.position }}</td>
<td><div class="clamp"><span class="ref">{{ r.ref }}</span> {{ r.text }}
<span class="note">· {{ r.table }}</span></div></td><td class="n">{{ r.votes }}</td><td class="n">{{ r.support }}</td>
<td class="n">{{ r.object }}</td></tr>
{% endfor %}</table>{% else %}<p class="note">{{ t("ranking_empty") }}</p>{% endif %}""",
    "reading": """<h2>{{ t("stage_reading") }}</h2>
{% if v.current %}<p class="note">{{ t("reading_now", position=v.position, total=v.total) }}</p>
<p class="now"><span class="ref">{{ v.current.ref }}</span> {{ v.current.text }}</p>
{% elif v.ended %}<p class="big">{{ t("reading_ended") }}</p>
{% else %}<p class="big">{{ t("reading_done") }}</p>{% endif %}
<h3>{{ t("decisions_head") }}</h3>
{% if v.decided %}<table>{% for d in v.decided %}<tr><td><span class="ref">{{ d.ref }}</span> {{ d.text }}</td>
<td class="outcome {{ d.status }}">{{ d.outcome }}</td></tr>
{% endfor %}</table>{% else %}<p class="note">{{ t("no_decisions") }}</p>{% endif %}""",
}
_FRAGMENT_TEMPLATES = {name: _ENV.from_string(source) for name, source in _FRAGMENTS.items()}


@dataclass(frozen=True)
class Shown:
    """One stage's view, ready to render: ``values`` are plain strings and numbers (escaped when rendered)."""

    stage: str
    values: dict[str, Any] = field(default_factory=dict)


def fragment(shown: Shown, text: Callable[..., str]) -> str:
    """The changing part of the page. ``text(key, **params)`` gives an interface text (already escaped)."""
    def t(key: str, **params: Any) -> Markup:
        return Markup(text(key, **params))  # the catalogue's markup; it escaped the parameters

    return _FRAGMENT_TEMPLATES[shown.stage].render(t=t, v=shown.values)


def page(shown: Shown, text: Callable[..., str], *, language: str, workshop: str, state_url: str) -> str:
    """The whole page, with the current stage already in it (so it shows before the first poll)."""
    return _PAGE.render(
        language=language, workshop=workshop, title=Markup(text("page_title", workshop=workshop)),
        stage=shown.stage, fragment=Markup(fragment(shown, text)), state_url=state_url,
        gone=Markup(text("gone")).striptags(), offline=Markup(text("offline")).striptags(),
        css=Markup(_CSS), script=Markup(_SCRIPT), refresh=POLL_SECONDS * 3)
