import sys

from stmarys_desktop.cli import main

sys.exit(main())
