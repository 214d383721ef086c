"""The answer API: FastAPI routes over one loaded Answerer, served by app.py and `qa serve`.

Routes are thin: they validate, call the pipeline, and turn QAError subclasses into JSON
errors with the right status. The Answerer is loaded in a background thread at start, so the
process answers `/healthz` at once and `/readyz` says when answers are ready; a missing index
is built first (with progress in the log), a stale or damaged one is reported with how to
rebuild it, never used. Answers and searches run on a small pool of pipeline threads.

In front of the routes: CORS (only when origins are configured), the API key and rate limit on
/v1 (`qa.security`), and a 64 KB limit on request bodies. Every error is `{"error": {"code",
"message"}}` and is declared in the OpenAPI schema, which tests/test_fuzz.py holds it to.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from qa.answer import Answerer
from qa.chunking import document_id
from qa.cli import endnote_json, section_json
from qa.errors import IndexError_, NotFoundError, QAError, QueryError
from qa.feedback import FeedbackStore, Vote
from qa.schemas import (
    HAS_TEXT,
    MAX_TOP_K,
    AnswerOut,
    AnswerRequest,
    CitationIn,
    DocumentOut,
    EndnoteOut,
    ErrorOut,
    SearchHitOut,
    SearchOut,
    SectionOut,
    SectionSummaryOut,
)
from qa.security import AccessGuard, ASGIApp, Message, RateLimiter, Receive, Scope, Send, send_error
from qa.settings import Settings
from qa.types import Answer, Document

log = logging.getLogger("qa.api")
MAX_BODY_BYTES = 64 * 1024
T = TypeVar("T")
# Declared on every /v1 route: what the guard, the size limit and the pipeline may answer.
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Missing or wrong API key (only when one is set)."},
    429: {"model": ErrorOut, "description": "Too many requests (only with a rate limit)."},
    422: {"model": ErrorOut, "description": "Invalid input."},
    503: {"model": ErrorOut, "description": "The index is still loading or cannot be used."},
}
BODY_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "The body is not valid JSON."},
    413: {"model": ErrorOut, "description": "The body is larger than 64 KB."},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No such item."}
}


class ServiceState:
    """The loaded pipeline, or why it is not there yet, and the threads that run it."""

    def __init__(self, threads: int = 2) -> None:
        self.answerer: Answerer | None = None
        self.status = "starting"
        self.detail = "loading the index"
        # The pipeline is safe to share: it is read-only once loaded, and its two caches (query
        # vectors, the embedding model) have locks of their own. Its work is mostly Python, so
        # more threads than cores only add contention; a small pool with a first-come queue in
        # front keeps latency even under load, where threads piled on one lock were woken in
        # no particular order.
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="qa-pipeline")

    def ready(self) -> Answerer:
        """The Answerer, or a 503-worthy IndexError_ saying what is happening."""
        if self.answerer is None:
            state = {"failed": "cannot answer"}.get(self.status, self.status)
            raise ServiceUnavailable(f"the service is {state}: {self.detail}")
        return self.answerer

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `fn` on a pipeline thread and wait for it (for callers that are threads)."""
        return self.pool.submit(fn, *args, **kwargs).result()

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `fn` on a pipeline thread without blocking the event loop."""
        return await asyncio.wrap_future(self.pool.submit(fn, *args, **kwargs))


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
                    + f". To fix it, {store.REBUILD_HINT}, then restart the server."
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
    """Refuse request bodies over a limit before reading them whole (413).

    A declared Content-Length over the limit is refused before any of the body is read; a body
    without one (chunked) is counted as it arrives and refused at the first chunk past the limit.
    """

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
            await send_error(send, 413, "too_large", self.message())
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.message())
            return message

        try:
            await self.app(scope, limited, send)
        except BodyTooLarge as exc:
            # Reached only where no exception handler turned it into a response already.
            await send_error(send, 413, "too_large", str(exc.detail))

    def message(self) -> str:
        """The error message for a body over the limit."""
        return f"the request body is larger than {self.limit // 1024} KB"


class BodyTooLarge(StarletteHTTPException):
    """Raised from `receive` past the limit; an HTTPException, so FastAPI's body reader, which
    turns other errors into a 400, lets it through to the 413 handler."""

    def __init__(self, message: str) -> None:
        super().__init__(status_code=413, detail=message)


def _error(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers
    )


def create_app(settings: Settings, answerer: Answerer | None = None, load: bool = True) -> FastAPI:
    """The FastAPI app; given an `answerer` (tests) nothing loads, else it loads in the back."""
    server = settings.server
    state = ServiceState(threads=server.answer_threads)
    if answerer is not None:
        state.answerer, state.status, state.detail = answerer, "ready", "ready"
    elif load:
        load_in_background(state, settings)
    app = FastAPI(
        title="Brief Q&A",
        summary="Answers about a brief on U.S.-Mexico security cooperation, every sentence cited.",
        version="0.1.0",
    )
    app.state.qa = state
    # Shared with the web chat; the file is created on the first vote, not here.
    app.state.feedback = FeedbackStore(settings.feedback_db)
    # The last added runs first: CORS (so even a refusal carries its headers), then the key
    # and rate limit, then the size limit.
    app.add_middleware(BodySizeLimit)  # type: ignore[arg-type]
    limiter = RateLimiter(server.rate_limit_per_minute) if server.rate_limit_per_minute else None
    app.add_middleware(AccessGuard, api_key=server.api_key, limiter=limiter)  # type: ignore[arg-type]
    if server.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=server.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            expose_headers=["Retry-After", "WWW-Authenticate"],
            max_age=600,
        )
    if server.api_key is not None:
        _document_bearer_key(app)

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
        codes = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}
        code = codes.get(exc.status_code, "http_error")
        # Keep the exception's headers: a 405 must say which methods are allowed.
        return _error(exc.status_code, code, str(exc.detail), headers=exc.headers)

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

    @app.get(
        "/readyz",
        tags=["service"],
        responses={503: {"model": ErrorOut, "description": "Not ready, with the reason."}},
    )
    def readyz() -> JSONResponse:
        """Readiness: answers can be served (503 with the reason while not)."""
        if state.answerer is not None:
            return JSONResponse({"status": "ready"})
        return _error(503, state.status, state.detail)

    return app


def _document_bearer_key(app: FastAPI) -> None:
    """Mark every /v1 operation in the OpenAPI schema as needing the bearer key."""
    plain = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = plain()
            schemes = schema.setdefault("components", {}).setdefault("securitySchemes", {})
            schemes["bearerKey"] = {
                "type": "http",
                "scheme": "bearer",
                "description": "The server's API key (QA_SERVER__API_KEY).",
            }
            for path, item in schema.get("paths", {}).items():
                if path == "/v1" or path.startswith("/v1/"):
                    for operation in item.values():
                        operation["security"] = [{"bearerKey": []}]
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]


async def get_answerer(request: Request) -> Answerer:
    """The loaded pipeline (503 while it is not ready).

    Async although it never waits: FastAPI runs a plain function dependency on a worker
    thread, a thread hop per request for two attribute reads.
    """
    state: ServiceState = request.app.state.qa
    return state.ready()


Pipeline = Annotated[Answerer, Depends(get_answerer)]


def _router(state: ServiceState) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["answers"], responses=ERRORS)

    def main_document(a: Answerer) -> Document:
        return a.brief

    @router.post("/answer", response_model=AnswerOut, responses=BODY_ERRORS)
    async def answer(body: AnswerRequest, a: Pipeline) -> Response:
        """Answer a question; every sentence of the answer carries a `[n]` citation marker."""

        def run() -> bytes:
            # Serialised on the pipeline thread: the model is built from checked records, so
            # FastAPI's second validation of it would only cost time.
            result: Answer = a.answer(body.question, top_k=body.top_k)
            return AnswerOut.of(result).model_dump_json().encode()

        return Response(await state.run(run), media_type="application/json")

    @router.get("/search", response_model=SearchOut)
    async def search(
        a: Pipeline,
        q: Annotated[
            str,
            Query(
                min_length=1,
                max_length=2000,
                description="Search text.",
                json_schema_extra={"pattern": HAS_TEXT},
            ),
        ],
        k: Annotated[int, Query(ge=1, le=MAX_TOP_K, description="How many hits.")] = 5,
    ) -> Response:
        """Ranked passages for a query (hybrid dense + BM25)."""

        def run() -> bytes:
            hits = a.retriever.search(a.spelled(q), k=k)
            return (
                SearchOut(
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
                            page=h.chunk.page,
                            text=h.chunk.text,
                            score=h.score,
                            dense_score=h.dense_score,
                            bm25_score=h.bm25_score,
                        )
                        for h in hits
                    ],
                )
                .model_dump_json()
                .encode()
            )

        return Response(await state.run(run), media_type="application/json")

    @router.get("/sections", response_model=list[SectionSummaryOut])
    def sections(a: Pipeline) -> list[SectionSummaryOut]:
        """The outline of the brief: every section with its id and paragraph count."""
        doc = main_document(a)
        return [SectionSummaryOut(**_summary(doc, s.id)) for s in doc.sections]

    @router.get("/sections/{section_id}", response_model=SectionOut, responses=NOT_FOUND)
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

    @router.get("/documents", response_model=list[DocumentOut])
    def documents(a: Pipeline) -> list[DocumentOut]:
        """Every indexed document: the brief, the sources behind its endnotes, other files."""
        return [DocumentOut.of(document_id(d), d) for d in a.documents]

    @router.get("/endnotes", response_model=list[EndnoteOut])
    def endnotes(a: Pipeline) -> list[EndnoteOut]:
        """All endnotes with their URLs and where each is anchored."""
        doc = main_document(a)
        return [EndnoteOut(**_endnote(doc, n.number)) for n in doc.endnotes]

    @router.get("/endnotes/{number}", response_model=EndnoteOut, responses=NOT_FOUND)
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
    citations: list[CitationIn] = Field(
        default_factory=list, max_length=50, description="The answer's citations, as returned."
    )


class FeedbackOut(BaseModel):
    id: int = Field(description="Row id of the stored vote.")


def _feedback_router(store: FeedbackStore) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["feedback"], responses=ERRORS)

    @router.post("/feedback", response_model=FeedbackOut, status_code=201, responses=BODY_ERRORS)
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


def add_api_fallback(app: FastAPI) -> None:
    """404 and 405 in the API's error format for /v1 paths and methods no route serves.

    Needed when another app is mounted at `/` (the web chat): the mount takes every request no
    route matched in full, so an unknown /v1 path would get its 404, and a wrong method a 404
    rather than a 405. Call it after the API's routes are in place and before the mount.
    """
    # The routes as they stand now: the API's own, not yet the mount that comes after.
    routes = list(app.router.routes)
    methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    async def fallback(request: Request, rest: str) -> Response:
        allowed = [
            method
            for method in methods
            if any(r.matches({**request.scope, "method": method})[0] == Match.FULL for r in routes)
        ]
        path = request.url.path
        if allowed:
            use = ", ".join(allowed)
            detail = f"{request.method} is not allowed on {path}; use {use}"
            raise StarletteHTTPException(405, detail, headers={"Allow": use})
        raise StarletteHTTPException(404, f"no API route {path}; /docs lists the routes")

    app.add_api_route(
        "/v1/{rest:path}",
        fallback,
        methods=methods,
        include_in_schema=False,
    )
