"""The one exception the command line turns into a single clear line and a non-zero exit."""


class PipelineError(Exception):
    """An expected failure (bad input, unreachable site, unwritable folder): message for the user."""
