"""The whole web app: the answer API under /v1 and the page people use at /.

`app.py` and `qa serve` both serve `build_app(settings)`, so there is one app to test.
"""

from __future__ import annotations

import html

import uvicorn
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from qa.api import create_app
from qa.settings import Settings


def build_app(settings: Settings) -> FastAPI:
    """The API app with the start page mounted at `/`."""
    app = create_app(settings)
    state = app.state.qa

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> str:
        # Everything from the corpus is escaped: a document is data, never markup.
        if state.answerer is None:
            body = f"<p>Getting ready: {html.escape(state.detail)}. Reload in a moment.</p>"
            title = "Brief Q&amp;A"
        else:
            doc = state.answerer.documents[0]
            title = html.escape(doc.title)
            items = "".join(
                f"<li style='margin-left:{(s.level - 1) * 1.5}em'>{html.escape(s.title)}</li>"
                for s in doc.sections
            )
            body = (
                f"<h1>{title}</h1><p>{html.escape(doc.subtitle)}</p>"
                f"<p>{html.escape(', '.join(doc.authors))} · {html.escape(doc.date)}</p>"
                f"<h2>Outline</h2><ul>{items}</ul>"
            )
        return (
            "<!doctype html><html><head><meta charset='utf-8'>"
            f"<title>{title}</title></head><body>{body}"
            "<p>Ask through the API: <a href='/docs'>/docs</a>.</p></body></html>"
        )

    return app


class _AnnouncingServer(uvicorn.Server):
    """A uvicorn server that prints one line once it is listening."""

    async def startup(self, sockets: list[object] | None = None) -> None:  # type: ignore[override]
        await super().startup(sockets=sockets)  # type: ignore[arg-type]
        if self.started:
            config = self.config
            print(f"listening on http://{config.host}:{config.port}", flush=True)


def serve(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    """Serve the app until interrupted."""
    config = uvicorn.Config(
        build_app(settings),
        host=host or settings.server.host,
        port=port or settings.server.port,
        log_level="info",
    )
    _AnnouncingServer(config).run()
