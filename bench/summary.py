"""The goals' figures on one screen: each bench records its goal lines while it prints its own
table, and `python -m bench` ends with all of them together, in the order they ran.

Why a record and not a second computation: the summary must show the very figures the tables
above it show, from the same run. A bench run alone records too; nothing prints the record then.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    goal: str  # what is measured, e.g. "page complete: energy"
    figure: str  # the measured figure, with its unit or "x" for a ratio
    target: str  # the goal, e.g. "<= 1.30x"; empty for a reference figure
    verdict: str  # "OK", "MISS", "n/a" or "" for a reference figure


LINES: list[Line] = []


def verdict(value: float | None, goal: float) -> str:
    """OK when `value` is at most `goal`, MISS above it, n/a when it could not be measured."""
    if value is None:
        return "n/a"
    return "OK" if value <= goal else "MISS"


def record(goal: str, figure: str, target: str = "", verdict: str = "") -> None:
    LINES.append(Line(goal, figure, target, verdict))


def render(lines: list[Line]) -> str:
    """The lines as a fixed-width table, or an empty string when nothing was recorded."""
    if not lines:
        return ""
    width = max(len(line.goal) for line in lines) + 2
    figure = max(len(line.figure) for line in lines) + 2
    target = max(len("target"), *(len(line.target) for line in lines)) + 2
    rows = [f"{'goal':<{width}}{'measured':<{figure}}{'target':<{target}}verdict"]
    rows += [f"{line.goal:<{width}}{line.figure:<{figure}}{line.target:<{target}}{line.verdict}"
             for line in lines]
    return "\n".join(rows)
