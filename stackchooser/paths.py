"""Where the site's templates and static files are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def site_folder(name: str) -> Path:
    """`templates` or `static`: inside the package when installed from a wheel, else beside
    it in the checkout (an editable install)."""
    for candidate in (PACKAGE_DIR / "site" / name, PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise RuntimeError(
        f"{name}/ not found in {PACKAGE_DIR / 'site'} or {PACKAGE_DIR.parent}: "
        "install stackchooser with pip (a wheel carries it) or run it from its checkout"
    )
