"""Run every benchmark module in `bench/` (each one that defines `main()`), in name order; each prints its own
results. `python -m bench roadmap_bench` runs only the modules named, and what follows the names, from the first
option on, is passed to each of them: `python -m bench duplicates_quality --set tuning` reads the tuning set only.

The options are passed on, not dropped: a session once ran `python -m bench duplicates_quality --set tuning`,
the options were lost here and every set was read, the held-out ones too, which a held-out set must not be
outside its one reading. For the same reason a name that is no module is refused rather than ignored, and so are
options given to a module whose `main()` takes none.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
import time

import bench


def _split(argv: list[str]) -> tuple[list[str], list[str]]:
    """The modules named (the words before the first option) and the options that follow them."""
    for index, word in enumerate(argv):
        if word.startswith("-"):
            return argv[:index], argv[index:]
    return argv, []


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    named, options = _split(argv)
    names = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_"))
    unknown = [n for n in named if n not in names]
    if unknown:
        print(f"no benchmark named {', '.join(unknown)} (there are: {', '.join(names)})", file=sys.stderr)
        return 2
    chosen = [n for n in names if not named or n in named]
    modules = []
    for name in chosen:
        module = importlib.import_module(f"bench.{name}")
        if callable(getattr(module, "main", None)):
            modules.append((name, module))
    takes_options = {name: bool(inspect.signature(module.main).parameters) for name, module in modules}
    if options and not all(takes_options.values()):
        refused = [name for name, takes in takes_options.items() if not takes]
        print(f"{', '.join(refused)} take no options: name the benchmark the options {' '.join(options)} are "
              f"for", file=sys.stderr)
        return 2
    for name, module in modules:
        print(f"== bench.{name}", flush=True)
        started = time.perf_counter()
        if takes_options[name]:
            module.main(list(options))
        else:
            module.main()
        print(f"== bench.{name} done in {time.perf_counter() - started:.1f} s\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
