import sys

from summarizer.cli.main import main

sys.exit(main())
