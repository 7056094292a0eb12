"""The README stays honest: its commands exist, and CI runs the test command it names."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from etl.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)


def test_readme_opens_with_the_run_command_then_the_test_command():
    first_block = re.search(r"```\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands[:2] == ["make run", "make test"]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)


@pytest.mark.parametrize("command", _commands())
def test_every_cli_command_is_documented_in_the_readme(command):
    assert f"python -m etl {command}" in README


@pytest.mark.parametrize("command", _commands())
def test_every_cli_command_has_an_example_in_its_help(command):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert "Example:" in (sub.choices[command].epilog or "")


def test_the_readme_screenshot_exists():
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (ROOT / image).is_file(), image


GUARANTEES = README.split("## What is guaranteed and how it is tested", 1)[-1].split("\n## ", 1)[0]


def test_the_readme_lists_its_guarantees_with_tests():
    assert "## What is guaranteed and how it is tested" in README
    assert len(re.findall(r"`(test_\w+\.py)::(test_\w+)`", GUARANTEES)) >= 30


@pytest.mark.parametrize("file, test", sorted(set(re.findall(r"`(test_\w+\.py)::(test_\w+)`",
                                                             GUARANTEES))))
def test_every_test_the_guarantees_name_exists(file, test):
    source = (ROOT / "tests" / file).read_text(encoding="utf-8")
    assert re.search(rf"^def {test}\(", source, re.M), f"{file}::{test} is named in the README"


def test_make_run_says_what_to_do_when_the_port_is_taken(tmp_path):
    """`make run` on a port another program holds stops with one line naming PORT=, before
    Streamlit starts (which would otherwise pick a port the user never asked for)."""
    import shutil
    import socket
    import subprocess
    import sys

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / ".installed").touch()          # set up already: only the dashboard step runs
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = subprocess.run(
            ["make", "--no-print-directory", "dashboard", f"PORT={port}", f"VENV={venv}",
             f"BIN={Path(sys.executable).parent}"],
            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert f"port {port} is in use" in done.stderr and f"make run PORT={port + 1}" in done.stderr
    assert "streamlit run" not in done.stdout, "Streamlit was not started"
