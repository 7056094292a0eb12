"""Add articles: save uploaded files under data/uploads/ and run the ETL on them.

The ETL is the only writer of the database: this page starts ``python -m etl run`` and shows
its messages (what was extracted, or why a file was rejected).
"""
from __future__ import annotations

import sys
from pathlib import Path

if str(Path(__file__).resolve().parents[2]) not in sys.path:   # opened by a deep link
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import hashlib
import re
import subprocess
from datetime import datetime, timezone

import streamlit as st

from dashboard import downloads, queries, shell
from dashboard.app_paths import ROOT, uploads_dir
from dashboard.i18n import column_config, plain, t

ACCEPTED = ("txt", "html", "htm", "pdf")
ETL_TIMEOUT = 600

ctx = shell.page_context()
lang, source = ctx.lang, ctx.source
st.title(t("page_upload", lang))
limit_mb = int(st.get_option("server.maxUploadSize"))
folder = uploads_dir(Path(source.db_path))
st.caption(t("upload_limit", lang, mb=limit_mb, folder=plain(folder)))


def safe_name(name: str) -> str:
    """A file name without folders or characters a shell or file system would trip on."""
    stem = re.sub(r"[^\w.\-]+", "_", Path(name).name, flags=re.UNICODE).strip("._")
    return stem or "upload.txt"


with st.form("upload_form", clear_on_submit=True):
    files = st.file_uploader(t("upload_files", lang, mb=limit_mb), type=list(ACCEPTED),
                             accept_multiple_files=True, key="upload_files")
    published_on = st.date_input(t("published_on_input", lang), value=None, key="upload_date")
    submitted = st.form_submit_button(t("run_etl", lang), type="primary", key="upload_run")

if submitted and files:
    # One folder per batch, named by time: a later upload of the same name sorts after the
    # earlier one, so it becomes the chosen vintage and the earlier one stays beside it.
    batch = folder / datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    batch.mkdir(parents=True, exist_ok=True)
    paths, doc_ids = [], []
    for upload in files:
        path = batch / safe_name(upload.name)
        if str(path) in paths:   # two uploads of the same name in one batch
            path = path.with_name(f"{len(paths)}_{path.name}")
        data = upload.getvalue()
        path.write_bytes(data)
        paths.append(str(path))
        doc_ids.append(hashlib.sha256(data).hexdigest())
    command = [sys.executable, "-m", "etl", "run", *paths, "--db", source.db_path,
               "--corrections", source.corrections_path, "--no-progress"]
    if published_on:
        command += ["--published-on", published_on.isoformat()]
    with st.spinner("python -m etl run …"):
        try:
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                                  timeout=ETL_TIMEOUT)
            code, out, err = done.returncode, done.stdout, done.stderr
        except subprocess.TimeoutExpired:
            code, out, err = 1, "", f"python -m etl run: no answer after {ETL_TIMEOUT} s"
    queries.clear_caches()
    (st.success if code == 0 else st.error)(t("etl_ok" if code == 0 else "etl_failed", lang))
    messages = "\n".join(x for x in (out.strip(), err.strip()) if x)
    if messages:
        st.code(messages, language=None)
    fresh = queries.current_source()
    if not queries.database_missing(fresh):
        extracted = queries.mentions_of_files(fresh, tuple(doc_ids))
        st.subheader(t("extracted", lang))
        st.dataframe(extracted, hide_index=True, key="upload_extracted",
                     column_config=column_config(extracted.columns, lang))
        downloads.buttons(extracted, lambda: extracted, "uploaded_mentions", "upload_download", lang)
