"""Named points of a run where the fault-injection tests stop or break it; inert otherwise.

``POLICY_ETL_FAULT=ACTION@STAGE`` (several separated by commas). At checkpoint STAGE:

- ``pause`` prints ``paused at STAGE`` on stderr and sleeps, so that a test can kill the
  process exactly there (``tests/test_faults.py`` does, at every stage);
- an errno name (``ENOSPC``, ``EACCES``, ``EROFS``, ``EIO`` ...) raises that ``OSError``, as a
  full disk or a folder turned read-only would at that point.

The stages, in the order a run meets them: ``lock`` (the writer's lock taken, the leftovers of
killed runs about to be removed), ``extract``
(the first chunk of files extracted into shards), ``shard`` (a chunk about to write its
shard), ``copy`` (the working copy of the published database made), ``load`` (the rows
loaded into it), ``views`` (views and derived tables built), ``publish`` (about to swap it in).
"""
from __future__ import annotations

import errno
import os
import sys
import time

ENV = "POLICY_ETL_FAULT"
STAGES = ("lock", "extract", "shard", "copy", "load", "views", "publish")


def checkpoint(stage: str, path: object = None) -> None:
    """Do what ``POLICY_ETL_FAULT`` asks at ``stage`` (nothing, when it is not set)."""
    spec = os.environ.get(ENV)
    if not spec:
        return
    for item in spec.split(","):
        action, _, where = item.strip().partition("@")
        if where != stage:
            continue
        if action == "pause":
            print(f"paused at {stage}", file=sys.stderr, flush=True)
            time.sleep(600)
        elif hasattr(errno, action):
            code = getattr(errno, action)
            raise OSError(code, os.strerror(code), None if path is None else str(path))
