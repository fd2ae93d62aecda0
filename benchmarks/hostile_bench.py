"""Run every hostile input at full size through the CLI; print time, peak memory and outcome.

Each command runs in its own process, which reports its own peak resident memory (VmHWM) as it
exits: the rusage figure would also count the copy of this process the child was forked from.
A case that exceeds --timeout is killed and shown as such (with the rusage figure); an
address-space cap (--memory-gb) keeps a runaway case from taking the machine down.

    .venv/bin/python benchmarks/hostile_bench.py [--scale 1.0] [--only NAME ...] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.hostile import corpus  # noqa: E402

# The extraction step alone, for the series whose growth must be linear: through the CLI the
# largest sizes are refused by the text budgets, which says nothing about how extraction scales.
_EXTRACT = """
import pathlib, sys
from desktop_app.core.extract_docx import docx_to_text
from desktop_app.core.extract_markup import html_to_text
path = pathlib.Path(sys.argv[1])
data = path.read_bytes()
text = docx_to_text(data, path.name) if path.suffix == ".docx" else html_to_text(data.decode())
print(len(text))
"""


# Runs one command (`--python CODE ARGS` or CLI arguments) and writes its peak RSS in kB to the
# file named first when the interpreter exits.
_CHILD = """
import atexit, runpy, sys
def report(path=sys.argv[1]):
    with open("/proc/self/status") as status, open(path, "w") as out:
        out.write(next((line.split()[1] for line in status if line.startswith("VmHWM")), ""))
atexit.register(report)
if sys.argv[2] == "--python":
    code, sys.argv = sys.argv[3], ["-c", *sys.argv[4:]]
    exec(compile(code, "<command>", "exec"), {"__name__": "__main__"})
else:
    sys.argv = ["desktop_app", *sys.argv[2:]]
    runpy.run_module("desktop_app", run_name="__main__", alter_sys=True)
"""


def _extraction(build):  # noqa: ANN001, ANN202 - a corpus builder
    def run(folder: Path, scale: float) -> list[list[str]]:
        [[_, path, *_]] = build(folder, scale)
        return [["--python", _EXTRACT, path]]
    return run


def cases() -> list[corpus.Case]:
    series = [
        corpus.Case(f"extract-html-ol-{items}", _extraction(corpus.html_ordered(items)),
                    f"extraction only: HTML ordered list, {items:,} items")
        for items in (5000, 10000, 20000)
    ] + [
        corpus.Case(f"extract-docx-{size}mb", _extraction(corpus.docx_text(size)),
                    f"extraction only: DOCX text paragraphs, {size} MB of XML")
        for size in (2, 4, 8)
    ]
    return corpus.cases() + series


def _limit(memory_bytes: int):  # noqa: ANN202 - preexec hook
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        os.setsid()
    return apply


def _run(argv: list[str], env: dict[str, str], timeout: float, memory: int) -> dict:
    peak_file = tempfile.NamedTemporaryFile(prefix="hostile-peak-", delete=False)
    peak_file.close()
    peak_path = Path(peak_file.name)
    started = time.perf_counter()
    command = [sys.executable, "-c", _CHILD, str(peak_path), *argv]
    process = subprocess.Popen(
        command, env=env, cwd=PROJECT,
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        preexec_fn=_limit(memory),
    )
    timed_out = False
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            pid, status, usage = os.wait4(process.pid, 0)
            timed_out = True
            break
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    stderr = process.stderr.read().decode("utf-8", "replace").strip() if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    reported = peak_path.read_text().strip()
    peak_path.unlink()
    peak_kb = int(reported) if reported.isdigit() else usage.ru_maxrss
    return {"seconds": round(elapsed, 2), "peak_rss_mb": round(peak_kb / 1024, 1),
            "exit": code, "timed_out": timed_out, "message": stderr.splitlines()[-1:] or [""]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--only", nargs="*", default=None, help="case names to run")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per command")
    parser.add_argument("--memory-gb", type=float, default=4.0, help="address-space cap")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = []
    for case in cases():
        if args.only and case.name not in args.only:
            continue
        with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
            root = Path(folder)
            env = {**os.environ, "POLICY_AUDITOR_DATA": str(root / "data"),
                   "QT_QPA_PLATFORM": "offscreen"}
            (root / "data").mkdir(exist_ok=True)
            commands = case.build(root, args.scale)
            runs = [_run(command, env, args.timeout, int(args.memory_gb * 2**30))
                    for command in commands]
        result = {
            "case": case.name, "row": case.row,
            "seconds": round(sum(run["seconds"] for run in runs), 2),
            "peak_rss_mb": max(run["peak_rss_mb"] for run in runs),
            "exit": max(run["exit"] for run in runs),
            "timed_out": any(run["timed_out"] for run in runs),
            "message": next((run["message"][0] for run in runs if run["exit"]), "")[:160],
        }
        results.append(result)
        if not args.json:
            outcome = "TIMEOUT" if result["timed_out"] else f"exit {result['exit']}"
            print(f"{case.name:28} {result['seconds']:8.2f} s {result['peak_rss_mb']:8.1f} MB  "
                  f"{outcome:8} {result['message']}", flush=True)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
