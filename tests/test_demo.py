"""`make demo` on a smaller cast: the whole workshop, through the bot, ends in the final documents."""

from pypdf import PdfReader

from bot.cli import main


def test_the_demo_workshop_writes_the_final_roadmap_minutes_and_data(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["demo", "--out", str(out), "--people", "9"]) == 0
    story = capsys.readouterr().out
    for stage in ("registration: 9 people", "mapping:", "tables:", "moderation:", "plenary:", "joint reading:",
                  "close: Hoja de ruta final enviada", "demo finished"):
        assert stage in story, stage
    expected = ["roadmap-es.pdf", "roadmap-en.pdf", "data.zip", "data.xlsx", "data.json",
                *(f"minutes-{t}-{lang}.pdf" for t in "ABC" for lang in ("es", "en"))]
    assert all((out / name).stat().st_size > 1000 for name in expected)
    spanish = " ".join(p.extract_text() for p in PdfReader(out / "roadmap-es.pdf").pages)
    english = " ".join(p.extract_text() for p in PdfReader(out / "roadmap-en.pdf").pages)
    assert "Taller sobre Reintegración Sostenible" in spanish and "BORRADOR" not in spanish
    assert "Workshop on Sustainable Reintegration" in english and "DRAFT" not in english
    assert "adoptada" in spanish.lower() or "adoptad" in spanish.lower()
    reading = next(line for line in story.splitlines() if line.startswith("joint reading:"))
    assert "adopted as amended" in reading and "set aside" in reading and "_" not in reading
