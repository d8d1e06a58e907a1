"""Configuration: defaults, overlaid by environment variables.

``STACKCHOOSER_ENV`` is ``production`` unless set to ``development`` (or the app runs
under the ``flask`` command, whose server is for development only); outside development
and tests the app refuses to start without ``SECRET_KEY``.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

MISSING_SECRET = (
    "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
    "string (for example: python3 -c 'import secrets; print(secrets.token_hex(32))'), "
    "or set STACKCHOOSER_ENV=development for local work."
)


MIN_SECRET_BYTES = 32
WEAK_SECRET = (
    "SECRET_KEY is too short ({length} bytes): use at least {minimum} random bytes, for "
    "example: python3 -c 'import secrets; print(secrets.token_hex(32))'"
)
NO_PUBLIC_URL = (
    "PUBLIC_URL is not set, so permalinks take their host from each request; set it to the "
    "site's public origin, for example PUBLIC_URL=https://stackchooser.example"
)


class ConfigError(RuntimeError):
    """The configuration is unsafe or incomplete."""


def serving_problems(environ: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """What stops a production server before it starts (errors), and what it should be
    told (warnings). Development settings have neither."""
    if environ.get("STACKCHOOSER_ENV", "production") == "development":
        return [], []
    errors, warnings = [], []
    secret = environ.get("SECRET_KEY", "")
    if not secret:
        errors.append(MISSING_SECRET)
    elif len(secret.encode()) < MIN_SECRET_BYTES:
        errors.append(WEAK_SECRET.format(length=len(secret.encode()), minimum=MIN_SECRET_BYTES))
    else:
        try:
            build_config(environ, None)
        except ConfigError as error:
            errors.append(str(error))
    if not environ.get("PUBLIC_URL"):
        warnings.append(NO_PUBLIC_URL)
    return errors, warnings


BAD_PUBLIC_URL = (
    "PUBLIC_URL must be an absolute http(s) address such as https://stackchooser.example, "
    "not {value!r}"
)


def absolute_http_url(value: str) -> bool:
    """Whether `value` is an absolute http or https URL with a host."""
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _int_from_env(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None


def build_config(environ: Mapping[str, str], overrides: Mapping[str, Any] | None) -> dict[str, Any]:
    """The app's settings from the environment, then `overrides` (tests pass these)."""
    overrides = dict(overrides or {})
    environment = overrides.get("ENV_NAME", environ.get("STACKCHOOSER_ENV", "production"))
    if "ENV_NAME" not in overrides and "STACKCHOOSER_ENV" not in environ:
        # The `flask` command (its development server) counts as development.
        if environ.get("FLASK_RUN_FROM_CLI") == "true":
            environment = "development"
    development = environment == "development"
    testing = bool(overrides.get("TESTING"))
    config: dict[str, Any] = {
        "ENV_NAME": environment,
        "SECRET_KEY": environ.get("SECRET_KEY") or None,
        # Earlier keys that still verify sessions and form tokens while a new SECRET_KEY
        # rolls out to every host (comma-separated).
        "SECRET_KEY_FALLBACKS": [
            key.strip() for key in environ.get("SECRET_KEY_FALLBACKS", "").split(",") if key.strip()
        ],
        # Only PUBLIC_URL decides the host in permalinks when set (recommended behind a proxy).
        "PUBLIC_URL": environ.get("PUBLIC_URL", "").rstrip("/") or None,
        "PROXY_COUNT": _int_from_env(environ, "PROXY_COUNT", 0),
        # Host names accepted besides PUBLIC_URL's and loopback names (comma-separated).
        "EXTRA_TRUSTED_HOSTS": [
            host.strip() for host in environ.get("TRUSTED_HOSTS", "").split(",") if host.strip()
        ],
        "MAX_CONTENT_LENGTH": _int_from_env(environ, "MAX_CONTENT_LENGTH", 16 * 1024),
        "MAX_FORM_MEMORY_SIZE": 16 * 1024,
        "MAX_FORM_PARTS": 200,
        "RESULT_CACHE_SIZE": _int_from_env(environ, "RESULT_CACHE_SIZE", 1024),
        # The languages served (comma-separated: en,nl,fr); by default English and every
        # language whose catalogue translates every message.
        "SITE_LANGUAGES": [
            code.strip() for code in environ.get("SITE_LANGUAGES", "").split(",") if code.strip()
        ]
        or None,
        # The most bytes of rendered pages, records and pictures one process keeps.
        "CACHE_BYTES": _int_from_env(environ, "CACHE_BYTES", 32 * 2**20),
        # How long browsers and proxies keep a result before revalidating it (seconds).
        "RESULT_MAX_AGE": _int_from_env(environ, "RESULT_MAX_AGE", 300),
        # Names this deploy in result ETags; by default a hash of the content, templates
        # and static files (a deploy may set its revision instead).
        "BUILD_ID": environ.get("BUILD_ID") or None,
        "SESSION_COOKIE_NAME": "stackchooser",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": not development,
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "WTF_CSRF_SSL_STRICT": True,
        "SEND_FILE_MAX_AGE_DEFAULT": 365 * 24 * 3600,
        "JSON_SORT_KEYS": False,
        "EXTRA_RULESETS": (),
    }
    config.update(overrides)
    if not config["SECRET_KEY"]:
        if development or testing:
            config["SECRET_KEY"] = secrets.token_hex(32)
        else:
            raise ConfigError(MISSING_SECRET)
    public_url = config["PUBLIC_URL"]
    if public_url and not absolute_http_url(public_url):
        raise ConfigError(BAD_PUBLIC_URL.format(value=public_url))
    if config["SECRET_KEY_FALLBACKS"] and "WTF_CSRF_SECRET_KEY" not in config:
        # Flask-WTF signs form tokens with this; itsdangerous signs with the last key of a
        # list and verifies with any, so a form opened before a rotation still posts.
        config["WTF_CSRF_SECRET_KEY"] = [*config["SECRET_KEY_FALLBACKS"], config["SECRET_KEY"]]
    return config
