"""The exceptions the command line turns into a single clear line and a non-zero exit."""


class PipelineError(Exception):
    """An expected failure (bad input, unreachable site, unwritable folder): message for the user."""


class UsageError(PipelineError):
    """A bad argument found after parsing (a directory given as FILE, a port in use): exit code 2."""
