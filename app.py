"""Serve the web chat at / and the API at /v1 in one process: `python app.py` (or `make run`).

Host, port and every other setting come from the environment (`QA_SERVER__PORT=8000`, ...).
"""

from __future__ import annotations

import logging
import sys

from pydantic import ValidationError

from qa.settings import Settings


def main() -> None:
    """Read the settings, then serve until interrupted."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        settings = Settings()
    except ValidationError as exc:
        sys.exit(f"error: a QA_* setting in the environment is invalid:\n{exc}")
    # Imported after the settings are checked: Gradio takes seconds to import.
    from qa.web import serve

    serve(settings)


if __name__ == "__main__":
    main()
