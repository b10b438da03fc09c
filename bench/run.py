"""Run every benchmark module (bench/bench_*.py), print their figures, end with one JSON line of them all.

Each module has `run() -> dict` returning its figures (names like "comparison_40_sessions_ms"); it may print
more as it goes. Benchmarks use their own temporary databases and never touch the app's.
"""

import importlib
import json
import pkgutil
import sys
import time
from pathlib import Path


def main(selected: list[str]) -> None:
    figures: dict = {}
    names = sorted(
        m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_")
    )
    for name in names:
        if selected and name not in selected:
            continue
        started = time.perf_counter()
        print(f"== {name}", flush=True)
        result = importlib.import_module(f"bench.{name}").run()
        for key, value in result.items():
            print(f"   {key}: {value}")
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
        figures.update(result)
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
