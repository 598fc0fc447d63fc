"""The processing stage: raw pages → occurrences → clean resources → published tables.

`run_processing` (pipeline/process/run.py) runs the stages in order, one module each; I/O stays
at the two ends (reading raw Parquet, publishing), everything between is functions over
occurrences, blocks and rows. This package's top level names what other commands use.
"""

from pipeline.process.facade import Processor
from pipeline.process.imports_join import IMPORT_PART_PREFIX
from pipeline.process.log import log
from pipeline.process.publishing import (
    check_monitors,
    publish_result,
    run_metadata,
    write_failed_report,
)
from pipeline.process.read import Page
from pipeline.process.record import body_of
from pipeline.process.report import run_report, summary_line
from pipeline.process.result import ProcessResult, RunReport
from pipeline.process.run import run_processing
from pipeline.process.state import State

__all__ = [
    "IMPORT_PART_PREFIX",
    "Page",
    "ProcessResult",
    "Processor",
    "RunReport",
    "State",
    "body_of",
    "check_monitors",
    "log",
    "publish_result",
    "run_metadata",
    "run_processing",
    "run_report",
    "summary_line",
    "write_failed_report",
]
