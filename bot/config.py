"""Settings, read once from the environment (and an optional ``.env``), validated before anything starts.

A missing token or a malformed URL stops the bot at start-up with a message that says what to do,
instead of a stack trace minutes later. The token is a ``SecretStr`` so it never reaches a log line.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Literal, NamedTuple
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

import content

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
    # extra content folders, searched before the built-in one (several: separated like PATH): where an
    # operator adds a language (``<folder>/<code>/messages*.toml`` and ``report.toml``) without touching the bot
    content_path: str | None = Field(default=None, description="extra content folders; languages are read there first")
    # a language code with a content folder (content/<code>/, or one of CONTENT_PATH's); checked below
    default_language: str = "es"
    workshop_file: Path | None = Field(default=None, description="loaded at start-up when the store is empty")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    max_text_length: int = Field(default=2000, ge=100, le=3500)
    max_document_mb: int = Field(default=20, ge=1, le=50)
    # Webhook mode (``workshop-bot run --webhook URL``): where PTB's own web server listens; a reverse proxy
    # with TLS usually sits in front, so the defaults listen on this machine only.
    webhook_url: str | None = Field(default=None, description="public HTTPS URL Telegram posts updates to")
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_path: str | None = Field(default=None, description="local path; the webhook URL's path if unset")
    webhook_secret: SecretStr | None = Field(default=None, description="checked on every request; random if unset")
    # Health: GET /healthz on this local port, in both modes; unset means no health server.
    health_listen: str = "127.0.0.1"
    health_port: int | None = Field(default=None, ge=0, le=65535)
    # The room's screen (a read-only page for the projector, linked from /screen): off unless a port is set.
    # SCREEN_URL is the address the projector's browser reaches the bot at (e.g. behind a reverse proxy).
    screen_listen: str = "127.0.0.1"
    screen_port: int | None = Field(default=None, ge=0, le=65535)
    screen_url: str | None = Field(default=None, description="public base URL of the screen; derived if unset")
    log_format: Literal["text", "json"] = "text"
    # Retention: this many days after a workshop closes its personal data is erased (items stay, anonymous);
    # the secretariat is warned ``retention_warning_days`` before. Unset means kept until erased by hand.
    retention_days: int | None = Field(default=None, ge=1, le=3650)
    retention_warning_days: int = Field(default=7, ge=1, le=90)
    # Machine pre-translation (off unless set): a LibreTranslate-compatible service, e.g. a self-hosted one.
    translation_url: str | None = Field(default=None, description="translation service base URL; off if unset")
    translation_api_key: SecretStr | None = None
    # The duplicate finder's comparison by meaning (where a workshop file asks for it) with a sentence-transformers
    # model in this folder, its weights on this machine (e.g. EmbeddingGemma-300M), instead of the optional
    # extra's USE; needs torch and sentence-transformers beside the bot (README: "A stronger model for
    # near-duplicates").
    meaning_model: Path | None = Field(default=None, description="sentence-transformers model folder; USE if unset")

    @field_validator("meaning_model")
    @classmethod
    def _model_folder(cls, value: Path | None) -> Path | None:
        if value is not None and not (value / "modules.json").is_file():
            raise ValueError(f"{value} is not a sentence-transformers model folder (it has no modules.json)")
        return value

    @field_validator("translation_url", "screen_url", mode="before")
    @classmethod
    def _blank_is_off(cls, value: str | None) -> str | None:
        """``TRANSLATION_URL=`` left empty in a .env means machine drafts off, not a malformed URL."""
        return value if value is None or str(value).strip() else None

    @field_validator("default_language")
    @classmethod
    def _spoken_language(cls, value: str, info: ValidationInfo) -> str:
        """DEFAULT_LANGUAGE must be one the content has (CONTENT_PATH's folders included), else every text
        would be missing."""
        spoken = content.languages(info.data.get("content_path"))
        if value not in spoken:
            raise ValueError(f"{value!r} has no content folder; one of {list(spoken)}")
        return value

    @field_validator("telegram_api_url", "telegram_file_url", "translation_url", "screen_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("must be the public https:// address Telegram posts updates to")
        return value

    @field_validator("webhook_path")
    @classmethod
    def _webhook_path(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("/"):
            raise ValueError("must start with /")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        """Telegram accepts 1-256 characters of A-Z, a-z, 0-9, _ and - as a secret token."""
        if value is None or not value.get_secret_value():
            return None
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
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

    def screen_base(self, port: int | None = None) -> str | None:
        """Where the screen's links point (``port``: the one actually bound, when 0 asked for any); None: off."""
        if self.screen_port is None:
            return None
        return self.screen_url or f"http://{self.screen_listen}:{port or self.screen_port}"

    def token(self) -> str:
        if self.telegram_bot_token is None:
            raise ConfigError(TOKEN_HELP)
        return self.telegram_bot_token.get_secret_value()

    def webhook(self, url: str | None = None) -> Webhook | None:
        """Where and how to listen in webhook mode (``url`` from the command line wins), or None for polling.

        Without a configured secret a random one is made: PTB sends it to Telegram with ``setWebhook`` at every
        start, so it never needs to be known outside this process."""
        url = url or self.webhook_url
        if url is None:
            return None
        url = self._webhook_url(url)
        secret = self.webhook_secret.get_secret_value() if self.webhook_secret else secrets.token_urlsafe(32)
        path = self.webhook_path or urlsplit(url).path or "/"
        return Webhook(url, self.webhook_listen, self.webhook_port, path.lstrip("/"), SecretStr(secret))

    def describe(self) -> str:
        """A log line that shows the settings with the secret masked."""
        token = "set (hidden)" if self.telegram_bot_token else "NOT SET"
        return (
            f"token={token} api={self.telegram_api_url} db={self.database_path} "
            f"language={self.default_language} workshop_file={self.workshop_file} "
            f"machine_translation={'on' if self.translation_url else 'off'} "
            f"meaning_model={self.meaning_model or '(USE)'} "
            f"health={'off' if self.health_port is None else f'{self.health_listen}:{self.health_port}'}"
        )


class Webhook(NamedTuple):
    """Everything ``Application.run_webhook`` needs; the secret stays a ``SecretStr`` until handed over."""

    url: str
    listen: str
    port: int
    path: str
    secret: SecretStr


class ConfigError(Exception):
    """The settings cannot be used; the message tells the person what to fix."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = [f"  {'.'.join(str(p) for p in err['loc']).upper()}: {err['msg']}" for err in exc.errors()]
        raise ConfigError("Invalid settings:\n" + "\n".join(lines)) from None
