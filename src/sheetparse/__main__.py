"""``python -m sheetparse``."""

import sys

from .cli import main

sys.exit(main())
