"""/audit names every action in words, in both languages: each action name the code writes to the audit
log (found by reading the code, so a new one cannot be forgotten) has a label under [mod.audit_action] (in any of the
language's message files)."""

import ast
import tomllib
from pathlib import Path

import pytest

from tests.helpers import item, seat
from tests.test_moderation_session import moderator_of

ROOT = Path(__file__).resolve().parents[1]
# Action names built with an f-string: the values the placeholder takes, per prefix.
EXPANSIONS = {"phase_": ("open", "closed"), "agenda_": ("open", "close"),
              "reading_": ("adopted", "adopted_amended", "set_aside"),
              "write_": ("introduction", "conclusions", "next_step"), "synthesis_": ("submit", "return", "approve"),
              "amendment_": ("accepted", "merged")}
# Where the action is the n-th positional argument.
POSITION = {"record_audit": 3, "record_table_action": 3}


def _names(node: ast.expr) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.JoinedStr):
        prefix = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        assert prefix in EXPANSIONS, f"an audit action built as f'{prefix}{{...}}': list its values in EXPANSIONS"
        return {prefix + value for value in EXPANSIONS[prefix]}
    if isinstance(node, ast.Name):
        return set()  # a parameter passed on (record_table_action, edit_contribution): its callers are read
    # {"approved": "approve", "rejected": "reject"}.get(status, status): the names the mapping produces
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Dict):
        return {value.value for value in node.func.value.values}
    raise AssertionError(f"an audit action written as {ast.unparse(node)}: teach this test to read it")


def written_actions() -> set[str]:
    found: set[str] = set()
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("handlers/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            if name in POSITION and len(node.args) > POSITION[name]:
                found |= _names(node.args[POSITION[name]])
            for keyword in node.keywords:
                if keyword.arg == "audit_action":
                    found |= _names(keyword.value)
    return found


def test_the_code_writes_the_actions_we_expect():
    assert {"approve", "reject", "merge", "edit", "reading_adopted", "reading_set_aside", "phase_open",
            "agenda_close", "workshop_closed", "seat"} <= written_actions()


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_audit_action_has_a_label(language):
    labels: dict = {}
    for path in (ROOT / "content" / language).glob("messages*.toml"):
        labels |= tomllib.loads(path.read_text(encoding="utf-8")).get("mod", {}).get("audit_action", {})
    missing = sorted(written_actions() - set(labels))
    assert not missing, f"no [mod.audit_action] label in {language} for {missing}"
    assert "comment" in labels  # plenary comments, shown in the trail the secretariat reads


async def test_the_trail_names_the_joint_reading_in_words(bot, emulator, workshop_id):
    storage = bot.storage
    mod = await moderator_of(emulator, storage, workshop_id, table="A", user_id=5901)
    ana = await seat(storage, workshop_id, 5902, "Ana Pérez", table="A")
    found = await item(storage, workshop_id, ana, "recommendation", table="A")
    await storage.set_reading_outcome(found, "set_aside", None, reason="Ya existe")
    trail = await mod.ask("/audit")
    assert f"set aside in the joint reading #{found}" in trail.text and "reading_" not in trail.text
