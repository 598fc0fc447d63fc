"""`python -m pipeline` is `rtes-pipeline`."""

import sys

from pipeline.cli import main

sys.exit(main())
