"""stackchooser: recommends Python or NodeJS for a web application's back end."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from jinja2 import StrictUndefined

from .advisor import Advisor
from .config import build_config
from .content import shared_content
from .i18n import install_languages
from .paths import site_folder
from .web import register
from .web.templating import COMPILED_TEMPLATES, CachedFragments, StripIndentation


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: settings, content (validated now), CSRF, blueprints, error pages."""
    app = Flask(
        __name__,
        template_folder=str(site_folder("templates")),
        static_folder=str(site_folder("static")),
    )
    app.config.update(build_config(os.environ, config))
    app.jinja_env.undefined = StrictUndefined
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.add_extension(StripIndentation)
    app.jinja_env.add_extension(CachedFragments)
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    install_languages(app.jinja_env, escape=True)  # Flask renders only HTML pages

    content = shared_content([Path(p) for p in app.config["EXTRA_RULESETS"]])
    app.extensions["stackchooser"] = Advisor(content, app.config["RESULT_CACHE_SIZE"])
    register(app)
    return app
