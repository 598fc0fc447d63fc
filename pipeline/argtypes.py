"""argparse types shared by `rtes-pipeline` and `python -m mirror`: a bad value is a usage
error (one line, exit 2) instead of a traceback further on."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeVar

MAX_PORT = 65535
Number = TypeVar("Number", int, float)


def _number(text: str, kind: Callable[[str], Number], what: str) -> Number:
    try:
        return kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be {what}, not {text!r}") from None


def positive_int(text: str) -> int:
    """An integer of 1 or more."""
    value = _number(text, int, "an integer")
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {text}")
    return value


def positive_float(text: str) -> float:
    """A number above 0."""
    value = _number(text, float, "a number")
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def port_number(text: str) -> int:
    """A TCP port, 0 (any free one) to 65535."""
    value = _number(text, int, "a port number")
    if not 0 <= value <= MAX_PORT:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_PORT}, not {text}")
    return value
