"""Run every benchmark module in `bench/` (each one that defines `main()`), in name order; each prints its own
results. `python -m bench roadmap_bench` runs only the modules named."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import bench


def main() -> int:
    names = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_"))
    chosen = [n for n in names if not sys.argv[1:] or n in sys.argv[1:]]
    for name in chosen:
        module = importlib.import_module(f"bench.{name}")
        if not callable(getattr(module, "main", None)):
            continue
        print(f"== bench.{name}", flush=True)
        started = time.perf_counter()
        module.main()
        print(f"== bench.{name} done in {time.perf_counter() - started:.1f} s\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
