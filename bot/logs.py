"""Logging for ``workshop-bot``: plain lines for a terminal, or one JSON object a line for a log collector.

Two promises hold in both formats: the bot's token (and the webhook's secret) never appear, because every
line is redacted at the handler, after formatting; and personal text stays out, because the only loggers that
print whole requests, updates or queries with their parameters (python-telegram-bot's and aiosqlite's, at
DEBUG) are held at INFO: aiosqlite's always, PTB's when JSON is asked for, JSON logs being the ones that get
shipped and kept. A webhook request refused for a missing or wrong secret is
raised from PTB's DEBUG to a WARNING of its own, so an operator sees probes without turning on DEBUG.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys

from bot.config import Settings

UPDATER_LOGGER = "telegram.ext.Updater"  # where PTB's webhook server logs, whatever its module is called
_REFUSALS = {
    "Request did not include the secret token": "webhook request refused: it carried no secret token",
    "Request had the wrong secret token: %s": "webhook request refused: it carried a wrong secret token",
}
_CHATTY = ("telegram", "httpx", "httpcore", "aiohttp.access")


class JsonLines(logging.Formatter):
    """One event a line: time, level, logger, event (the message), and the exception's type if there is one."""

    def format(self, record: logging.LogRecord) -> str:
        event = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "event": record.getMessage(),
        }
        if record.exc_info and record.exc_info[0] is not None:
            event["exception"] = record.exc_info[0].__name__
            event["traceback"] = self.formatException(record.exc_info)
        return json.dumps(event, ensure_ascii=False)


class Redacted(logging.Filter):
    """Replaces the secrets wherever they ended up in a formatted line (a URL, an exception's text)."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self.secrets):
            for secret in self.secrets:
                message = message.replace(secret, "[hidden]")
            record.msg, record.args = message, ()
        return True


class WebhookRefusals(logging.Filter):
    """On PTB's updater logger (opened to DEBUG for this): refusals become warnings, other DEBUG lines are
    dropped below ``floor`` as if the logger had that level."""

    def __init__(self, floor: int) -> None:
        super().__init__()
        self.floor = floor

    def filter(self, record: logging.LogRecord) -> bool:
        refusal = _REFUSALS.get(record.msg) if isinstance(record.msg, str) else None
        if refusal is not None:
            record.msg, record.args = refusal, ()  # the wrong token someone sent is not repeated
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            return True
        return record.levelno >= self.floor


def setup_logging(settings: Settings, *, stream=None) -> None:
    """Configure the root logger once, from the settings (``LOG_LEVEL``, ``LOG_FORMAT``)."""
    level = logging.getLevelName(settings.log_level)
    handler = logging.StreamHandler(stream or sys.stderr)
    if settings.log_format == "json":
        handler.setFormatter(JsonLines())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    secrets = [settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else "",
               settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""]
    handler.addFilter(Redacted(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # aiosqlite's DEBUG lines repeat every query with its parameters: names, institutions, typed texts.
    logging.getLogger("aiosqlite").setLevel(max(level, logging.INFO))
    floor = level
    if settings.log_format == "json":
        floor = max(level, logging.INFO)
        for name in _CHATTY:
            logging.getLogger(name).setLevel(max(level, logging.INFO))
        logging.getLogger("apscheduler").setLevel(max(level, logging.WARNING))  # job bookkeeping, not events
    updater = logging.getLogger(UPDATER_LOGGER)
    updater.setLevel(logging.DEBUG)
    updater.addFilter(WebhookRefusals(floor))


def hide(secret: str) -> None:
    """Add a secret made at start-up (the random webhook secret) to what every line is redacted of."""
    for handler in logging.getLogger().handlers:
        for found in handler.filters:
            if isinstance(found, Redacted):
                found.secrets.append(secret)
