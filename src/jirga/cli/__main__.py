"""`python -m jirga.cli`."""

import sys

from jirga.cli import main

sys.exit(main())
