"""The one entry point: ``python -m etl run|extract|eval|export|bench``.

Thin: parse arguments, call the library, turn known errors into one clear line and an exit code.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from etl.errors import EtlError
from etl.models import MEASURES, QUALIFIERS, TOPICS
from etl.settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: Exit code when the reader of our output went away (``| head``): 128 + SIGPIPE, as a shell
#: reports a command a closed pipe stopped.
EXIT_BROKEN_PIPE = 141
#: Set to show the traceback of an unexpected error instead of its one-line summary.
TRACEBACK_ENV = "POLICY_ETL_TRACEBACK"


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _code(kind: str, codes: tuple[str, ...]):
    """An argument type that takes one code of a vocabulary and names the valid ones otherwise."""
    def parse(text: str) -> str:
        if text not in codes:
            raise argparse.ArgumentTypeError(
                f"unknown {kind} {text!r}; valid codes: {', '.join(codes)}")
        return text
    parse.__name__ = kind
    return parse


def _add_filters(parser: argparse.ArgumentParser) -> None:
    """The dashboard's filters, shared by the commands that select mentions."""
    parser.add_argument("--topic", action="append", type=_code("topic", TOPICS), metavar="CODE",
                        help=f"keep this topic (repeatable): {', '.join(TOPICS)}")
    parser.add_argument("--year-from", type=int, metavar="YEAR", help="first year kept")
    parser.add_argument("--year-to", type=int, metavar="YEAR", help="last year kept")
    parser.add_argument("--indicator", action="append", metavar="NAME",
                        help="keep this indicator, by its Chinese name (repeatable); a name the "
                             "warehouse does not hold is an error that lists the nearest ones")
    parser.add_argument("--subject", action="append", metavar="NAME",
                        help="keep this subject (repeatable); checked like --indicator")
    parser.add_argument("--qualifier", action="append", type=_code("qualifier", QUALIFIERS),
                        metavar="CODE", help=f"keep this qualifier (repeatable): {', '.join(QUALIFIERS)}")
    parser.add_argument("--measure", action="append", type=_code("measure", MEASURES),
                        metavar="CODE", help=f"keep this measure (repeatable): {', '.join(MEASURES)}")


def build_parser() -> argparse.ArgumentParser:
    settings = Settings.from_env()
    parser = argparse.ArgumentParser(
        prog="python -m etl",
        description="Extract numeric policy indicators from article files into DuckDB.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser(
        "run", help="extract files and folders into the DuckDB warehouse",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example:\n  python -m etl run data/articles --db data/indicators.duckdb")
    run.add_argument("paths", nargs="*", type=Path, default=[settings.articles_dir],
                     metavar="PATH", help="files or folders (default: data/articles/)")
    run.add_argument("--db", type=Path, default=settings.db_path,
                     help="DuckDB file to publish (default: data/indicators.duckdb)")
    run.add_argument("--published-on", type=_date, help="publication date of every file given")
    run.add_argument("--manifest", type=Path, help="CSV with path,published_on,source,url")
    run.add_argument("--corrections", type=Path, default=settings.corrections_path,
                     help="analyst corrections file applied to the series")
    run.add_argument("--prune", action="store_true", help="remove documents whose files are gone")
    run.add_argument("--workers", type=int, default=1, help="local worker processes")
    run.add_argument("--dask", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786)")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.add_argument("--only-if-loaded", action="store_true",
                     help="publish only when a file is loaded (or pruned): a run whose every "
                          "file fails or is a duplicate reports it and leaves the warehouse as it "
                          "was (the dashboard's uploads run this way)")
    run.add_argument("--format", choices=("text", "json"), default="text",
                     help="the summary as one line of text (default) or as one JSON object on "
                          "standard output, for programs: counts, run id, errors, duplicates")
    run.add_argument("--max-file-mb", type=float, help=f"refuse files larger than this "
                     f"(default {settings.max_file_mb:g} MB, POLICY_MAX_FILE_MB)")

    extract = sub.add_parser(
        "extract", help="print the mentions found in files, without touching the database",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example:\n  python -m etl extract data/articles/000_74212d2662a3d8db.txt --format table\n"
               "  python -m etl extract data/articles/*.txt | head -3")
    extract.add_argument("files", nargs="+", type=Path, metavar="FILE",
                         help="article files: text, Markdown, HTML or PDF")
    extract.add_argument("--published-on", type=_date, help="publication date (YYYY-MM-DD)")
    extract.add_argument("--format", choices=("jsonl", "table"), default="jsonl",
                         help="jsonl: one JSON object per mention, the gold annotation fields "
                              "(default); table: aligned columns with a header, for reading")

    evaluate = sub.add_parser(
        "eval", help="score the extractor against gold annotations",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example:\n  python -m etl eval --gold ../shared/gold --corpus data/articles")
    evaluate.add_argument("--gold", type=Path, required=True, help="folder of gold *.jsonl files")
    evaluate.add_argument("--corpus", type=Path, help="folder of the documents (default: "
                          "../corpus beside the gold folder, else data/articles)")
    evaluate.add_argument("--quiet", action="store_true", help="figures only, no error listing")

    export = sub.add_parser(
        "export", help="write mentions or series to CSV or Parquet",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example:\n  python -m etl export --what series --format csv --topic industry --out series.csv")
    export.add_argument("--what", choices=("mentions", "series"), default="mentions",
                        help="mentions: every number found, corrections applied (default); "
                             "series: every report of an observation with the chosen value, "
                             "target and forecast flags")
    export.add_argument("--format", choices=("csv", "parquet"), default="csv",
                        help="csv: UTF-8 with BOM, formula-safe (default); parquet: a folder "
                             "partitioned by year")
    export.add_argument("--out", type=Path, help="output file (CSV) or folder (Parquet); CSV default: stdout")
    export.add_argument("--db", type=Path, default=settings.db_path,
                        help="the warehouse to read (default: data/indicators.duckdb)")
    _add_filters(export)

    bench = sub.add_parser(
        "bench", help="measure extraction throughput (or dashboard query times)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example:\n  python -m etl bench --repeat 50\n  python -m etl bench --dashboard\n"
               "  python -m etl bench --scaling --case table --sizes 1 2 4")
    bench.add_argument("--repeat", type=int, default=50, help="copies of the sample in the corpus")
    bench.add_argument("--dashboard", action="store_true",
                       help="time the dashboard's queries on a synthetic warehouse")
    bench.add_argument("--rows", type=int, default=1_000_000, help="mentions in the synthetic warehouse")
    bench.add_argument("--scaling", action="store_true",
                       help="time and peak memory of `etl run` at 1x to 16x input sizes")
    bench.add_argument("--case", action="append", choices=("table", "line", "pages"),
                       help="with --scaling: input to measure (repeatable; default all three)")
    bench.add_argument("--sizes", type=int, nargs="+", help="with --scaling: size factors (default 1 2 4 8 16)")
    bench.add_argument("--base-mb", type=float, help="with --scaling: size of 1x in MB "
                       "(default: table 0.064, line 1, pages 2)")
    bench.add_argument("--timeout", type=float, help="with --scaling: seconds a size may run (default 600)")
    return parser


def _extract(args: argparse.Namespace) -> int:
    from etl.streaming import open_document
    from etl.windows import extract_pieces

    failed, found = False, []
    settings = Settings.from_env()
    for path in args.files:
        try:
            doc, text = open_document(path, published_on=args.published_on,
                                      max_bytes=settings.max_file_bytes)
            for warning in doc.warnings:
                print(f"warning: {warning}", file=sys.stderr)
            for piece in extract_pieces(doc, text, settings):
                if args.format == "jsonl":     # streamed: a pipe gets rows as the file is read
                    for m in piece.mentions:
                        print(json.dumps(m.to_gold_row(), ensure_ascii=False))
                    sys.stdout.flush()
                else:                          # a table is aligned over every row: printed at the end
                    found.extend(piece.mentions)
        except EtlError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed = True
    if args.format == "table":
        from etl.extract_table import mention_table
        for line in mention_table(found):
            print(line)
    return EXIT_FAILED if failed else EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    from etl.evaluate import format_report, load_gold, score
    from etl.extract import extract_document
    from etl.ingest import read_document

    corpus = args.corpus
    if corpus is None:
        beside = args.gold.parent / "corpus"
        corpus = beside if beside.is_dir() else Settings().articles_dir
    if not args.gold.is_dir():
        raise EtlError(f"{args.gold}: not a folder of gold *.jsonl files")
    try:
        gold = load_gold(args.gold)
    except (ValueError, KeyError) as exc:
        raise EtlError(f"bad gold file: {exc}") from None
    if not gold:
        raise EtlError(f"{args.gold}: no gold *.jsonl files found")
    predictions = {}
    for name in gold:
        doc = read_document(corpus / name)
        _, mentions = extract_document(doc, Settings.from_env())
        predictions[name] = [m.to_gold_row() for m in mentions]
    print(format_report(score(predictions, gold), show_errors=not args.quiet))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except BrokenPipeError:
        return _broken_pipe()


def _broken_pipe() -> int:
    """The reader of standard output went away (``| head``): stop quietly. Output still
    buffered would fail again when Python flushes it at exit, so standard output is pointed at
    /dev/null first."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    return EXIT_BROKEN_PIPE


def _dispatch(args: argparse.Namespace) -> int:
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "eval":
            return _eval(args)
        if args.command == "run":
            from etl.pipeline import run_command
            return run_command(args)
        if args.command == "export":
            from etl.export import export_command
            return export_command(args)
        if args.command == "bench":
            from etl.bench import bench_command
            return bench_command(args)
    except EtlError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("interrupted; the published database is unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise                    # not a failure of ours: main() stops quietly
    except OSError as exc:       # a file operation no stage turned into a message: still one line
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:     # a bug: one line to the user, the traceback on request
        if os.environ.get(TRACEBACK_ENV):
            raise
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        print(f"error: internal error, please report it ({type(exc).__name__}: {first}); "
              f"set {TRACEBACK_ENV}=1 for the traceback", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_USAGE
