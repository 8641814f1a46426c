"""The workshop file: the example is valid, mistakes are all reported with their field, the CLI stores it."""

import asyncio
import tomllib

import pytest

from bot.cli import main
from bot.domain.workshop_file import EXAMPLE_FILE, WorkshopFileError, load_workshop, parse_workshop
from bot.storage import Storage


def test_the_crm_example_describes_the_puebla_workshop(example_workshop):
    assert example_workshop.id == "crm-puebla-2022"
    assert [t.id for t in example_workshop.tables] == ["A", "B", "C"]
    assert [t.level for t in example_workshop.tables] == ["individual", "community", "structural"]
    assert {d.id for d in example_workshop.dimensions} == {"economic", "social", "psychosocial"}
    assert len(example_workshop.countries) == 11
    assert {p.kind for p in example_workshop.phases} >= {"mapping", "tables", "plenary", "joint_reading"}


def test_every_mistake_is_reported_with_its_field():
    raw = tomllib.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    raw["tables"][1]["level"] = "galactic"
    raw["tables"][2]["capacity"] = 0
    raw["languages"] = ["es", "fr"]
    raw["timezone"] = "Mars/Olympus"
    del raw["title"]["en"]
    with pytest.raises(WorkshopFileError) as caught:
        parse_workshop(raw, "broken.toml")
    text = "\n".join(caught.value.errors)
    assert "tables[2].capacity" in text
    assert "languages" in text and "fr" in text
    assert "timezone" in text
    assert "title.en" in text


def test_cross_field_mistakes_are_reported():
    raw = tomllib.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    raw["tables"][1]["level"] = "galactic"
    raw["tables"][2]["id"] = "A"
    with pytest.raises(WorkshopFileError) as caught:
        parse_workshop(raw)
    text = "\n".join(caught.value.errors)
    assert "tables[1].level 'galactic'" in text
    assert "duplicate id(s) ['A']" in text


def test_a_file_that_is_not_toml_is_reported(tmp_path):
    broken = tmp_path / "w.toml"
    broken.write_text("id = [unclosed", encoding="utf-8")
    with pytest.raises(WorkshopFileError, match="not valid TOML"):
        load_workshop(broken)


def test_cli_load_stores_the_workshop(tmp_path, monkeypatch, capsys):
    database = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("DATABASE_PATH", str(database))
    assert main(["workshop", "load", str(EXAMPLE_FILE)]) == 0
    assert "stored workshop 'crm-puebla-2022'" in capsys.readouterr().out

    async def tables() -> int:
        async with Storage(database) as storage:
            stored = await storage.workshop_by_slug("crm-puebla-2022")
            return len(await storage.working_tables(stored.id))

    assert asyncio.run(tables()) == 3


def test_cli_load_refuses_a_broken_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "cli.sqlite3"))
    broken = tmp_path / "w.toml"
    broken.write_text('id = "Not A Slug"\n', encoding="utf-8")
    assert main(["workshop", "load", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "id:" in out and "briefing" in out
    assert not (tmp_path / "cli.sqlite3").exists()


def test_cli_writes_the_roadmap_minutes_and_exports(tmp_path, monkeypatch, capsys):
    from pypdf import PdfReader

    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "cli.sqlite3"))
    assert main(["workshop", "load", str(EXAMPLE_FILE)]) == 0
    assert main(["roadmap", "--workshop", "crm-puebla-2022", "--lang", "en", "-o", str(tmp_path / "r.pdf")]) == 0
    text = " ".join(p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages)
    assert "Workshop on Sustainable Reintegration" in text
    assert main(["minutes", "--workshop", "crm-puebla-2022", "--table", "C", "-o", str(tmp_path / "m.pdf")]) == 0
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF")
    assert main(["export", "--workshop", "crm-puebla-2022", "--format", "xlsx", "-o", str(tmp_path / "d.xlsx")]) == 0
    assert (tmp_path / "d.xlsx").read_bytes().startswith(b"PK")
    assert main(["minutes", "--workshop", "crm-puebla-2022", "--table", "Z", "-o", str(tmp_path / "x.pdf")]) == 1
    assert main(["roadmap", "--workshop", "nope", "-o", str(tmp_path / "x.pdf")]) == 1


def test_cli_invite_prints_working_links_and_a_qr_code(tmp_path, monkeypatch, capsys):
    database = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("DATABASE_PATH", str(database))
    assert main(["workshop", "load", str(EXAMPLE_FILE)]) == 0
    capsys.readouterr()
    assert main(["invite", "--workshop", "crm-puebla-2022", "--bot-username", "@crm_bot", "--max-uses", "3",
                 "--expires-days", "10", "--qr", str(tmp_path / "invite.svg")]) == 0
    out = capsys.readouterr().out
    link = out.split("participant: ")[1].split()[0]
    assert link.startswith("https://t.me/crm_bot?start=")
    assert (tmp_path / "invite.svg").read_text().lstrip().startswith("<?xml")
    assert main(["invite", "--workshop", "crm-puebla-2022", "--role", "moderator", "--table", "B",
                 "--bot-username", "crm_bot"]) == 0
    assert "moderator of table B: https://t.me/crm_bot?start=" in capsys.readouterr().out
    assert main(["invite", "--workshop", "crm-puebla-2022", "--role", "moderator", "--bot-username", "x"]) == 1

    async def stored():
        async with Storage(database) as storage:
            return await storage.invitations(1)

    # the load also printed a claim code for the workshop's first secretariat: an invitation of its own
    claim, participant, moderator = asyncio.run(stored())
    assert (claim.role, claim.max_uses) == ("secretariat", 1)
    assert participant.token == link.rsplit("=", 1)[1]
    assert (participant.role, participant.max_uses, participant.expires_at is not None) == ("participant", 3, True)
    assert moderator.role == "moderator" and moderator.table_id is not None
