"""``python -m etl bench --scaling``: how time and memory grow with the size of the input.

Three inputs, each at 1x, 2x, 4x, 8x and 16x a base size:

- ``table``: a dense table, one short line of figures per item (第i项 产值X亿元,同比增长Y%);
- ``line``: the sample's pages joined into one long line (no line breaks at all);
- ``pages``: a folder of copies of the sample's pages, each copy made distinct.

Each size is generated in a temporary folder, then loaded by ``etl run`` (one worker) in a fresh
process, so the peak memory printed is that run's own resident set (its ``ru_maxrss``); the time
is the run's wall time, the CPU figure its process time. The exponent is the slope of log(time)
against log(size) over the sizes that finished: 1.0 is linear, 2.0 quadratic. A size that runs
past the time limit is stopped, and the larger sizes of that input are skipped.
"""
from __future__ import annotations

import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from etl.settings import REPO_ROOT, Settings

#: Base size of each input at 1x, in bytes of UTF-8.
BASE_BYTES = {"table": 64_000, "line": 1_000_000, "pages": 2_000_000}
CASES = tuple(BASE_BYTES)
SIZES = (1, 2, 4, 8, 16)
#: Seconds a size may run before it is stopped.
TIMEOUT = 600


@dataclass(frozen=True)
class Measure:
    case: str
    factor: int
    megabytes: float
    seconds: float | None          # None: stopped at the time limit
    cpu_seconds: float | None = None
    peak_mb: float | None = None
    start_mb: float | None = None
    mentions: int | None = None


def scaling_command(args) -> int:
    """Entry point of ``python -m etl bench --scaling``."""
    cases = tuple(getattr(args, "case", None) or CASES)
    unknown = [c for c in cases if c not in BASE_BYTES]
    if unknown:
        print(f"error: unknown case {', '.join(unknown)} (choose from {', '.join(CASES)})")
        return 1
    sizes = tuple(getattr(args, "sizes", None) or SIZES)
    base_mb = getattr(args, "base_mb", None)
    timeout = float(getattr(args, "timeout", None) or TIMEOUT)
    for line in run_scaling(cases, sizes, base_mb, timeout):
        print(line, flush=True)
    return 0


def run_scaling(cases: tuple[str, ...], sizes: tuple[int, ...] = SIZES,
                base_mb: float | None = None, timeout: float = TIMEOUT) -> Iterator[str]:
    """The report lines: a header, one line per size, one exponent line per input."""
    yield ("scaling: `etl run` of each input in a fresh process; time = wall seconds of the run, "
           "peak = its resident set")
    yield f"{'input':<7}{'size':>5}{'MB':>9}{'seconds':>10}{'cpu s':>9}{'MB/s':>8}" \
          f"{'peak MB':>9}{'at start':>9}{'mentions':>10}"
    for case in cases:
        base = int(base_mb * 1e6) if base_mb else BASE_BYTES[case]
        results: list[Measure] = []
        for factor in sizes:
            with tempfile.TemporaryDirectory(prefix=f"policy-scaling-{case}-") as folder:
                target = make_input(case, base * factor, Path(folder))
                measured = _measure_in_child(case, factor, target, Path(folder), timeout)
            results.append(measured)
            yield _row(measured)
            if measured.seconds is None:
                break
        yield f"{case}: {exponent_line(results)}"


def exponent_line(results: list[Measure]) -> str:
    finished = [r for r in results if r.seconds is not None]
    slope = fitted_exponent([(r.megabytes, r.seconds) for r in finished])
    stopped = "" if len(finished) == len(results) else \
        f"; {results[len(finished)].factor}x stopped, so the growth is steeper than this"
    if slope is None:
        return f"time ~ size^? (too few sizes finished){stopped}"
    return f"time ~ size^{slope:.2f} over {finished[0].factor}x..{finished[-1].factor}x{stopped}"


def fitted_exponent(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(seconds) against log(size); None below two points."""
    points = [(s, t) for s, t in points if s > 0 and t > 0]
    if len(points) < 2:
        return None
    xs = [math.log(s) for s, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    if var == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var


def _row(m: Measure) -> str:
    head = f"{m.case:<7}{str(m.factor) + 'x':>5}{m.megabytes:9.2f}"
    if m.seconds is None:
        return head + f"{'stopped':>10}  (over the time limit)"
    rate = m.megabytes / max(m.seconds, 1e-9)
    return head + (f"{m.seconds:10.2f}{m.cpu_seconds:9.2f}{rate:8.2f}{m.peak_mb:9.0f}"
                   f"{m.start_mb:9.0f}{m.mentions:10d}")


# --- inputs ------------------------------------------------------------------------------------

def make_input(case: str, size: int, folder: Path) -> Path:
    """Write the input of ``case`` of about ``size`` bytes under ``folder``; its path."""
    return _MAKERS[case](size, folder)


def table_lines(count: int, first: int = 1) -> Iterator[str]:
    """第i项 产值X亿元,同比增长Y%: one item of a dense statistical table per line."""
    for i in range(first, first + count):
        value = 10 + (i * 7919 % 90000) / 10
        growth = (i * 31 % 250) / 10
        yield f"第{i}项 产值{value:g}亿元,同比增长{growth:g}%\n"


def _make_table(size: int, folder: Path) -> Path:
    path = folder / "table.txt"
    written, i = 0, 1
    with open(path, "w", encoding="utf-8") as out:
        while written < size:
            chunk = "".join(table_lines(1000, i))
            i += 1000
            data = chunk.encode("utf-8")[:size - written]
            out.write(data.decode("utf-8", "ignore"))
            written += len(data)
    return path


def _sample_texts() -> list[str]:
    folder = Settings().articles_dir
    return [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]


def _make_line(size: int, folder: Path) -> Path:
    """The sample's pages with every line break dropped, repeated to ``size``: one line."""
    path = folder / "line.txt"
    one = "".join("".join(text.split()) for text in _sample_texts()).encode("utf-8")
    with open(path, "wb") as out:
        for _ in range(size // len(one)):
            out.write(one)
        rest = one[:size % len(one)].decode("utf-8", "ignore").encode("utf-8")
        out.write(rest + b"\n")
    return path


def _make_pages(size: int, folder: Path) -> Path:
    """Copies of the sample's pages, each with its own closing line (distinct bytes)."""
    pages = folder / "pages"
    pages.mkdir()
    texts = _sample_texts()
    names = [p.name for p in sorted(Path(Settings().articles_dir).glob("*.txt"))]
    written = n = 0
    while written < size:
        text = texts[n % len(texts)] + f"\n\n(第{n + 1}份)\n"
        data = text.encode("utf-8")
        (pages / f"{n:06d}-{names[n % len(names)]}").write_bytes(data)
        written += len(data)
        n += 1
    return pages


_MAKERS: dict[str, Callable[[int, Path], Path]] = {
    "table": _make_table, "line": _make_line, "pages": _make_pages}


# --- the measured run --------------------------------------------------------------------------

def _measure_in_child(case: str, factor: int, target: Path, folder: Path,
                      timeout: float) -> Measure:
    size = _bytes(target)
    command = [sys.executable, "-m", "etl.bench_scaling", str(target), str(folder / "bench.duckdb")]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              cwd=REPO_ROOT, env=env)
    except subprocess.TimeoutExpired:
        return Measure(case, factor, size / 1e6, None)
    if done.returncode != 0:
        raise RuntimeError(f"scaling run of {target} failed: {done.stderr.strip()[-2000:]}")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return Measure(case, factor, size / 1e6, found["seconds"], found["cpu_seconds"],
                   found["peak_mb"], found["start_mb"], found["mentions"])


def _bytes(target: Path) -> int:
    if target.is_dir():
        return sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    return target.stat().st_size


def measure_run(target: Path, db_path: Path) -> dict:
    """``etl run`` of ``target`` into ``db_path`` here: seconds, CPU seconds, memory, mentions."""
    from etl.pipeline import RunOptions, run

    start_mb = _peak_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    result = run(RunOptions(paths=[target], db_path=db_path,
                            corrections_path=db_path.with_suffix(".none.jsonl"), progress=False))
    seconds, cpu_seconds = time.perf_counter() - wall, time.process_time() - cpu
    if result.errors:
        raise RuntimeError("; ".join(message for _, _, message in result.errors))
    return {"seconds": seconds, "cpu_seconds": cpu_seconds, "peak_mb": _peak_mb(),
            "start_mb": start_mb, "mentions": result.stats.mentions}


def extraction_seconds(target: Path, shard_dir: Path, repeat: int = 3) -> float:
    """CPU seconds of extracting ``target`` (a file or a folder) into shards, here, in this
    process: ingest, segmentation, extraction and the shard, without DuckDB's fixed cost; the
    least of ``repeat`` runs (the tests fit the exponent of this)."""
    from etl.shards import ChunkTask, process_chunk

    paths = tuple(str(p) for p in sorted(target.iterdir())) if target.is_dir() else (str(target),)
    best = math.inf
    for attempt in range(repeat):
        folder = shard_dir / f"run-{attempt}"
        folder.mkdir(parents=True)
        started = time.process_time()
        outcomes = process_chunk(ChunkTask(0, paths, str(folder), "bench", ""))
        best = min(best, time.process_time() - started)
        failed = [e for o in outcomes for e in o.errors]
        if failed:
            raise RuntimeError(f"extraction failed: {failed[0]}")
    return best


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024      # KiB on Linux


if __name__ == "__main__":                      # the child process of one measured size
    print(json.dumps(measure_run(Path(sys.argv[1]), Path(sys.argv[2]))))
