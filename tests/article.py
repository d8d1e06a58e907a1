"""The source article's fingerprint, kept in the tests instead of its text: hashes of every
run of SHINGLE_WORDS consecutive words, so a test can tell whether a message repeats a
run of the article's words without the repository holding the article."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

SHINGLE_WORDS = 8
FINGERPRINT = Path(__file__).parent / "fixtures" / "article-fingerprint.txt"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def shingle_hashes(text: str) -> set[str]:
    """The hashes of every run of SHINGLE_WORDS consecutive words of `text`."""
    words = _words(text)
    runs = (" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1))
    return {hashlib.sha256(run.encode()).hexdigest()[:16] for run in runs}


def article_fingerprint() -> set[str]:
    """The article's shingle hashes; fails loudly when the fixture is missing or empty."""
    if not FINGERPRINT.is_file():
        raise AssertionError(f"{FINGERPRINT} is missing: the article check cannot run")
    lines = FINGERPRINT.read_text().splitlines()
    hashes = {line for line in lines if line and not line.startswith("#")}
    if len(hashes) < 900 or not all(re.fullmatch("[0-9a-f]{16}", h) for h in hashes):
        raise AssertionError(f"{FINGERPRINT} does not hold the article's fingerprint")
    return hashes
