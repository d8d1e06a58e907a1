"""The command line: in-process through its `main`, and once as a real process."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from stackchooser.cli import main
from tests.data import SAMPLE_ANSWERS

BASE = "http://localhost"


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def run(*args: str, stdin: str = "") -> Done:
    """`stackchooser ARGS` in this process, with its standard streams captured."""
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            status = main(list(args))
        except SystemExit as exit_:  # argparse's --help and usage errors
            status = exit_.code if isinstance(exit_.code, int) else 1
    return Done(status, out.getvalue(), err.getvalue())


def test_the_installed_module_runs_as_a_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stackchooser", "recommend", "--format", "json"],
        input=body("python"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] == "python"


def body(name: str) -> str:
    return json.dumps({"answers": SAMPLE_ANSWERS[name]})


@pytest.mark.parametrize("name", ["python", "nodejs", "either"])
def test_json_is_the_apis_answer(client: FlaskClient, name: str) -> None:
    done = run("recommend", "--format", "json", "--base-url", BASE, stdin=body(name))
    assert done.returncode == 0, done.stderr
    api = client.post("/api/v1/recommendation", json={"answers": SAMPLE_ANSWERS[name]})
    assert json.loads(done.stdout) == api.get_json()


def test_markdown_is_the_sites_decision_record(client: FlaskClient) -> None:
    done = run("recommend", "--format", "md", "--base-url", BASE, stdin=body("nodejs"))
    assert done.returncode == 0, done.stderr
    code = client.post("/api/v1/recommendation", json={"answers": SAMPLE_ANSWERS["nodejs"]})
    record = client.get(f"/r/{code.get_json()['code']}.md").text
    assert done.stdout == record


def test_text_names_the_verdict_the_plan_and_the_permalink() -> None:
    done = run("recommend", stdin=body("python"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Use Python for your back end"
    assert any(line.startswith("Suggested stack. ") for line in lines)
    assert lines[-1].startswith("Permalink: /r/4")


def test_answers_as_options_give_the_same_result() -> None:
    answers = SAMPLE_ANSWERS["nodejs"]
    options = []
    for question, value in answers.items():
        flag = "--" + question.replace("_", "-")
        options += [flag, ",".join(value) if isinstance(value, list) else value]
    by_options = run("recommend", "--format", "json", *options)
    by_json = run("recommend", "--format", "json", stdin=body("nodejs"))
    assert by_options.returncode == 0, by_options.stderr
    assert json.loads(by_options.stdout) == json.loads(by_json.stdout)


def test_a_file_argument(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(body("either"))
    done = run("recommend", "--format", "json", str(path))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] == "either"


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--colour", "blue"], "", "unrecognized arguments: --colour"),
        ([], '{"answers": {"colour": "blue"}}', "stackchooser: colour: unknown question"),
        (
            [],
            json.dumps(
                {
                    "answers": {
                        **SAMPLE_ANSWERS["python"],
                        "priorities": ["maintainability", "debugging", "libraries", "ml_serving"],
                    }
                }
            ),
            "stackchooser: priorities: choose at most 3 options",
        ),
        ([], "{not json", "stackchooser: the input is not valid JSON"),
        (["--team", "cobol"], "", "stackchooser: team: unknown option 'cobol'"),
        (["/nonexistent/answers.json"], "", "No such file"),
    ],
)
def test_bad_input_exits_2_with_the_apis_message(args: list[str], stdin: str, message: str) -> None:
    done = run("recommend", *args, stdin=stdin)
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("command", ["serve", "recommend", "static", "ready"])
def test_each_command_has_help(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0
    assert f"usage: stackchooser {command}" in done.stdout


def test_answers_without_their_wrapper_are_named_as_such() -> None:
    done = run("recommend", stdin=json.dumps(SAMPLE_ANSWERS["python"]))
    assert done.returncode == 2
    assert done.stderr == (
        'stackchooser: answers: Put the answers inside {"answers": {...}}: '
        "the top level holds question ids.\n"
    )


def test_empty_input_says_how_to_give_answers_in_command_line_words() -> None:
    done = run("recommend", stdin="  \n")
    assert done.returncode == 2
    assert "no answers given" in done.stderr and "request body" not in done.stderr
    assert "the input is not valid JSON" in run("recommend", stdin="{nope").stderr


def test_every_missing_or_bad_answer_is_listed_at_once() -> None:
    done = run("recommend", stdin=json.dumps({"answers": {"team": "cobol"}}))
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0] == "stackchooser: team: unknown option 'cobol'"
    assert [line.split(":")[1].strip() for line in lines[1:]] == [
        "scale",
        "workloads",
        "frontend",
        "unified_stack",
        "priorities",
    ]


def test_control_characters_are_escaped_in_everything_printed() -> None:
    done = run("recommend", stdin=json.dumps({"answers": {"\x1b[2Jx": 1, "team": "\x9b1m"}}))
    assert "\x1b" not in done.stderr and "\x9b" not in done.stderr
    assert "\\x1b[2Jx: unknown question" in done.stderr


def test_the_permalink_base_defaults_to_public_url(monkeypatch: pytest.MonkeyPatch) -> None:
    relative = run("recommend", "--format", "md", stdin=body("python"))
    assert "* Permalink: </r/4" in relative.stdout
    assert "This link is relative" in relative.stdout
    monkeypatch.setenv("PUBLIC_URL", "https://stack.example")
    absolute = run("recommend", "--format", "md", stdin=body("python"))
    assert "* Permalink: <https://stack.example/r/4" in absolute.stdout
    assert "This link is relative" not in absolute.stdout


def test_help_shows_an_example() -> None:
    done = run("recommend", "--help")
    assert "examples:" in done.stdout and "stackchooser recommend --team python" in done.stdout


@pytest.mark.parametrize(
    ("secret", "message"),
    [("", "SECRET_KEY is not set"), ("short-secret", "SECRET_KEY is too short (12 bytes)")],
)
def test_serve_without_a_good_secret_stops_plainly(
    monkeypatch: pytest.MonkeyPatch, secret: str, message: str
) -> None:
    monkeypatch.setenv("SECRET_KEY", secret)
    monkeypatch.delenv("STACKCHOOSER_ENV", raising=False)
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    done = run("serve")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 2 and "Traceback" not in done.stderr
    assert lines[0].startswith("stackchooser: warning: PUBLIC_URL is not set")
    assert lines[1].startswith(f"stackchooser: {message}")


def test_static_publishes_each_file_by_its_version_beside_earlier_ones(tmp_path: Path) -> None:
    from stackchooser.paths import site_folder, static_versions

    old = tmp_path / "versions" / "0123456789" / "static" / "site.css"
    old.parent.mkdir(parents=True)
    old.write_text("/* an earlier build */")
    assert main(["static", str(tmp_path)]) == 0
    for name, version in static_versions(site_folder("static")).items():
        wanted = (site_folder("static") / name).read_bytes()
        assert (tmp_path / "static" / name).read_bytes() == wanted
        assert (tmp_path / "versions" / version / "static" / name).read_bytes() == wanted
    assert old.read_text() == "/* an earlier build */"  # an old page still finds its file


def test_ready_says_when_the_site_does_not_answer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ready", "--bind", "127.0.0.1:9", "--timeout", "0.3"]) == 1
    assert "did not answer" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'\xef\xbb\xbf{"answers": {}}', "byte-order mark"),
        (b'{"answers": {"team": "caf\xe9"}}', "not UTF-8 text (byte 26)"),
    ],
)
def test_input_that_is_not_plain_utf8_gets_one_line(data: bytes, message: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stackchooser", "recommend"], input=data, capture_output=True
    )
    assert done.returncode == 2
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and message in lines[0], lines


@pytest.mark.parametrize("base_url", ["notaurl", "stackchooser.example", "ftp://x.example"])
def test_a_base_url_that_is_not_an_absolute_http_address_is_refused(base_url: str) -> None:
    done = run("recommend", "--base-url", base_url, stdin=json.dumps({"answers": {}}))
    assert done.returncode == 2
    assert "absolute http(s) address" in done.stderr and len(done.stderr.splitlines()) == 1


def test_serve_refuses_a_public_url_that_is_not_an_absolute_http_address() -> None:
    from stackchooser.config import serving_problems

    secret = "s" * 40
    errors, _ = serving_problems({"SECRET_KEY": secret, "PUBLIC_URL": "stackchooser.example"})
    assert any("PUBLIC_URL must be an absolute http(s) address" in e for e in errors)
    assert serving_problems({"SECRET_KEY": secret, "PUBLIC_URL": "https://x.example"})[0] == []
