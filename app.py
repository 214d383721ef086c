"""Serve the web app and the API in one process: `python app.py` (or `make run`)."""

from __future__ import annotations

import logging

from qa.settings import Settings
from qa.web import serve

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    serve(Settings())
