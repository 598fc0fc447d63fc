"""`python -m mirror serve|truth …`."""

import sys

from mirror.cli import main

sys.exit(main())
