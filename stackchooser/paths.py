"""Where the site's templates and static files are (installed or in a checkout), their
versions and fingerprint, and their publishing for the proxy."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable
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


def fingerprint(folders: Iterable[Path]) -> str:
    """A hash of the files under `folders`: each one's name relative to its folder and its
    bytes, never an absolute path, so every install of one build agrees."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def static_versions(folder: Path) -> dict[str, str]:
    """Each static file's version (`?v=` in its URL): a hash of its bytes alone, so every
    install of one build agrees. By its name relative to `folder`."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def publish_static(root: Path) -> list[Path]:
    """Copy the static files where the proxy serves them (deploy/nginx.conf): the current
    build's at `root`/static, and each file by its version at
    `root`/versions/<version>/static, where the versions of earlier builds stay, so that
    pages of an old and a new build served side by side during a deploy both find their
    files. Returns the files written."""
    source = site_folder("static")
    written = []
    current = root / "static"
    if current.exists():
        shutil.rmtree(current)
    for name, version in static_versions(source).items():
        for target in (current / name, root / "versions" / version / "static" / name):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, target)
            written.append(target)
    return written
