"""Helpers for the browser test: a real warehouse, a real Streamlit server, Chromium pages.

Streamlit reruns the script after every interaction; ``settle`` waits for the run to end
and the callers then poll for the state they expect (never a fixed sleep as the check).
"""
from __future__ import annotations

import csv
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
SCREENSHOTS = ROOT / "tests" / "output" / "screenshots"
TIMEOUT_MS = 60_000
SERVER_START_S = 90


def run_etl(db: Path, corrections: Path) -> str:
    """``python -m etl run data/articles`` into ``db``; returns its summary line."""
    done = subprocess.run(
        [sys.executable, "-m", "etl", "run", str(ROOT / "data" / "articles"), "--db", str(db),
         "--corrections", str(corrections)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"etl run failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout + done.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(db: Path, corrections: Path, log: Path):
    """The dashboard on a free port, reading ``db``/``corrections``; yields its base URL and
    stops the server afterwards, whatever happened."""
    port = free_port()
    env = dict(os.environ, POLICY_DB=str(db), POLICY_CORRECTIONS=str(corrections),
               PYTHONUNBUFFERED="1")
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"),
               "--server.headless", "true", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out,
                                   stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_healthy(base, process, log)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)


def _wait_healthy(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited ({process.returncode}): {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"streamlit not healthy after {SERVER_START_S} s: {log.read_text()[-2000:]}")


def settle(page) -> None:
    """Wait until the app has drawn something and no script run is in progress."""
    page.wait_for_selector('[data-testid="stMain"]', timeout=TIMEOUT_MS)
    page.wait_for_timeout(300)   # let a rerun triggered just now show its status widget
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=TIMEOUT_MS)
    # elements of the run before stay on the page, marked stale, until the new run replaces them
    page.wait_for_function(
        "() => !document.querySelector('[data-stale=\"true\"]')", timeout=TIMEOUT_MS)


def open_page(page, url: str, ready: str) -> None:
    """Go to ``url`` and wait for the ``ready`` selector and the end of the script run."""
    page.goto(url)
    try:
        page.wait_for_selector(ready, timeout=TIMEOUT_MS)
    except Exception as exc:   # say what the page showed instead
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "failure.png"))
        shown = page.locator("body").inner_text()[:1500]
        raise AssertionError(f"{url}: {ready} did not appear ({exc.__class__.__name__}); "
                             f"the page shows:\n{shown}") from None
    settle(page)


_TRACES_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(
    plot => (plot._fullData || []).map(t => ({
        name: t.name, x: Array.from(t.x || []), y: Array.from(t.y || []),
        keys: (t.customdata || []).map(c => c[0]), labels: (t.customdata || []).map(c => c[1])})))"""


def trend_traces(page) -> list[dict]:
    """The traces drawn by Plotly in every chart of the page (decoded data, not the JSON)."""
    return [trace for plot in page.evaluate(_TRACES_JS) for trace in plot]


def points_of(traces: list[dict]) -> dict[str, list[tuple[int, float]]]:
    """{trace name: [(year, plotted value)]}."""
    return {t["name"]: sorted(zip(t["x"], t["y"])) for t in traces}


def wait_for_traces(page, predicate, message: str) -> list[dict]:
    """Poll the chart until ``predicate(traces)`` holds (a rerun redraws it asynchronously)."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    traces = []
    while time.monotonic() < deadline:
        traces = trend_traces(page)
        if traces and predicate(traces):
            return traces
        page.wait_for_timeout(250)
    raise AssertionError(f"{message}; the chart shows {points_of(traces)}")


def slider_values(page, key: str) -> tuple[int, int]:
    inputs = page.locator(f".st-key-{key} input[type=range]")
    return int(inputs.nth(0).get_attribute("value")), int(inputs.nth(1).get_attribute("value"))


def choose(page, key: str, text: str) -> None:
    """Pick the option containing ``text`` in the selectbox/multiselect with widget ``key``."""
    box = page.locator(f".st-key-{key}")
    box.locator("input").first.click()
    box.locator("input").first.fill(text)
    option = page.locator('[role="option"]').filter(has_text=text).first
    option.wait_for(timeout=TIMEOUT_MS)
    option.click()


def read_csv_download(path: Path) -> tuple[bytes, list[dict]]:
    """The raw first bytes and the rows of a downloaded CSV."""
    data = path.read_bytes()
    return data[:3], list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def full_screenshot(page, name: str) -> Path:
    """A screenshot of the whole page: Streamlit scrolls inside its own container, so the
    viewport is stretched to the content's height first."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("""() => Math.max(...Array.from(document.querySelectorAll(
        '[data-testid="stMain"], [data-testid="stMainBlockContainer"], [data-testid="stSidebarContent"]'))
        .map(e => e.scrollHeight), document.body.scrollHeight)""")
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 80, 8000)})
    page.wait_for_timeout(500)
    settle(page)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


_CLIPPED_JS = """sel => Array.from(document.querySelectorAll(sel)).filter(e => e.offsetParent !== null)
    .filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1
                 || getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth)
    .map(e => e.innerText)"""


def clipped(page, selector: str) -> list[str]:
    """Texts of the visible elements matching ``selector`` that are cut short (wider or taller
    than their box)."""
    return page.evaluate(_CLIPPED_JS, selector)


def grid_cells(page, key: str) -> list[str]:
    """The cells of the st.dataframe inside the container with ``key``, row by row (the grid
    keeps an accessible copy of what it draws on its canvas)."""
    cells = page.locator(f".st-key-{key} [role=gridcell]")
    cells.first.wait_for(state="attached", timeout=TIMEOUT_MS)
    return cells.all_inner_texts()


def plot_layout(page, key: str) -> dict:
    """The layout Plotly drew for the chart with widget ``key`` (axes, annotations, title)."""
    return page.locator(f".st-key-{key} .js-plotly-plot").evaluate(
        """plot => ({annotations: (plot._fullLayout.annotations || []).map(a => ({text: a.text,
                        angle: a.textangle, yref: a.yref})),
                    title: plot._fullLayout.title.text,
                    axes: Object.keys(plot._fullLayout).filter(k => /^xaxis\\d*$/.test(k))
                        .map(k => ({name: k, range: plot._fullLayout[k].range,
                                    matches: plot._fullLayout[k].matches})),
                    colors: (plot._fullData || []).map(t => [t.name, t.line && t.line.color])})""")


def download(page, click) -> tuple[str, bytes]:
    """(suggested file name, bytes) of the download that ``click()`` starts."""
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()
