"""A progress bar for ``make demo``: one bar for the whole workshop, its label the stage being played.

Drawn with rich only when standard output is a terminal; in a pipe, a log or a test the bar is off and only
the story's lines are printed. While the bar is shown, rich keeps those lines above it.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class Tracker:
    """Steps of the demo, stage by stage; each stage has a budget of steps, settled when the next one starts."""

    def __init__(self, budgets: dict[str, int]) -> None:
        self.budgets = budgets
        self.console = Console(file=sys.stdout)
        self.progress = Progress(TextColumn("[bold]{task.description:<12}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=self.console, disable=not self.console.is_terminal,
                                 transient=True)
        self.task = self.progress.add_task("starting", total=sum(budgets.values()))
        self.done: dict[str, int] = {}
        self.current: str | None = None

    def __enter__(self) -> Tracker:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def stage(self, name: str) -> None:
        """Start a stage: whatever the last one did not use of its budget is counted as done."""
        self._settle()
        self.current = name
        self.done[name] = 0
        self.progress.update(self.task, description=name)

    def step(self, count: int = 1) -> None:
        if self.current is None:
            return
        left = self.budgets.get(self.current, 0) - self.done[self.current]
        count = max(0, min(count, left))
        self.done[self.current] += count
        self.progress.advance(self.task, count)

    def finish(self) -> None:
        self._settle()
        self.progress.update(self.task, description="done")

    def _settle(self) -> None:
        if self.current is not None:
            self.step(self.budgets.get(self.current, 0))
