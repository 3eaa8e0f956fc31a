"""``python -m medinsure.serve``: the launcher's stable entry point (it lives in ``site/serve.py``)."""

from medinsure.site.serve import main

if __name__ == "__main__":
    raise SystemExit(main())
