"""Settings, read once from the environment (and an optional ``.env``), validated before anything starts.

A missing token or a malformed URL stops the bot at start-up with a message that says what to do,
instead of a stack trace minutes later. The token is a ``SecretStr`` so it never reaches a log line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

TELEGRAM_API_URL = "https://api.telegram.org/bot"
TOKEN_HELP = (
    "TELEGRAM_BOT_TOKEN is not set.\n"
    "Get a token from @BotFather in Telegram (send /newbot and follow the steps), then run:\n"
    "    export TELEGRAM_BOT_TOKEN='123456789:AA...'\n"
    "or put TELEGRAM_BOT_TOKEN=... in a .env file next to the Makefile."
)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_url: str = Field(default=TELEGRAM_API_URL, description="Bot API base URL; the token is appended")
    telegram_file_url: str | None = Field(default=None, description="file download base URL; derived if unset")
    database_path: Path = Path("workshop.sqlite3")
    default_language: Literal["es", "en"] = "es"
    workshop_file: Path | None = Field(default=None, description="loaded at start-up when the store is empty")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    max_text_length: int = Field(default=2000, ge=100, le=3500)
    max_document_mb: int = Field(default=20, ge=1, le=50)

    @field_validator("telegram_api_url", "telegram_file_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        number, _, secret = value.get_secret_value().strip().partition(":")
        if not number.isdigit() or not secret:
            raise ValueError("does not look like a bot token (expected '<digits>:<secret>' from @BotFather)")
        return SecretStr(value.get_secret_value().strip())

    @property
    def file_url(self) -> str:
        if self.telegram_file_url:
            return self.telegram_file_url
        base = self.telegram_api_url
        return base[: -len("/bot")] + "/file/bot" if base.endswith("/bot") else base + "/file/bot"

    def token(self) -> str:
        if self.telegram_bot_token is None:
            raise ConfigError(TOKEN_HELP)
        return self.telegram_bot_token.get_secret_value()

    def describe(self) -> str:
        """A log line that shows the settings with the secret masked."""
        token = "set (hidden)" if self.telegram_bot_token else "NOT SET"
        return (
            f"token={token} api={self.telegram_api_url} db={self.database_path} "
            f"language={self.default_language} workshop_file={self.workshop_file}"
        )


class ConfigError(Exception):
    """The settings cannot be used; the message tells the person what to fix."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = [f"  {'.'.join(str(p) for p in err['loc']).upper()}: {err['msg']}" for err in exc.errors()]
        raise ConfigError("Invalid settings:\n" + "\n".join(lines)) from None
