"""The answer API: FastAPI routes over one loaded Answerer, served by app.py and `qa serve`.

Routes are thin: they validate, call the pipeline, and turn QAError subclasses into JSON
errors with the right status. The Answerer is loaded in a background thread at start, so the
process answers `/healthz` at once and `/readyz` says when answers are ready; a missing index
is built first (with progress in the log), a stale or damaged one is reported with how to
rebuild it, never used.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from qa.answer import Answerer
from qa.chunking import document_id
from qa.cli import endnote_json, section_json
from qa.errors import IndexError_, NotFoundError, QAError, QueryError
from qa.feedback import FeedbackStore, Vote
from qa.schemas import (
    MAX_TOP_K,
    AnswerOut,
    AnswerRequest,
    CitationOut,
    EndnoteOut,
    ErrorOut,
    SearchHitOut,
    SearchOut,
    SectionOut,
    SectionSummaryOut,
)
from qa.settings import Settings
from qa.types import Document

log = logging.getLogger("qa.api")
MAX_BODY_BYTES = 64 * 1024
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class ServiceState:
    """The loaded pipeline, or why it is not there yet."""

    def __init__(self) -> None:
        self.answerer: Answerer | None = None
        self.status = "starting"
        self.detail = "loading the index"
        # The pipeline keeps small caches and one embedding model; one answer at a time.
        self.lock = threading.Lock()

    def ready(self) -> Answerer:
        """The Answerer, or a 503-worthy IndexError_ saying what is happening."""
        if self.answerer is None:
            raise ServiceUnavailable(f"the service is {self.status}: {self.detail}")
        return self.answerer


class ServiceUnavailable(QAError):
    """The pipeline is not loaded (yet)."""


def load_in_background(state: ServiceState, settings: Settings) -> threading.Thread:
    """Build a missing index, then load the pipeline, without blocking the server."""

    def run() -> None:
        from qa import store

        try:
            found = store.problems(settings)
            missing = not store.live_path(settings).exists()
            if found and missing:
                state.status, state.detail = "building", "building the index (first start)"
                log.info("no index yet: building it in %s", settings.index_dir)

                def progress(stage: str, done: int, total: int) -> None:
                    # Shown by /readyz and the web page while they wait.
                    state.detail = f"building the index (first start): {stage} {done}/{total}"
                    if done == total or done % 64 == 0:
                        log.info("index build: %s %d/%d", stage, done, total)

                store.build_index(settings, progress=progress)
            elif found:
                raise IndexError_(
                    "the index cannot be used: "
                    + "; ".join(found)
                    + f". Rebuild it with `{store.REBUILD_HINT}`, then restart."
                )
            state.answerer = Answerer.load(settings)
            state.status, state.detail = "ready", "ready"
            log.info("ready: answers are being served")
        except QAError as exc:
            state.status, state.detail = "failed", str(exc)
            log.error("cannot serve answers: %s", exc)

    thread = threading.Thread(target=run, name="qa-loader", daemon=True)
    thread.start()
    return thread


class BodySizeLimit:
    """Refuse request bodies over a limit before reading them whole (413)."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await _send_json(send, 413, "too_large", self._message())
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await _send_json(send, 413, "too_large", self._message())

    def _message(self) -> str:
        return f"the request body is larger than {self.limit // 1024} KB"


class _TooLarge(Exception):
    pass


async def _send_json(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def create_app(settings: Settings, answerer: Answerer | None = None, load: bool = True) -> FastAPI:
    """The FastAPI app; given an `answerer` (tests) nothing loads, else it loads in the back."""
    state = ServiceState()
    if answerer is not None:
        state.answerer, state.status, state.detail = answerer, "ready", "ready"
    elif load:
        load_in_background(state, settings)
    app = FastAPI(
        title="Brief Q&A",
        summary="Answers about a brief on U.S.-Mexico security cooperation, every sentence cited.",
        version="0.1.0",
        responses={422: {"model": ErrorOut}, 503: {"model": ErrorOut}},
    )
    app.state.qa = state
    # Shared with the web chat; the file is created on the first vote, not here.
    app.state.feedback = FeedbackStore(settings.feedback_db)
    app.add_middleware(BodySizeLimit)  # type: ignore[arg-type]

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return _error(400, "bad_json", "the request body is not valid JSON")
        parts = []
        for e in errors:
            where = ".".join(str(x) for x in e.get("loc", ()) if x != "body")
            message = str(e.get("msg", "invalid")).removeprefix("Value error, ")
            parts.append(f"{where}: {message}" if where else message)
        return _error(422, "invalid_request", "; ".join(parts))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _error(exc.status_code, code, str(exc.detail))

    @app.exception_handler(QAError)
    async def qa_error(request: Request, exc: QAError) -> JSONResponse:
        if isinstance(exc, NotFoundError):
            return _error(404, "not_found", str(exc))
        if isinstance(exc, QueryError):
            return _error(422, "invalid_request", str(exc))
        if isinstance(exc, ServiceUnavailable):
            return _error(503, "not_ready", str(exc))
        return _error(500, "error", str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return _error(500, "internal_error", "something went wrong on our side; it was logged")

    app.include_router(_router(state))
    app.include_router(_feedback_router(app.state.feedback))

    @app.get("/healthz", tags=["service"])
    def healthz() -> dict[str, str]:
        """Liveness: the process is up."""
        return {"status": "ok"}

    @app.get("/readyz", tags=["service"], responses={503: {"model": ErrorOut}})
    def readyz() -> JSONResponse:
        """Readiness: answers can be served (503 with the reason while not)."""
        if state.answerer is not None:
            return JSONResponse({"status": "ready"})
        return _error(503, state.status, state.detail)

    return app


def get_answerer(request: Request) -> Answerer:
    """The loaded pipeline (503 while it is not ready)."""
    state: ServiceState = request.app.state.qa
    return state.ready()


Pipeline = Annotated[Answerer, Depends(get_answerer)]


def _router(state: ServiceState) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["answers"])

    def main_document(a: Answerer) -> Document:
        return a.documents[0]

    @router.post(
        "/answer",
        response_model=AnswerOut,
        responses={400: {"model": ErrorOut}, 413: {"model": ErrorOut}},
    )
    def answer(body: AnswerRequest, a: Pipeline) -> AnswerOut:
        """Answer a question; every sentence of the answer carries a `[n]` citation marker."""
        with state.lock:
            result = a.answer(body.question, top_k=body.top_k)
        return AnswerOut.of(result)

    @router.get("/search", response_model=SearchOut)
    def search(
        a: Pipeline,
        q: Annotated[str, Query(min_length=1, max_length=2000, description="Search text.")],
        k: Annotated[int, Query(ge=1, le=MAX_TOP_K, description="How many hits.")] = 5,
    ) -> SearchOut:
        """Ranked passages for a query (hybrid dense + BM25)."""
        with state.lock:
            hits = a.retriever.search(q, k=k)
        return SearchOut(
            query=q,
            hits=[
                SearchHitOut(
                    rank=h.rank,
                    chunk_id=h.chunk.chunk_id,
                    doc_id=h.chunk.doc_id,
                    section_id=h.chunk.section_id,
                    section=h.chunk.section,
                    paragraphs=list(h.chunk.paragraphs),
                    endnotes=list(h.chunk.endnotes),
                    text=h.chunk.text,
                    score=h.score,
                    dense_score=h.dense_score,
                    bm25_score=h.bm25_score,
                )
                for h in hits
            ],
        )

    @router.get("/sections", response_model=list[SectionSummaryOut])
    def sections(a: Pipeline) -> list[SectionSummaryOut]:
        """The outline of the brief: every section with its id and paragraph count."""
        doc = main_document(a)
        return [SectionSummaryOut(**_summary(doc, s.id)) for s in doc.sections]

    @router.get(
        "/sections/{section_id}", response_model=SectionOut, responses={404: {"model": ErrorOut}}
    )
    def section(section_id: str, a: Pipeline) -> SectionOut:
        """One section with its paragraphs and the endnotes anchored to each."""
        doc = main_document(a)
        try:
            found = doc.section(section_id)
        except KeyError:
            raise NotFoundError(
                f"no section {section_id!r}; GET /v1/sections lists the ids"
            ) from None
        data = section_json(doc, found, with_text=True)
        return SectionOut(
            **_summary(doc, found.id),
            start=data["start"],
            end=data["end"],
            paragraphs=data["paragraphs"],
        )

    @router.get("/endnotes", response_model=list[EndnoteOut])
    def endnotes(a: Pipeline) -> list[EndnoteOut]:
        """All endnotes with their URLs and where each is anchored."""
        doc = main_document(a)
        return [EndnoteOut(**_endnote(doc, n.number)) for n in doc.endnotes]

    @router.get(
        "/endnotes/{number}", response_model=EndnoteOut, responses={404: {"model": ErrorOut}}
    )
    def endnote(number: int, a: Pipeline) -> EndnoteOut:
        """One endnote: text, original text, URLs, anchor."""
        doc = main_document(a)
        return EndnoteOut(**_endnote(doc, number))

    return router


def _summary(doc: Document, section_id: str) -> dict[str, Any]:
    data = section_json(doc, doc.section(section_id))
    return {
        "id": data["id"],
        "title": data["title"],
        "path": data["path"],
        "level": data["level"],
        "parent_id": data["parent_id"],
        "kind": data["kind"],
        "paragraph_count": data["paragraph_count"],
    }


def _endnote(doc: Document, number: int) -> dict[str, Any]:
    try:
        note = doc.endnote(number)
    except KeyError:
        raise NotFoundError(
            f"no endnote {number}; {document_id(doc)} has endnotes 1-{len(doc.endnotes)}"
        ) from None
    data = endnote_json(doc, note)
    return data


class FeedbackIn(BaseModel):
    """A thumbs up or down on one answer, with the answer as it was shown."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "vote": "up",
                    "question": "How many people were extradited under Calderón?",
                    "answer": "... the number went up to a total of 587 under Calderón's ... [1]",
                    "citations": [],
                }
            ]
        },
    )

    vote: Literal["up", "down"] = Field(description="Thumbs up or down.")
    question: str = Field(min_length=1, max_length=2000, description="The question asked.")
    answer: str = Field(max_length=20000, description="The answer text as returned.")
    citations: list[CitationOut] = Field(
        default_factory=list, max_length=50, description="The answer's citations, as returned."
    )


class FeedbackOut(BaseModel):
    id: int = Field(description="Row id of the stored vote.")


def _feedback_router(store: FeedbackStore) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["feedback"])

    @router.post("/feedback", response_model=FeedbackOut, status_code=201)
    def feedback(body: FeedbackIn) -> FeedbackOut:
        """Store a vote on an answer (the web chat's thumbs use the same store)."""
        vote = Vote(
            vote=body.vote,
            question=body.question,
            answer=body.answer,
            citations=tuple(c.model_dump() for c in body.citations),
            session="api",
        )
        return FeedbackOut(id=store.add(vote))

    return router
