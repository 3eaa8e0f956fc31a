import sys

from medinsure.cli import main

sys.exit(main())
