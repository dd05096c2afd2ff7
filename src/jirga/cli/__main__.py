"""`python -m jirga.cli` runs the command line."""

import sys

from jirga.cli import main

sys.exit(main())
