"""Add articles: save uploaded files under data/uploads/ and run the ETL on them.

The ETL is the only writer of the database: this page starts ``python -m etl run`` and words its
summary (``--format json``) in the page's language. Before that, a file whose bytes the
warehouse already holds is named as a duplicate of the loaded document and not run; a file the
reader refuses (an image without text, random bytes) is named with the reason. Neither leaves
a file in the uploads folder, and a run where no file loads publishes nothing
(``--only-if-loaded``): no empty table, no stray upload, no new run.
"""
from __future__ import annotations

import sys
from pathlib import Path

if str(Path(__file__).resolve().parents[2]) not in sys.path:   # opened by a deep link
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from datetime import datetime, timezone

import streamlit as st

from dashboard import downloads, queries, shell
from dashboard.app_paths import ROOT, uploads_dir
from dashboard.i18n import column_config, plain, readable, t
from dashboard.numbers import format_quantity
from etl.errors import EtlError
from etl.formats import HTML_SUFFIXES, PDF_SUFFIXES, TEXT_SUFFIXES
from etl.ingest import read_document

ACCEPTED = tuple(sorted(s.lstrip(".") for s in TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES))
ETL_TIMEOUT = 600

ctx = shell.page_context()
lang, source = ctx.lang, ctx.source
st.title(t("page_upload", lang))
limit_mb = int(st.get_option("server.maxUploadSize"))
folder = uploads_dir(Path(source.db_path))
st.caption(t("upload_limit", lang, mb=limit_mb, folder=plain(folder)))
kinds = " ".join(f".{s}" for s in ACCEPTED)


def safe_name(name: str) -> str:
    """A file name without folders or characters a shell or file system would trip on."""
    stem = re.sub(r"[^\w.\-]+", "_", Path(name).name, flags=re.UNICODE).strip("._")
    return stem or "upload.txt"


with st.form("upload_form", clear_on_submit=True):
    files = st.file_uploader(t("upload_files", lang, mb=limit_mb, kinds=kinds), type=list(ACCEPTED),
                             accept_multiple_files=True, key="upload_files")
    published_on = st.date_input(t("published_on_input", lang), value=None, key="upload_date",
                                 format="YYYY-MM-DD")
    submitted = st.form_submit_button(t("run_etl", lang), type="primary", key="upload_run")

if submitted and not files:
    st.warning(t("upload_nothing", lang), icon=":material/upload_file:")
    st.stop()
if not submitted:
    st.stop()

# Each file is first read in a scratch folder, as the ETL will read it: a duplicate or a file
# that cannot be read is named and goes no further.
scratch = Path(tempfile.mkdtemp(prefix="policy-upload-"))
try:
    candidates, problems = [], []
    hashes = {}
    for n, upload in enumerate(files):
        data = upload.getvalue()
        path = scratch / f"{n}" / safe_name(upload.name)
        path.parent.mkdir()
        path.write_bytes(data)
        hashes[str(path)] = (upload.name, hashlib.sha256(data).hexdigest())
    known = {} if queries.database_missing(source) else {
        r.doc_id: r for r in queries.documents_by_hash(source, tuple(h for _, h in hashes.values())).itertuples()}
    seen = {}
    for path, (name, digest) in hashes.items():
        if digest in known:
            problems.append(t("upload_duplicate", lang, name=plain(name), other=plain(known[digest].name)))
            continue
        if digest in seen:
            problems.append(t("upload_duplicate_batch", lang, name=plain(name), other=plain(seen[digest])))
            continue
        try:
            read_document(Path(path), published_on=published_on)
        except EtlError as exc:
            problems.append(t("upload_unreadable", lang, name=plain(name),
                              reason=plain(str(exc).split(": ", 1)[-1])))
            continue
        seen[digest] = name
        candidates.append((path, name, digest))

    for problem in problems:
        st.warning(problem)
    duplicates = [d for _, d in hashes.values() if d in known]
    if duplicates:   # what the warehouse already holds from these bytes
        extracted = queries.mentions_of_files(source, tuple(duplicates)).drop(
            columns=["doc_id", "article_index"])
        extracted.insert(3, "display", [format_quantity(v, u, lang)
                                        for v, u in zip(extracted["value"], extracted["unit"])])
        if not extracted.empty:
            st.caption(t("upload_duplicate_rows", lang, n=len(extracted)))
            st.dataframe(readable(extracted, lang), hide_index=True, key="upload_duplicate_table",
                         column_config=column_config(extracted.columns, lang))
    if not candidates:
        st.stop()

    # One folder per batch, named by time: a later upload of the same name sorts after the
    # earlier one, so it becomes the chosen vintage and the earlier one stays beside it.
    batch = folder / datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    batch.mkdir(parents=True, exist_ok=True)
    targets = {}
    for path, name, digest in candidates:
        target = batch / Path(path).name
        if target.exists():   # two uploads of the same name in one batch
            target = target.with_name(f"{len(targets)}_{target.name}")
        shutil.copyfile(path, target)
        targets[str(target)] = (name, digest)
finally:
    shutil.rmtree(scratch, ignore_errors=True)

command = [sys.executable, "-m", "etl", "run", *targets, "--db", source.db_path,
           "--corrections", source.corrections_path, "--no-progress", "--only-if-loaded",
           "--format", "json"]
if published_on:
    command += ["--published-on", published_on.isoformat()]
with st.spinner(t("etl_running", lang)):
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=ETL_TIMEOUT)
        code, out, err = done.returncode, done.stdout, done.stderr
    except subprocess.TimeoutExpired:
        code, out, err = 1, "", f"python -m etl run: no answer after {ETL_TIMEOUT} s"
queries.clear_caches()
try:
    summary = json.loads(out.strip().splitlines()[-1]) if out.strip() else None
except (json.JSONDecodeError, IndexError):
    summary = None

failed = {e["path"] for e in (summary or {}).get("errors", [])}
for path in list(targets):   # a file the ETL could not load does not stay in the uploads folder
    if path in failed:
        Path(path).unlink(missing_ok=True)
if not any(Path(p).exists() for p in targets):
    shutil.rmtree(batch, ignore_errors=True)

if summary is None:   # the ETL stopped before its summary: say so with what it printed
    st.error(t("etl_failed", lang))
    st.code("\n".join(x for x in (out.strip(), err.strip()) if x), language=None, wrap_lines=True)
    st.stop()

names = {p: n for p, (n, _) in targets.items()}
for error in summary["errors"]:
    st.error(t("upload_failed_file", lang, name=plain(names.get(error["path"], Path(error["path"]).name)),
               stage=t(f"stage_{error['stage']}", lang),
               reason=plain(error["message"].split(": ", 1)[-1])))
for duplicate in summary["duplicates"]:
    st.warning(t("upload_duplicate", lang, name=plain(names.get(duplicate["path"], duplicate["path"])),
                 other=plain(Path(duplicate["same_as"]).name)))
for warning in summary["warnings"]:
    st.caption(plain(warning))
loaded = summary["files_new"] + summary["files_changed"]
if summary["published"]:
    st.success(t("etl_summary", lang, files=loaded, articles=summary["articles"],
                 mentions=summary["mentions"], seconds=f"{summary['seconds']:.1f}",
                 run=summary["run_id"]), icon=":material/database:")
else:
    st.info(t("etl_nothing_published", lang), icon=":material/database:")

fresh = queries.current_source()
if summary["published"] and not queries.database_missing(fresh):
    doc_ids = tuple(d for p, (_, d) in targets.items() if p not in failed)
    extracted = queries.mentions_of_files(fresh, doc_ids).drop(columns=["doc_id", "article_index"])
    extracted.insert(3, "display", [format_quantity(v, u, lang)
                                    for v, u in zip(extracted["value"], extracted["unit"])])
    st.subheader(t("extracted", lang))
    if extracted.empty:
        st.info(t("upload_no_numbers", lang))
    else:
        st.dataframe(readable(extracted, lang), hide_index=True, key="upload_extracted",
                     column_config=column_config(extracted.columns, lang))
        downloads.buttons(extracted, lambda: extracted, "uploaded_mentions", "upload_download", lang)
