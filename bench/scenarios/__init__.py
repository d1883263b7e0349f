"""The scenarios, by the number the benchmark issue gives them.

A scenario is a module with a `SCENARIO`: its key, a title and a `run(context)`
that returns figures. Adding one (the remote scenario, say) is one module and
one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bench.session import Context
from bench.stats import Figure


@dataclass(frozen=True)
class Scenario:
    key: str
    title: str
    run: Callable[[Context], list[Figure]]
    compares: bool = False  # measures the rivals of --compare too


def registry() -> dict[str, Scenario]:
    from bench.scenarios import big_file, big_folder, memory, remote, scaling, startup

    scenarios = [
        startup.SCENARIO,
        big_folder.SCENARIO,
        big_file.SCENARIO,
        memory.SCENARIO,
        remote.SCENARIO,
        scaling.SCENARIO,
    ]
    return {scenario.key: scenario for scenario in scenarios}
