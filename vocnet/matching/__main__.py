"""``python -m vocnet.matching``: see :mod:`vocnet.matching.cli`."""

import sys

from vocnet.matching.cli import main

sys.exit(main())
