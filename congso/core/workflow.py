"""Lookups over a lifecycle's transition table (conventions §3: state machines
are tables). Each app keeps its own literal table ``{(state, action): next}`` in its
``workflow`` module and asks these two functions; they are pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

S = TypeVar("S", bound=str)
A = TypeVar("A", bound=str)


class TransitionNotAllowedError(Exception):
    """The action is not allowed in the current state."""

    def __init__(self, current: str, action: str) -> None:
        self.current, self.action = current, action
        super().__init__(f"{action} is not allowed in state {current}")


def table_next(table: Mapping[tuple[S, A], S], current: S, action: A) -> S:
    """The state ``action`` leads to from ``current``; raises
    :class:`TransitionNotAllowedError` for a pair outside the table."""
    try:
        return table[(current, action)]
    except KeyError:
        raise TransitionNotAllowedError(current, action) from None


def table_actions(table: Mapping[tuple[S, A], S], current: S) -> list[A]:
    """The actions allowed from ``current``, in table order."""
    return [action for (state, action) in table if state == current]
