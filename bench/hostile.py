"""Hostile inputs (issue 11): the bomb table, the text reader's linearity, isolation's cost.

1. Each crafted input (tests/support/hostile.py) through the CLI in a subprocess
   (`gongkai parse FILE`; bundles through `unpack`), its peak RSS from wait4, with an
   address-space cap and a timeout so that a regression cannot take the machine down;
   and through the isolation helper (read_isolated). With --baseline DIR, the same
   CLI run from another checkout (e.g. a worktree of the commit before issue 11) is
   the peer.
2. The text reader's time for 1k/10k/100k extra table rows (in table 四, where it was
   quadratic), with the row limit lifted, as time per row; the baseline's for 1k/10k.
3. The isolation helper's cost: a seed report read in-process and in a child process.

Run: `python bench/hostile.py [--smoke] [--baseline DIR]`.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.errors import GongkaiError  # noqa: E402
from gongkai.readers import read_bytes  # noqa: E402
from gongkai.readers.isolation import Isolation, read_isolated  # noqa: E402
from gongkai.readers.limits import Limits  # noqa: E402
from tests.support.hostile import CRAFTED, SEEDS, Crafted, text_table_rows  # noqa: E402

MiB = 1024 * 1024
# Bundles are opened by the web, not the CLI: the same edge, in a few lines.
_UNPACK = (
    "import sys\nfrom gongkai.errors import GongkaiError\n"
    "from gongkai.readers.bundle import unpack\n"
    "try:\n    unpack('b.zip', open(sys.argv[1], 'rb').read())\n"
    "except GongkaiError as exc:\n    sys.exit(print(exc, file=sys.stderr) or 2)\n"
)
_SMOKE = (
    "docx-gridspan-200000000",
    "html-3000-cells-span-100",
    "zip-header-lies-1GiB",
    "png-12000x12000",
    "json-nested-100000",
)


def wait4_run(
    command: list[str], root: Path, cap_mib: int, seconds: float
) -> tuple[int | None, bytes, float, float]:
    """(exit status or None on timeout, stderr, seconds, peak RSS MiB) of one command,
    its address space capped, reaped with wait4 for its own resource use."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap_mib * MiB, cap_mib * MiB))

    env = {**os.environ, "PYTHONPATH": str(root)}
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            preexec_fn=cap,
        )
        status, usage = _wait_with_timeout(process.pid, seconds)
        process.returncode = -9 if status is None else status  # reaped here, not by Popen
        elapsed = time.perf_counter() - started
        errors.seek(0)
        return status, errors.read(), elapsed, usage.ru_maxrss / 1024


def _wait_with_timeout(pid: int, seconds: float) -> tuple[int | None, resource.struct_rusage]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), usage
        time.sleep(0.02)
    os.kill(pid, 9)
    _, status, usage = os.wait4(pid, 0)
    return None, usage


def cli_row(root: Path, crafted: Crafted, path: Path, cap_mib: int, seconds: float) -> str:
    command = [sys.executable, "-m", "gongkai.cli", "parse", str(path)]
    if crafted.via == "bundle":
        command = [sys.executable, "-c", _UNPACK, str(path)]
    status, stderr, elapsed, peak = wait4_run(command, root, cap_mib, seconds)
    outcome = "timeout" if status is None else _cli_outcome(status, stderr)
    return f"{outcome:22} {elapsed:6.2f} {peak:6.0f}"


def _cli_outcome(status: int, stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace")
    if "Traceback" in text or "MemoryError" in text:
        return f"CRASH exit {status}"
    words = {0: "read", 1: "read (rule errors)", 2: "refused", 3: "internal error"}
    return f"{words.get(status, f'exit {status}')} ({status})"


def isolated_row(crafted: Crafted, data: bytes) -> str:
    if crafted.via != "read":
        return f"{'(not a read_bytes input)':30}"
    started = time.perf_counter()
    try:
        read_isolated(data, crafted.name, isolation=Isolation(seconds=120, memory_bytes=3 << 30))
        outcome = "read"
    except GongkaiError as exc:
        outcome = f"refused: {getattr(exc, 'limit', '') or exc.code}"
    return f"{outcome:30} {time.perf_counter() - started:6.2f}"


def bomb_table(args: argparse.Namespace) -> None:
    print(
        "1. Crafted inputs: CLI in a subprocess (peak RSS by wait4, cap "
        f"{args.cap_mib} MiB, timeout {args.seconds:g} s) and the isolation helper"
    )
    peer = f"  | {'baseline CLI':22} {'s':>6} {'MiB':>6}" if args.baseline else ""
    print(
        f"{'input':28} {'KiB':>7}  {'expected':20} | {'CLI':22} {'s':>6} {'MiB':>6}"
        f"  | {'isolated':30} {'s':>6}{peer}"
    )
    chosen = [c for c in CRAFTED if not args.smoke or c.name in _SMOKE]
    with tempfile.TemporaryDirectory() as folder:
        for crafted in chosen:
            data = crafted.make()
            path = Path(folder, crafted.name + (".json" if crafted.via == "json" else ".bin"))
            path.write_bytes(data)
            row = (
                f"{crafted.name:28} {len(data) / 1024:7.0f}  {crafted.expect:20} | "
                f"{cli_row(ROOT, crafted, path, args.cap_mib, args.seconds)}  | "
                f"{isolated_row(crafted, data)}"
            )
            if args.baseline:
                row += f"  | {cli_row(args.baseline, crafted, path, args.cap_mib, args.seconds)}"
            print(row, flush=True)


def linearity(args: argparse.Namespace) -> None:
    sizes = (1_000, 5_000) if args.smoke else (1_000, 10_000, 100_000)
    lifted = Limits(rows=10**6, text_chars=10**8, file_bytes=1 << 30)
    print("\n2. Text reader, extra table rows in table 四 (row limit lifted)")
    print(
        f"{'rows':>8} {'s':>8} {'µs/row':>8}" + ("   baseline s  µs/row" if args.baseline else "")
    )
    for rows in sizes:
        data = text_table_rows(rows, where="五、")
        started = time.perf_counter()
        read_bytes(data, limits=lifted)
        elapsed = time.perf_counter() - started
        line = f"{rows:8,} {elapsed:8.2f} {elapsed / rows * 1e6:8.0f}"
        if args.baseline and rows <= 10_000:
            line += "   " + _baseline_text(args.baseline, data, rows, args.seconds * 10)
        print(line, flush=True)
    refused = text_table_rows(sizes[-1], where="五、")
    started = time.perf_counter()
    try:
        read_bytes(refused)
    except GongkaiError as exc:
        print(
            f"with the default limits ({Limits().rows:,} rows): refused in "
            f"{time.perf_counter() - started:.2f} s ({exc.message})"
        )


def _baseline_text(root: Path, data: bytes, rows: int, seconds: float) -> str:
    code = (
        "import sys, time; from gongkai.readers import read_bytes; d = open(sys.argv[1], "
        "'rb').read(); t = time.perf_counter(); read_bytes(d); "
        "print(time.perf_counter() - t)"
    )
    with tempfile.NamedTemporaryFile(suffix=".txt") as file:
        file.write(data)
        file.flush()
        env = {**os.environ, "PYTHONPATH": str(root)}
        try:
            done = subprocess.run(
                [sys.executable, "-c", code, file.name],
                env=env,
                cwd=root,
                capture_output=True,
                text=True,
                timeout=seconds,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return f"> {seconds:.0f} s"
    elapsed = float(done.stdout.strip() or "nan")
    return f"{elapsed:10.2f} {elapsed / rows * 1e6:7.0f}"


def isolation_cost(args: argparse.Namespace) -> None:
    data = sorted(SEEDS.glob("*.txt"))[0].read_bytes()
    n = 5 if args.smoke else 40
    read_isolated(data)  # starts the forkserver
    timings = {}
    for name, reader in (("in-process", read_bytes), ("isolated", read_isolated)):
        started = time.perf_counter()
        for _ in range(n):
            reader(data)
        timings[name] = (time.perf_counter() - started) / n
    print(f"\n3. Isolation: a seed report ({len(data) / 1024:.0f} KiB text), {n} reads each")
    print(
        f"in-process {timings['in-process'] * 1000:.0f} ms/file, isolated "
        f"{timings['isolated'] * 1000:.0f} ms/file: overhead "
        f"{(timings['isolated'] - timings['in-process']) * 1000:.0f} ms/file"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="a short run for CI")
    parser.add_argument("--baseline", type=Path, help="another checkout's root, as the peer")
    parser.add_argument("--cap-mib", type=int, default=4096, help="address space per CLI run")
    parser.add_argument("--seconds", type=float, default=60.0, help="timeout per CLI run")
    args = parser.parse_args()
    bomb_table(args)
    linearity(args)
    isolation_cost(args)


if __name__ == "__main__":
    main()
