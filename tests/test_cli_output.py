"""The command line for people and for pipes: a readable table, quiet closed pipes, vocabulary
values checked against their codes, help for every option, a summary a program can read."""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import pytest
from wcwidth import wcswidth

from cli_support import assert_one_line_failure, etl
from etl.cli import build_parser
from etl.models import TOPICS
from etl.settings import REPO_ROOT
from warehouse_support import SAMPLE, run_etl, table_rows

FIRST = SAMPLE / "000_74212d2662a3d8db.txt"


def cells(line: str) -> list[str]:
    """The line as a terminal draws it: one entry per cell, a wide character then ''."""
    out = []
    for char in line:
        out += [char] + [""] * (wcswidth(char) - 1)
    return out


def test_extract_as_a_table_has_a_header_the_file_and_values_written_the_chinese_way():
    done = etl("extract", str(FIRST), str(SAMPLE / "001_0afe12775af9bc51.txt"), "--format", "table")
    assert done.returncode == 0 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["file", "start", "text", "value", "qualifier", "measure", "period",
                                "topic", "indicator", "subject"]
    assert set(lines[1]) == {"-", " "}
    rows = lines[2:]
    assert {r.split()[0] for r in rows} == {FIRST.name, "001_0afe12775af9bc51.txt"}
    output = next(r for r in rows if " 3700亿元 " in r)
    assert "3,700亿元" in output and "4e+11" not in done.stdout and "e+" not in done.stdout
    assert "32.5万人次" in done.stdout


def test_extract_table_columns_line_up_in_a_terminal_whatever_the_script():
    done = etl("extract", str(FIRST), "--format", "table")
    header, rule, *rows = done.stdout.splitlines()
    gaps = [i for i in range(1, len(rule)) if rule[i] == " "]     # the two cells between columns
    assert len(gaps) == 2 * (len(header.split()) - 1)
    assert any(ord(c) > 0x2E80 for row in rows for c in row), "the rows hold Chinese"
    for line in [header, *rows]:
        drawn = cells(line)
        assert all(drawn[i] == " " for i in gaps), line     # nothing crosses a column's edge
        assert not line.endswith(" ")
    # right-aligned numbers: every start offset ends in the last cell of its column
    last_cell_of_start = gaps[2] - 1
    assert all(cells(row)[last_cell_of_start].isdigit() for row in rows)


@pytest.mark.parametrize("args", [
    ["extract", str(FIRST), str(SAMPLE / "001_0afe12775af9bc51.txt")],
    ["extract", str(FIRST), "--format", "table"],
], ids=["jsonl into a closed pipe", "a table into a closed pipe"])
def test_a_reader_that_went_away_ends_the_command_quietly(args):
    read, write = os.pipe()
    os.close(read)                   # the reader (| head) is gone before the first line
    try:
        done = subprocess.run([sys.executable, "-m", "etl", *args], cwd=REPO_ROOT, stdout=write,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write)
    assert done.stderr == "", "no traceback, no 'error: Broken pipe', no 'Exception ignored'"
    assert done.returncode == 141


def test_an_export_to_a_closed_pipe_ends_quietly(tmp_path):
    db = tmp_path / "w.duckdb"
    run_etl([SAMPLE], db)
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([sys.executable, "-m", "etl", "export", "--db", str(db)],
                              cwd=REPO_ROOT, stdout=write, stderr=subprocess.PIPE, text=True,
                              timeout=120)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, "")


def test_extract_piped_into_head_gives_the_first_lines_and_no_message():
    shell = subprocess.run(
        f"{sys.executable} -m etl extract {SAMPLE}/*.txt | head -n 2", shell=True, cwd=REPO_ROOT,
        capture_output=True, text=True, timeout=120)
    assert shell.stderr == ""
    assert [json.loads(line)["doc"] for line in shell.stdout.splitlines()] == [FIRST.name] * 2


@pytest.mark.parametrize("option, value, codes", [
    ("--topic", "工业", TOPICS),
    ("--qualifier", "maybe", ("exact", "approx", "at_least", "target", "forecast")),
    ("--measure", "total", ("level", "yoy_growth", "growth", "share", "progress")),
], ids=["a topic given by its Chinese label", "an unknown qualifier", "an unknown measure"])
def test_an_unknown_vocabulary_value_is_a_usage_error_listing_the_valid_codes(tmp_path, option,
                                                                               value, codes):
    done = etl("export", option, value, "--db", str(tmp_path / "w.duckdb"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert repr(value) in last and all(code in last for code in codes), last
    assert not (tmp_path / "w.duckdb").exists()


def test_an_indicator_the_warehouse_lacks_is_one_line_naming_the_nearest(tmp_path):
    db = tmp_path / "w.duckdb"
    run_etl([SAMPLE], db)
    done = etl("export", "--indicator", "工业总产值", "--db", str(db))
    line = assert_one_line_failure(done, "--indicator", "工业总产值")
    assert "规上工业总产值" in line and done.stdout == ""
    ok = etl("export", "--indicator", "规上工业总产值", "--qualifier", "target", "--db", str(db))
    rows = ok.stdout.splitlines()
    assert ok.returncode == 0 and len(rows) == 3, "the header and the two targets of 4000亿元"


def _options(parser: argparse.ArgumentParser, path: str):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _options(sub, f"{path} {name}")
        elif not isinstance(action, argparse._HelpAction):
            yield path, action


@pytest.mark.parametrize("command, action", list(_options(build_parser(), "python -m etl")),
                         ids=lambda x: x if isinstance(x, str) else "/".join(x.option_strings or [x.dest]))
def test_every_option_of_every_command_has_help(command, action):
    if action.dest == "command":
        return
    assert action.help and action.help.strip(), f"{command} {action.option_strings or action.dest}"


def test_run_can_give_its_summary_as_json_with_the_duplicates_named(tmp_path):
    db, store = tmp_path / "w.duckdb", tmp_path / "c.jsonl"
    run_etl([SAMPLE], db)
    copy = tmp_path / "copy_of_003.txt"
    copy.write_bytes((SAMPLE / "003_f21dfc14c585a82d.txt").read_bytes())
    done = etl("run", str(copy), "--db", str(db), "--corrections", str(store), "--no-progress",
               "--format", "json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["published"] is False and summary["files_duplicate"] == 1
    assert summary["duplicates"] == [{"path": str(copy),
                                      "same_as": str((SAMPLE / "003_f21dfc14c585a82d.txt").resolve())}]
    assert summary["errors"] == [] and summary["run_id"] is None


def test_only_if_loaded_publishes_nothing_when_every_file_fails(tmp_path):
    db, store = tmp_path / "w.duckdb", tmp_path / "c.jsonl"
    run_etl([FIRST], db)
    before = (db.stat().st_mtime_ns, table_rows(db, "SELECT count(*) FROM runs"))
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"\x00garbage" * 100)
    done = etl("run", str(bad), "--db", str(db), "--corrections", str(store), "--no-progress",
               "--only-if-loaded", "--format", "json")
    summary = json.loads(done.stdout)
    assert done.returncode == 1 and summary["published"] is False
    assert summary["errors"][0]["path"] == str(bad) and summary["errors"][0]["stage"] == "ingest"
    assert (db.stat().st_mtime_ns, table_rows(db, "SELECT count(*) FROM runs")) == before
    first = etl("run", str(bad), "--db", str(tmp_path / "new.duckdb"), "--corrections", str(store),
                "--no-progress", "--only-if-loaded")
    assert first.returncode == 1 and not (tmp_path / "new.duckdb").exists()
