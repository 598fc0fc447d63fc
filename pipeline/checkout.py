"""The tools that sit beside the product in a source checkout (the offline mirror, the bench).

They are not part of the installed package: the `demo` and `mirror` commands load them lazily,
after `need_beside` has made a checkout's copy importable (an editable install run through its
console script does not have the checkout on sys.path).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from pipeline.errors import PipelineError

CHECKOUT_ROOT = Path(__file__).resolve().parents[1]


def need_beside(package: str) -> None:
    """Make `package` (mirror or bench) importable, or fail with one line saying where it lives."""
    if importlib.util.find_spec(package) is not None:
        return
    if (CHECKOUT_ROOT / package / "__init__.py").is_file():
        sys.path.append(str(CHECKOUT_ROOT))
        return
    raise PipelineError(
        f"this command needs the project's {package}/, which ships with the source checkout, "
        "not with the installed package: run it from a clone (make demo)"
    )
