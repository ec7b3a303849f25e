"""The bot's configuration: `config.toml` (CONTRACT.md) read into pydantic models.

The token is a `SecretStr` so it never shows up in a log line or a traceback, and
`BOT_TOKEN` in the environment wins over the file so a deployment can keep the token
out of the file entirely. Relative paths are taken from the working directory, like
the `index` and `ask` commands do.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from pathlib import Path
from urllib.parse import urlparse

from aiogram.utils.token import TokenValidationError, validate_token
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from index.errors import GongkaiError

DEFAULT_CONFIG = Path("config.toml")
PROXY_SCHEMES = frozenset({"socks5", "socks4", "http", "https"})
TELEGRAM_DOWNLOAD_LIMIT_MB = 20


class ConfigError(GongkaiError):
    """The configuration file is missing, not TOML, or has a wrong value."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TelegramConfig(_Section):
    token: SecretStr = SecretStr("")
    api_base: str = ""
    # a self-hosted server started with --local hands out files as paths on its disk
    api_local: bool = False
    # socks5://host:port or http://host:port (user:password@ allowed): Telegram cannot be
    # reached from mainland China without one
    proxy: SecretStr = SecretStr("")

    @field_validator("proxy")
    @classmethod
    def _proxy_url(cls, value: SecretStr) -> SecretStr:
        url = value.get_secret_value()
        if url and urlparse(url).scheme not in PROXY_SCHEMES:
            raise ValueError(
                "a proxy is a URL such as socks5://127.0.0.1:1080 or http://127.0.0.1:8118"
            )
        return value


class AdminConfig(_Section):
    user_ids: list[int] = Field(default_factory=list)


class IndexConfig(_Section):
    db: Path = Path("data/gongkai.db")
    reports_dir: Path = Path("data/reports")


class WebhookConfig(_Section):
    """Webhook mode, for a bot behind a reverse proxy; polling when `url` is empty."""

    url: str = ""
    secret: SecretStr = SecretStr("")
    host: str = "127.0.0.1"
    port: int = 8080
    path: str = ""

    @property
    def enabled(self) -> bool:
        return bool(self.url)

    @property
    def listen_path(self) -> str:
        return self.path or urlparse(self.url).path or "/telegram"


class LimitsConfig(_Section):
    # Telegram's own Bot API hands bots files up to 20 MB; a self-hosted one more
    max_upload_mb: float = TELEGRAM_DOWNLOAD_LIMIT_MB
    # per user, over a sliding minute; more is answered with one polite notice
    messages_per_minute: int = 20


class Config(_Section):
    telegram: TelegramConfig = Field(default_factory=TelegramConfig)
    admin: AdminConfig = Field(default_factory=AdminConfig)
    index: IndexConfig = Field(default_factory=IndexConfig)
    webhook: WebhookConfig = Field(default_factory=WebhookConfig)
    limits: LimitsConfig = Field(default_factory=LimitsConfig)

    @property
    def max_upload_bytes(self) -> int:
        return int(self.limits.max_upload_mb * 1024 * 1024)

    def webhook_secret(self) -> str:
        """The configured secret, or a fresh one: the bot registers it on every start."""
        return self.webhook.secret.get_secret_value() or secrets.token_urlsafe(32)


def load_config(path: str | Path | None = None, env: dict[str, str] | None = None) -> Config:
    """Read `path` (default `config.toml`), then apply `BOT_TOKEN` from `env`.

    A missing `config.toml` is fine when the token comes from the environment; any
    other file named must exist.
    """
    env = os.environ if env is None else env
    file = Path(path) if path else DEFAULT_CONFIG
    data: dict = {}
    if file.exists():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ConfigError(f"{file} is not valid TOML: {e}") from e
    elif file != DEFAULT_CONFIG:
        raise ConfigError(f"no config file {file} (copy config.example.toml)")
    try:
        config = Config.model_validate(data)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in e.errors()
        )
        raise ConfigError(f"{file}: {problems}") from e
    if env.get("BOT_TOKEN"):
        config.telegram.token = SecretStr(env["BOT_TOKEN"])
    token = config.telegram.token.get_secret_value()
    if not token:
        raise ConfigError(f"no bot token: set [telegram] token in {file} or BOT_TOKEN")
    try:
        validate_token(token)
    except TokenValidationError:
        where = "BOT_TOKEN" if env.get("BOT_TOKEN") else f"the token in {file}"
        raise ConfigError(
            f"{where} is not a bot token: it looks like 123456789:AAE… (ask @BotFather)"
        ) from None
    return config
