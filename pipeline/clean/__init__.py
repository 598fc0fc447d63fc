"""Cleaning: an occurrence's ordered blocks in, kept paragraphs and removed blocks out.

The steps (pipeline/clean/steps.py, listed in STEPS) each have one job and a name, see the
blocks still kept and drop some with a reason; the Cleaner (cleaner.py) runs them in order,
counts and times each, and compares the Résumé with what is kept. Pure: no I/O.
"""

from pipeline.clean.cleaner import Cleaned, Cleaner, CleaningStats, StepStats
from pipeline.clean.furniture import (
    is_boilerplate,
    is_file_name_residue,
    noise_reason,
    strip_inline_noise,
)
from pipeline.clean.similarity import prefix_candidates
from pipeline.clean.steps import STEPS, Candidate, CleaningStep, Removed, StepResult

__all__ = [
    "STEPS",
    "Candidate",
    "Cleaned",
    "Cleaner",
    "CleaningStats",
    "CleaningStep",
    "Removed",
    "StepResult",
    "StepStats",
    "is_boilerplate",
    "is_file_name_residue",
    "noise_reason",
    "prefix_candidates",
    "strip_inline_noise",
]
