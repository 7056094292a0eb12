"""Paths given on the command line -> the input files, each once; nothing skipped silently.

Folders are read recursively for the known suffixes (hidden files and other suffixes are not
inputs). Links are followed, to files and to folders alike; a link back into a folder already
read is not read twice. What cannot be read is reported by name with the reason, as an
``ingest`` error of the run: a missing path, a broken link, a folder that cannot be opened.
"""
from __future__ import annotations

import os
from pathlib import Path

#: Suffixes read from folders (a file named on the command line is read whatever its suffix).
SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")

Error = tuple[str, str, str]          # (path, stage, message), as in pipeline.RunResult


def discover(paths: list[Path], errors: list[Error]) -> list[Path]:
    """Files given and files under folders given, in path order, each file once."""
    found: dict[Path, Path] = {}          # resolved path -> path as found
    visited: set[Path] = set()            # folders read (resolved)
    for path in map(Path, paths):
        try:
            path.stat()
        except FileNotFoundError:
            errors.append(_error(path, _missing(path)))
            continue
        except OSError as exc:            # a folder above it cannot be opened ...
            errors.append(_error(path, f"cannot be reached ({exc.strerror or exc})"))
            continue
        if path.is_dir():
            files: list[Path] = []
            _walk(path, files, visited, errors)
            for file in sorted(files):
                found.setdefault(file.resolve(), file)
        else:
            found.setdefault(path.resolve(), path)
    return list(found.values())


def _walk(folder: Path, files: list[Path], visited: set[Path], errors: list[Error]) -> None:
    real = folder.resolve()
    if real in visited:                   # a link back to a folder already read
        return
    visited.add(real)
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        errors.append(_error(folder, f"folder cannot be opened ({exc.strerror or exc}); "
                                     "the files in it were not loaded"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir():            # follows a link to a folder
                _walk(path, files, visited, errors)
            elif entry.is_file():
                if path.suffix.lower() in SUFFIXES:
                    files.append(path)
            elif entry.is_symlink():
                errors.append(_error(path, _missing(path)))
        except OSError as exc:
            errors.append(_error(path, f"cannot be reached ({exc.strerror or exc})"))


def _missing(path: Path) -> str:
    if path.is_symlink():
        return f"broken link to {os.readlink(path)}, which does not exist"
    return "no such file or folder"


def _error(path: Path, reason: str) -> Error:
    return (str(path), "ingest", f"{path}: {reason}")
