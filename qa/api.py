"""The HTTP service: a FastAPI app over the parsed corpus (the answer API grows here)."""

from __future__ import annotations

import html

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from qa.parse import load_corpus
from qa.settings import Settings


def create_app(settings: Settings) -> FastAPI:
    """Build the app; the corpus is parsed once, at start."""
    documents = load_corpus(settings.corpus_dir)
    doc = documents[0]
    app = FastAPI(
        title="Brief Q&A",
        description=f"Questions about “{doc.title}” answered with citations.",
        version="0.1.0",
    )

    @app.get("/healthz", tags=["service"])
    def healthz() -> dict[str, str]:
        """Liveness: the process is up."""
        return {"status": "ok"}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> str:
        # Everything from the corpus is escaped: a document is data, never markup.
        items = "".join(
            f"<li style='margin-left:{(s.level - 1) * 1.5}em'>{html.escape(s.title)}</li>"
            for s in doc.sections
        )
        return (
            "<!doctype html><html><head><meta charset='utf-8'>"
            f"<title>{html.escape(doc.title)}</title></head><body>"
            f"<h1>{html.escape(doc.title)}</h1><p>{html.escape(doc.subtitle)}</p>"
            f"<p>{html.escape(', '.join(doc.authors))} · {html.escape(doc.date)}</p>"
            f"<h2>Outline</h2><ul>{items}</ul>"
            "<p>The chat is getting ready; the API docs are at <a href='/docs'>/docs</a>.</p>"
            "</body></html>"
        )

    return app
