"""Serve the web app and the API in one process: `python app.py` (or `make run`)."""

from __future__ import annotations

import uvicorn

from qa.api import create_app
from qa.settings import Settings


def main() -> None:
    """Start the server on the configured host and port (127.0.0.1:7860 by default)."""
    settings = Settings()
    app = create_app(settings)
    print(f"serving on http://{settings.server.host}:{settings.server.port}", flush=True)
    uvicorn.run(app, host=settings.server.host, port=settings.server.port, log_level="info")


if __name__ == "__main__":
    main()
