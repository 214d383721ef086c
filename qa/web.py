"""The whole web app: the answer API under /v1 and the Gradio chat mounted at `/`.

`app.py` and `qa serve` both serve `build_app(settings)`, so there is one app to test. The
chat shares the API's ServiceState: the pipeline loads (or the index builds) in a background
thread while the page already shows that it is getting ready; a timer on the page polls until
answers can be served, then stops. The conversation lives on the server (gr.State), so no
request grows with the length of the chat. All HTML is built in `qa.render`.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from typing import Any

import gradio as gr
import uvicorn
from fastapi import FastAPI

from qa.api import ServiceState, add_api_fallback, create_app
from qa.chunking import document_id
from qa.conversation import contextualize
from qa.errors import QAError
from qa.feedback import FeedbackStore, Vote, VoteValue
from qa.render import (
    about_html,
    answer_html,
    empty_sources_html,
    header_html,
    section_html,
    sources_html,
    status_html,
    text_html,
)
from qa.schemas import AnswerOut
from qa.settings import Settings
from qa.types import Answer

log = logging.getLogger("qa.web")

EXAMPLES = [
    "How many people were extradited under Calderón?",
    "What happened in Allende, Coahuila?",
    "What does the brief recommend on drug policy?",
    "¿Qué recomienda el informe sobre la migración?",
]
POLL_SECONDS = 1.0
TOP_K = 5
UNEXPECTED = "Something went wrong on our side (it was logged). Please try again."

# Clicking a marker opens its source; clicking a section link asks Python for its text.
# The marker listener is registered once per page, on the document, because the markers
# live in the chatbot, outside this component.
_SOURCES_JS = """
const openPending = () => {
  const id = window.__qaOpenSource;
  if (!id) return;
  const entry = element.querySelector('#' + CSS.escape(id));
  if (!entry) return;
  entry.open = true;
  entry.scrollIntoView({block: 'nearest'});
};
watch('value', openPending);
if (!window.__qaMarkerListener) {
  window.__qaMarkerListener = true;
  document.addEventListener('click', (event) => {
    const marker = event.target.closest && event.target.closest('a.qa-marker');
    if (!marker) return;
    event.preventDefault();
    window.__qaOpenSource = marker.getAttribute('href').slice(1);
    openPending();
  }, true);
}
element.addEventListener('click', (event) => {
  const a = event.target.closest('a.qa-section-link');
  if (!a) return;
  event.preventDefault();
  trigger('click', {section: a.dataset.section});
});
"""
_OUTLINE_JS = """
element.addEventListener('click', (event) => {
  const a = event.target.closest('a.qa-section-link');
  if (!a) return;
  event.preventDefault();
  trigger('click', {section: a.dataset.section});
});
"""
CSS = """
.qa-status { padding: .6em .9em; border-radius: 6px; margin-bottom: .5em; }
.qa-getting-ready { background: #fff7e0; border: 1px solid #e8c35a; color: #5a4500; }
.qa-failed { background: #fdecec; border: 1px solid #d77; color: #6b1111; }
a.qa-marker { font-weight: 600; text-decoration: none; cursor: pointer; }
.qa-read-as { font-size: .85em; opacity: .75; margin-top: .4em; }
.qa-source { border: 1px solid var(--border-color-primary); border-radius: 6px;
  padding: .4em .7em; margin-bottom: .5em; }
.qa-source summary { cursor: pointer; }
.qa-source[open] { background: var(--background-fill-secondary); }
.qa-paragraph { margin: .5em 0; padding-left: .7em; border-left: 3px solid #ccc; }
.qa-paragraph mark { background: #ffe88a; color: inherit; }
.qa-note-number { font-weight: 600; margin-right: .3em; }
.qa-notes, .qa-no-notes { font-size: .9em; }
.qa-notes { list-style: none; padding-left: 0; }
.qa-not-said { font-weight: 600; }
.qa-facts th { text-align: left; padding-right: 1em; }
.qa-outline { list-style: none; padding-left: 0; }
.qa-level-2 { margin-left: 1.5em; } .qa-level-3 { margin-left: 3em; }
.qa-level-4 { margin-left: 4.5em; }
.qa-para-number { font-weight: 600; margin-right: .4em; opacity: .7; }
.qa-para-notes { font-size: .85em; opacity: .7; }
"""


@dataclass(frozen=True, slots=True)
class Turn:
    """One answered question: what was asked, what was searched, the answer and its sources."""

    id: str
    message: int  # index of the answer in the chat's message list
    question: str
    query: str
    answer: str
    abstained: bool
    citations: tuple[dict[str, Any], ...]
    sources: str


@dataclass
class Conversation:
    """One browser session's chat: the messages shown and the answered turns."""

    messages: list[dict[str, str]] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)

    def turn_at(self, message: int) -> Turn | None:
        """The turn whose question or answer is message number `message`."""
        for turn in self.turns:
            if message in (turn.message - 1, turn.message):
                return turn
        return None


class Chat:
    """The chat's event handlers over the shared pipeline state and the feedback store."""

    def __init__(self, state: ServiceState, store: FeedbackStore, top_k: int = TOP_K) -> None:
        self.state = state
        self.store = store
        self.top_k = top_k

    def ask(
        self, message: str, conversation: Conversation
    ) -> tuple[str, list[dict[str, str]], Conversation, str | dict[str, Any]]:
        """Answer one question. Returns (question box, messages, conversation, sources)."""
        question = (message or "").strip()
        if not question:
            gr.Warning("Type a question about the brief first.")
            return message, conversation.messages, conversation, gr.skip()
        answerer = self.state.answerer
        if answerer is None:
            gr.Warning(
                f"Not ready yet: {self.state.detail}. Your question is kept; ask again soon."
            )
            return message, conversation.messages, conversation, gr.skip()
        query = contextualize([t.query for t in conversation.turns], question)
        try:
            # On the pipeline's threads, in line with the API's requests.
            answer = self.state.call(answerer.answer, query, top_k=self.top_k)
        except QAError as exc:
            return self._notice(question, str(exc), conversation)
        except Exception:
            log.exception("the chat could not answer %r", question[:200])
            return self._notice(question, UNEXPECTED, conversation)
        documents = {document_id(d): d for d in answerer.documents}
        turn_id = secrets.token_hex(4)
        sources = sources_html(answer, documents, turn_id)
        content = answer_html(answer, turn_id)
        if query != question:
            content += text_html(f"Read as: {query}", "qa-read-as")
        conversation.messages.append({"role": "user", "content": text_html(question)})
        conversation.messages.append({"role": "assistant", "content": content})
        index = len(conversation.messages) - 1
        conversation.turns.append(_turn(turn_id, index, question, answer, sources))
        return "", conversation.messages, conversation, sources

    def _notice(
        self, question: str, text: str, conversation: Conversation
    ) -> tuple[str, list[dict[str, str]], Conversation, dict[str, Any]]:
        conversation.messages.append({"role": "user", "content": text_html(question)})
        conversation.messages.append(
            {"role": "assistant", "content": text_html(f"Sorry: {text}", "qa-error")}
        )
        return "", conversation.messages, conversation, gr.skip()

    def vote(self, data: gr.LikeData, conversation: Conversation, request: gr.Request) -> None:
        """Store a thumbs up/down (or its withdrawal) with the question, answer and citations."""
        index = data.index[0] if isinstance(data.index, list | tuple) else data.index
        turn = conversation.turn_at(int(index))
        if turn is None or turn.message != index:
            gr.Info("Only answers can be rated.")
            return
        value: VoteValue = (
            "up" if data.liked is True else "down" if data.liked is False else "withdrawn"
        )
        vote = Vote(
            vote=value,
            question=turn.question,
            answer=turn.answer,
            citations=turn.citations,
            session=getattr(request, "session_hash", None) or "",
        )
        try:
            self.store.add(vote)
        except QAError as exc:
            log.error("feedback not stored: %s", exc)
            gr.Warning(f"Your vote could not be saved: {exc}")
            return
        if value != "withdrawn":
            gr.Info("Thanks: your vote was saved.", duration=3)

    def select(self, data: gr.SelectData, conversation: Conversation) -> str | dict[str, Any]:
        """Show the sources of the answer that was clicked."""
        index = data.index[0] if isinstance(data.index, list | tuple) else data.index
        turn = conversation.turn_at(int(index)) if isinstance(index, int) else None
        return turn.sources if turn is not None else gr.skip()

    @staticmethod
    def start_over() -> tuple[str, list[dict[str, str]], Conversation, str]:
        """An empty chat and sources panel."""
        return "", [], Conversation(), empty_sources_html()

    def refresh(self) -> tuple[str, str, dict[str, Any], dict[str, Any], dict[str, Any]]:
        """(banner, header, ask button, about view, timer) for the pipeline's current state."""
        state = self.state
        answerer = state.answerer
        if answerer is None:
            waiting = state.status != "failed"
            return (
                status_html(state.status, state.detail),
                header_html(None),
                gr.update(interactive=False),
                gr.skip(),
                gr.update(active=waiting),
            )
        doc = answerer.brief
        return (
            status_html("ready", "ready"),
            header_html(doc.title, doc.subtitle),
            gr.update(interactive=True),
            gr.update(value=about_html(doc)),
            gr.update(active=False),
        )

    def show_section(self, data: gr.EventData) -> tuple[str | dict[str, Any], dict[str, Any]]:
        """The text of the section whose link was clicked, and the About tab selected."""
        answerer = self.state.answerer
        section = str(getattr(data, "_data", {}).get("section", "") or "")
        if answerer is None or not section:
            return gr.skip(), gr.skip()
        return section_html(answerer.brief, section), gr.update(selected="about")


def _turn(turn_id: str, message: int, question: str, answer: Answer, sources: str) -> Turn:
    out = AnswerOut.of(answer)
    return Turn(
        id=turn_id,
        message=message,
        question=question,
        query=answer.question,
        answer=answer.answer,
        abstained=answer.abstained,
        citations=tuple(c.model_dump() for c in out.citations),
        sources=sources,
    )


def build_ui(chat: Chat) -> gr.Blocks:
    """The Gradio page: chat and sources side by side, and an About tab."""
    blocks: gr.Blocks
    with gr.Blocks(title="Brief Q&A", analytics_enabled=False) as blocks:
        conversation = gr.State(Conversation())
        header = gr.HTML(header_html(None), elem_id="qa-header")
        banner = gr.HTML(status_html(chat.state.status, chat.state.detail), elem_id="qa-status")
        timer = gr.Timer(POLL_SECONDS)
        with gr.Tabs(selected="chat") as tabs:
            with gr.Tab("Ask", id="chat"), gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(
                        label="Conversation",
                        elem_id="qa-chat",
                        height=520,
                        latex_delimiters=[],
                        feedback_options=("Like", "Dislike"),
                        # Copying would copy our HTML; the text is selectable anyway.
                        buttons=[],
                        placeholder="Ask a question about the brief, or try an example.",
                    )
                    with gr.Row():
                        question = gr.Textbox(
                            placeholder="Ask about the brief (English or Spanish)…",
                            show_label=False,
                            scale=5,
                            max_length=2000,
                            elem_id="qa-question",
                        )
                        ask = gr.Button(
                            "Ask",
                            variant="primary",
                            scale=1,
                            interactive=False,
                            elem_id="qa-ask",
                        )
                    gr.Examples(EXAMPLES, inputs=[question], label="Examples")
                    clear = gr.Button("Start over", variant="secondary", elem_id="qa-clear")
                with gr.Column(scale=2):
                    gr.Markdown("### Sources")
                    sources = gr.HTML(
                        empty_sources_html(), elem_id="qa-sources", js_on_load=_SOURCES_JS
                    )
            with gr.Tab("About this brief", id="about"), gr.Row():
                with gr.Column(scale=2):
                    about = gr.HTML(
                        text_html("The outline appears once the brief is loaded.", "qa-note"),
                        elem_id="qa-about",
                        js_on_load=_OUTLINE_JS,
                    )
                with gr.Column(scale=3):
                    section = gr.HTML(
                        text_html("Click a section of the outline to read it.", "qa-note"),
                        elem_id="qa-section",
                        js_on_load=None,
                    )

        ask_outputs = [question, chatbot, conversation, sources]
        # The handlers are the page's, not an API: kept out of Gradio's API listing (their
        # by-name endpoints need the API key when one is set; see qa.security).
        page: dict[str, Any] = {"api_visibility": "private"}
        question.submit(chat.ask, [question, conversation], ask_outputs, **page)
        ask.click(chat.ask, [question, conversation], ask_outputs, **page)
        clear.click(chat.start_over, None, ask_outputs, **page)
        # The chatbot's own trash button clears the page; the server's copy must follow.
        chatbot.clear(chat.start_over, None, ask_outputs, **page)
        chatbot.like(chat.vote, [conversation], None, **page)
        # Quick updates: no progress overlay, which would dim the panels for a moment.
        quiet: dict[str, Any] = {**page, "show_progress": "hidden"}
        chatbot.select(chat.select, [conversation], [sources], **quiet)
        about.click(chat.show_section, None, [section, tabs], **quiet)
        sources.click(chat.show_section, None, [section, tabs], **quiet)
        refresh_outputs = [banner, header, ask, about, timer]
        blocks.load(chat.refresh, None, refresh_outputs, **quiet)
        timer.tick(chat.refresh, None, refresh_outputs, **quiet)
    return blocks


def build_app(settings: Settings) -> FastAPI:
    """The API app with the Gradio chat mounted at `/`."""
    app = create_app(settings)
    add_api_fallback(app)
    chat = Chat(app.state.qa, app.state.feedback)
    # System fonts only: the default theme would fetch web fonts, and the page must work offline.
    theme = gr.themes.Default(
        font=["system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"]
    )
    blocks = build_ui(chat)
    _slow_idle_polling(blocks)
    mounted: FastAPI = gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        server_name=settings.server.host,
        server_port=settings.server.port,
        footer_links=[],
        # Handlers turn errors into messages; anything unforeseen shows a generic toast.
        show_error=False,
        run_history=False,
        ssr_mode=False,
        mcp_server=False,
        theme=theme,
        css=CSS,
    )
    return mounted


# How often Gradio's queue looks for new chat events when idle. Its own default on Linux is
# every millisecond: a thousand event-loop wake-ups a second that take the GIL and a core
# from the answers being computed (an idle server used ~8% of a core). 20 ms is still
# instant for a person typing.
QUEUE_POLL_SECONDS = 0.02


def _slow_idle_polling(blocks: gr.Blocks) -> None:
    """Make the chat queue poll every QUEUE_POLL_SECONDS (see there) instead of every 1 ms."""
    queue = getattr(blocks, "_queue", None)
    for name in ("sleep_when_free", "progress_update_sleep_when_free"):
        # Private attributes of gradio's Queue: if a release renames them, nothing breaks.
        if queue is not None and isinstance(getattr(queue, name, None), float):
            setattr(queue, name, max(getattr(queue, name), QUEUE_POLL_SECONDS))


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
        # Open pages hold event streams; without a limit, Ctrl+C would wait for them forever.
        timeout_graceful_shutdown=3,
    )
    _AnnouncingServer(config).run()
