"""Settings: read from the environment, validated at start-up, the token never shown."""

import os
import subprocess
import sys

import pytest

from bot.config import ConfigError, load_settings


def test_missing_token_explains_how_to_get_one(monkeypatch):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    settings = load_settings(_env_file=None)
    with pytest.raises(ConfigError, match="BotFather"):
        settings.token()


def test_token_is_masked_in_logs_and_repr():
    settings = load_settings(telegram_bot_token="123456:SECRET-VALUE", _env_file=None)
    assert "SECRET-VALUE" not in settings.describe()
    assert "SECRET-VALUE" not in repr(settings)
    assert settings.token() == "123456:SECRET-VALUE"


@pytest.mark.parametrize(
    ("field", "value", "complaint"),
    [
        ("telegram_bot_token", "not-a-token", "TELEGRAM_BOT_TOKEN"),
        ("telegram_api_url", "ftp://example", "TELEGRAM_API_URL"),
        ("default_language", "fr", "DEFAULT_LANGUAGE"),
        ("meaning_model", os.path.dirname(__file__), "MEANING_MODEL"),  # a folder, not a model's
    ],
)
def test_invalid_settings_name_the_variable(field, value, complaint):
    with pytest.raises(ConfigError, match=complaint):
        load_settings(**{field: value}, _env_file=None)


def test_environment_is_read(monkeypatch, tmp_path):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "42:abc")
    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:8081/bot/")
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "x.sqlite3"))
    monkeypatch.setenv("DEFAULT_LANGUAGE", "en")
    settings = load_settings(_env_file=None)
    assert settings.token() == "42:abc"
    assert settings.telegram_api_url == "http://127.0.0.1:8081/bot"
    assert settings.file_url == "http://127.0.0.1:8081/file/bot"
    assert settings.database_path == tmp_path / "x.sqlite3"
    assert settings.default_language == "en"


def test_run_without_token_fails_fast_with_a_clear_message(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"], cwd=tmp_path, env={**env, "PYTHONPATH": os.getcwd()},
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN is not set" in result.stderr
    assert "@BotFather" in result.stderr
