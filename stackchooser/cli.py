"""The command line: `stackchooser serve`, `recommend`, `static` and `ready`.

`serve` runs the site with gunicorn and the shipped settings (or, with `--dev`, Flask's
development server); `static` copies the static files where the proxy serves them, and
`ready` waits until the site answers its health check (deploy/ uses both). `recommend`
gives the same result as the JSON API, from answers as JSON (a file or standard input)
or as options, printed as text, JSON or the decision record. A bad answer set exits with
status 2 and the API's message on standard error.
"""

from __future__ import annotations

import argparse
import codecs
import os
import re
import sys
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import create_app
from .advisor import Advisor, RequestError, Result, answers_from_json
from .config import absolute_http_url, serving_problems
from .content import load_content
from .engine import AnswerError, answer_errors
from .formats import Links, command_line_formats, render_result
from .i18n import DEFAULT_LANGUAGE, LANGUAGES, language_prefix, use_language
from .model import Question
from .paths import publish_static

BAD_INPUT = 2
FORMATS_BY_NAME = {fmt.name: fmt for fmt in command_line_formats()}


def _option_name(question: Question) -> str:
    return "--" + question.id.replace("_", "-")


def _parser(questions: Sequence[Question]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stackchooser",
        description="Python or NodeJS for a web application's back end, with its reasons.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser(
        "serve",
        help="serve the site (gunicorn with the shipped settings)",
        description="Serve the site with gunicorn and the shipped settings "
        "(stackchooser/gunicorn_conf.py). Put the reverse proxy of deploy/ in front of it "
        "on the open internet. SECRET_KEY must be set outside development.",
    )
    serve.add_argument("--bind", help="address and port (default 127.0.0.1:8000, or BIND)")
    serve.add_argument("--workers", type=int, help="worker processes (default: one per core)")
    serve.add_argument(
        "--dev", action="store_true", help="Flask's development server instead (never public)"
    )

    static = commands.add_parser(
        "static",
        help="copy the static files where the proxy serves them, beside earlier builds'",
        description="Copy this build's static files to ROOT/static and, by version, to "
        "ROOT/versions/<version>/static, where deploy/nginx.conf finds the file each page "
        "names (?v=<version>). Earlier builds' versions stay, so pages of an old and a new "
        "build both find their files while hosts are upgraded one by one.",
    )
    static.add_argument("root", help="the proxy's root folder (/srv/stackchooser)")

    ready = commands.add_parser(
        "ready",
        help="wait until the site answers its health check",
        description="Exit 0 as soon as GET /healthz answers 200 on the address the site "
        "serves (BIND, or --bind), or 1 after --timeout seconds: the service unit starts "
        "only when the app can serve.",
    )
    ready.add_argument("--bind", help="address and port (default 127.0.0.1:8000, or BIND)")
    ready.add_argument("--timeout", type=float, default=30.0, help="seconds (default 30)")

    recommend = commands.add_parser(
        "recommend",
        help="print a recommendation for a set of answers",
        description='Read {"answers": {...}} as JSON from FILE or standard input, or take '
        "the answers as options, and print the result. Multi-select answers are given "
        "comma-separated (--workloads ml_ai,crud).",
        epilog=RECOMMEND_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    recommend.add_argument("file", nargs="?", help='a JSON file ({"answers": {...}})')
    recommend.add_argument("--format", choices=tuple(FORMATS_BY_NAME), default="text")
    recommend.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=DEFAULT_LANGUAGE,
        help="the language of the texts (ids stay as they are; default en)",
    )
    recommend.add_argument(
        "--base-url",
        default=os.environ.get("PUBLIC_URL") or None,
        help="the site's address, for absolute permalinks (default: PUBLIC_URL; without "
        "either, links are relative)",
    )
    for question in questions:
        recommend.add_argument(
            _option_name(question),
            dest=f"answer_{question.id}",
            metavar="ID" + (",ID..." if question.multiple else ""),
            help=f"{question.summary}: {', '.join(question.option_ids)}",
        )
    return parser


RECOMMEND_EXAMPLES = """examples:
  stackchooser recommend --team python --scale small --workloads ml_ai,crud \\
      --frontend spa --unified-stack no --priorities maintainability
  echo '{"answers": {"team": "javascript", "scale": "prototype", "workloads": [],
        "frontend": "spa", "unified_stack": "yes", "priorities": []}}' \\
      | stackchooser recommend --format json
  stackchooser recommend answers.json --format md --base-url https://your.host \\
      > docs/adr/0001-back-end-language.md
"""
NO_INPUT = (
    'no answers given: pipe {"answers": {...}} JSON to standard input, name a JSON file, '
    "or give the answers as options (see stackchooser recommend --help)"
)
# Web wording of the shared JSON reader, said the command line's way.
CLI_WORDS = {"The request body is not valid JSON.": "the input is not valid JSON"}
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """Text with terminal control characters shown as escapes (newlines and tabs kept)."""
    return CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _answers(args: argparse.Namespace, questions: Sequence[Question], stdin: TextIO) -> object:
    given = {
        question: getattr(args, f"answer_{question.id}")
        for question in questions
        if getattr(args, f"answer_{question.id}") is not None
    }
    if given:
        if args.file:
            raise RequestError("Give the answers as options or as JSON, not both.")
        return {
            q.id: [v for v in value.split(",") if v] if q.multiple else value
            for q, value in given.items()
        }
    data = Path(args.file).read_bytes() if args.file and args.file != "-" else _read(stdin)
    raw = _decoded(data)
    if not raw.strip():
        raise RequestError(NO_INPUT)
    try:
        return answers_from_json(raw, [question.id for question in questions])
    except RequestError as error:
        raise RequestError(CLI_WORDS.get(error.message, error.message), error.field) from None


BAD_BASE_URL = (
    "--base-url (or PUBLIC_URL) must be an absolute http(s) address such as "
    "https://stackchooser.example, not {value!r}."
)


def _read(stdin: TextIO) -> bytes:
    """Standard input's bytes (its text, encoded, when it has no bytes to give)."""
    buffer = getattr(stdin, "buffer", None)
    return buffer.read() if buffer is not None else stdin.read().encode()


def _decoded(data: bytes) -> str:
    """The input as text; RequestError, in one line, when it is not plain UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        raise RequestError("The input starts with a byte-order mark: save it as UTF-8 without one.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RequestError(f"The input is not UTF-8 text (byte {error.start + 1}).") from None


def recommend(
    args: argparse.Namespace, questions: Sequence[Question], stdin: TextIO, stdout: TextIO
) -> None:
    """Print the result for the answers given; raises RequestError or AnswerError."""
    if args.base_url and not absolute_http_url(args.base_url):
        raise RequestError(BAD_BASE_URL.format(value=args.base_url[:80]))
    advisor = Advisor(load_content())
    raw = _answers(args, questions, stdin)
    errors = answer_errors(raw, advisor.content.current)  # type: ignore[arg-type]
    if errors:
        raise AnswerErrors(errors)
    with use_language(args.lang):
        result = advisor.recommend(raw)  # type: ignore[arg-type]
        _print_result(args, advisor, result, stdout)


def _print_result(
    args: argparse.Namespace, advisor: Advisor, result: Result, stdout: TextIO
) -> None:
    base = (args.base_url or "").rstrip("/") + language_prefix(args.lang)  # pages in it

    def link(code: str) -> str:
        return f"{base}/r/{code}"

    links = Links(link(result.code), result.code, link, link)
    text = render_result(FORMATS_BY_NAME[args.format], advisor, result, links).decode()
    if args.format == "json":  # JSON escapes C0 controls itself; C1 ones as \u escapes
        text = CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    else:
        text = safe(text)
    stdout.write(text if text.endswith("\n") else text + "\n")


def serve(args: argparse.Namespace) -> int:
    """Replace this process with the server, once its settings are checked; returns 1,
    having said why in one line each, when they would not be safe."""
    if args.dev:
        os.environ.setdefault("STACKCHOOSER_ENV", "development")
        host, _, port = (args.bind or "127.0.0.1:5000").rpartition(":")
        create_app().run(host=host or "127.0.0.1", port=int(port))
        return 0
    errors, warnings = serving_problems(os.environ)
    for warning in warnings:
        _complain(f"warning: {warning}")
    if errors:
        for error in errors:
            _complain(error)
        return 1
    config = Path(__file__).with_name("gunicorn_conf.py")
    command = [sys.executable, "-m", "gunicorn", "--config", str(config)]
    if args.bind:
        command += ["--bind", args.bind]
    if args.workers:
        command += ["--workers", str(args.workers)]
    os.execv(sys.executable, [*command, "stackchooser:create_app()"])
    return 0  # not reached: execv replaces this process


def wait_ready(bind: str, timeout: float) -> int:
    """0 once the health check on `bind` (host:port) answers 200, 1 after `timeout`."""
    host, _, port = bind.rpartition(":")
    host = host.strip("[]")
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"  # the address every interface includes
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/healthz"
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return 0
        except OSError:
            pass
        if time.monotonic() > deadline:
            _complain(f"{url} did not answer within {timeout:g} s")
            return 1
        time.sleep(0.2)


class AnswerErrors(ValueError):
    """Every problem of an answer set, to be reported at once."""

    def __init__(self, errors: Sequence[AnswerError]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(str(error) for error in errors))


def _complain(message: str) -> None:
    print(f"stackchooser: {safe(message)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    questions = load_content().current.questions
    args = _parser(questions).parse_args(argv)
    if args.command == "serve":
        return serve(args)
    if args.command == "static":
        written = publish_static(Path(args.root))
        print(f"{len(written)} files under {args.root}")
        return 0
    if args.command == "ready":
        return wait_ready(args.bind or os.environ.get("BIND", "127.0.0.1:8000"), args.timeout)
    try:
        recommend(args, questions, sys.stdin, sys.stdout)
    except AnswerErrors as found:
        for error in found.errors:
            _complain(f"{error.field}: {error.message}")
        return BAD_INPUT
    except (RequestError, AnswerError) as error:
        _complain(f"{error.field}: {error.message}" if error.field else error.message)
        return BAD_INPUT
    except OSError as error:
        _complain(str(error))
        return BAD_INPUT
    return 0
