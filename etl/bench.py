"""``python -m etl bench``: extraction throughput on the bundled sample, repeated.

Measures the whole extraction stage (``extract_document``: segmentation, quantities,
annotation) on one core and on every core, and prints beside it the quantity finder alone, a
single scan of its compiled regular expression (the ceiling for a regex-based finder) and,
when the optional ``jionlp`` package is installed, ``jionlp.ner.extract_money`` on the same text.
"""
from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Iterator

from etl.errors import EtlError
from etl.models import Document
from etl.settings import Settings

_SAMPLE: list[Document] = []


def bench_command(args) -> int:
    """Entry point of ``python -m etl bench``; ``--dashboard`` times the dashboard's queries,
    ``--scaling`` how time and memory grow with the input."""
    if getattr(args, "scaling", False):
        from etl.bench_scaling import scaling_command
        return scaling_command(args)
    if getattr(args, "dashboard", False):
        try:
            from etl.bench_dashboard import dashboard_bench_command
        except ImportError:
            print("dashboard benchmark is not available (etl/bench_dashboard.py is missing)")
            return 1
        return dashboard_bench_command(args)
    repeat = max(1, int(getattr(args, "repeat", 1) or 1))
    sample = load_sample(Settings().articles_dir)
    for line in run_bench(sample, repeat):
        print(line, flush=True)
    return 0


def load_sample(folder: Path) -> list[Document]:
    """Every ``*.txt`` file of the sample folder, read as the pipeline reads it."""
    from etl.ingest import read_document

    paths = sorted(Path(folder).glob("*.txt"))
    if not paths:
        raise EtlError(f"{folder}: no sample *.txt files to benchmark")
    return [read_document(path) for path in paths]


def run_bench(sample: list[Document], repeat: int, workers: int | None = None) -> Iterator[str]:
    """The benchmark's report lines, one figure per line, each as soon as it is measured."""
    from etl.extract import extract_document
    from etl.normalize import canonical
    from etl.quantities import find_quantities
    from etl.quantity_lexicon import LEXICON

    documents = [replace(doc, name=f"{i}-{doc.name}") for i in range(repeat) for doc in sample]
    megabytes = sum(len(doc.text.encode("utf-8")) for doc in documents) / 1e6
    workers = workers or os.cpu_count() or 1
    yield (f"corpus: {len(sample)} sample files x {repeat} = {len(documents)} documents, "
           f"{megabytes:.2f} MB UTF-8; {workers} cores")

    clock = _Clock()
    articles = mentions = 0
    for doc in documents:
        found_articles, found_mentions = extract_document(doc)
        articles += len(found_articles)
        mentions += len(found_mentions)
    yield clock.rate("extract, 1 core", megabytes, articles) + f"  ({mentions} mentions)"

    started = time.perf_counter()
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(sample,)) as pool:
        chunk = max(1, len(documents) // (workers * 8))
        counts = list(pool.map(_extract_copy, range(len(documents)), chunksize=chunk))
    yield _rate(f"extract, {workers} cores", megabytes, time.perf_counter() - started,
                sum(a for a, _ in counts))

    texts = [canonical(doc.text) for doc in sample] * repeat
    clock = _Clock()
    for text in texts:
        find_quantities(text)
    yield clock.rate("find_quantities only", megabytes)

    clock = _Clock()
    for text in texts:
        for _ in LEXICON.scan.finditer(text):
            pass
    yield clock.rate("regex scan (ceiling)", megabytes)
    yield _jionlp_line(texts, megabytes)


class _Clock:
    """Wall time and this process's CPU time since creation: on a busy machine the CPU figure
    shows what one core does, the wall figure what the user waits."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def rate(self, label: str, megabytes: float, articles: int | None = None) -> str:
        line = _rate(label, megabytes, time.perf_counter() - self.wall, articles)
        cpu = max(time.process_time() - self.cpu, 1e-9)
        return line + f"  [{megabytes / cpu:.2f} MB per CPU second]"


def _rate(label: str, megabytes: float, seconds: float, articles: int | None = None) -> str:
    seconds = max(seconds, 1e-9)
    line = f"{label + ':':<26}{megabytes / seconds:8.2f} MB/s"
    if articles is not None:
        line += f"  {articles / seconds:10.0f} articles/s"
    return line


def _jionlp_line(texts: list[str], megabytes: float) -> str:
    try:
        import jionlp
    except ImportError:
        return f"{'jionlp extract_money:':<26}not installed (optional extra, not a dependency)"
    clock = _Clock()
    for text in texts:
        jionlp.ner.extract_money(text)
    return clock.rate("jionlp extract_money", megabytes)


def _init_worker(sample: list[Document]) -> None:
    _SAMPLE[:] = sample


def _extract_copy(index: int) -> tuple[int, int]:
    from etl.extract import extract_document

    doc = _SAMPLE[index % len(_SAMPLE)]
    articles, mentions = extract_document(replace(doc, name=f"{index}-{doc.name}"))
    return len(articles), len(mentions)


if __name__ == "__main__":                      # pragma: no cover
    sys.exit(bench_command(type("Args", (), {"repeat": 5, "dashboard": False})()))
