"""The chat's handlers without a browser, and the mounted app's routes."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import gradio as gr
import pytest
from fastapi.testclient import TestClient

from qa.answer import Answerer
from qa.api import ServiceState
from qa.errors import QueryError
from qa.feedback import FeedbackStore
from qa.settings import Settings
from qa.web import Chat, Conversation, build_app

CALDERON = "How many people were extradited under Calderón?"


class _Request:
    session_hash = "session-1"


def _like(index: int, liked: bool | str) -> gr.LikeData:
    return gr.LikeData(None, {"index": index, "value": ["..."], "liked": liked})


def _ready(answerer: Any) -> ServiceState:
    state = ServiceState()
    state.answerer, state.status, state.detail = answerer, "ready", "ready"
    return state


@pytest.fixture
def chat(answerer: Answerer, tmp_path: Path) -> Chat:
    return Chat(_ready(answerer), FeedbackStore(tmp_path / "feedback.sqlite3"))


def test_ask_answers_with_markers_and_sources(chat: Chat) -> None:
    box, messages, conversation, sources = chat.ask(CALDERON, Conversation())
    assert box == ""
    assert [m["role"] for m in messages] == ["user", "assistant"]
    assert "587" in messages[1]["content"] and 'class="qa-marker"' in messages[1]["content"]
    assert isinstance(sources, str) and "<mark>" in sources
    assert "U.S.-Mexico Security Cooperation: An Overview" in sources
    turn = conversation.turns[0]
    assert turn.message == 1 and turn.question == CALDERON and not turn.abstained
    assert turn.citations and turn.citations[0]["marker"] == 1


def test_follow_up_uses_the_conversation(chat: Chat) -> None:
    conversation = Conversation()
    chat.ask("How many people were extradited under Fox?", conversation)
    _, messages, conversation, _ = chat.ask("and under Calderón?", conversation)
    turn = conversation.turns[-1]
    assert turn.query == CALDERON
    assert "587" in turn.answer
    assert "Read as: " + CALDERON in messages[-1]["content"].replace("&#x27;", "'")


def test_unanswerable_question_shows_does_not_say(chat: Chat) -> None:
    _, messages, _, sources = chat.ask("What is the recipe for mole poblano?", Conversation())
    assert "does not say" in messages[-1]["content"]
    assert isinstance(sources, str) and "The brief does not say." in sources
    assert "qa-section-link" in sources


@pytest.mark.parametrize("question", ["", "   ", "\n"])
def test_empty_question_changes_nothing(chat: Chat, question: str) -> None:
    with pytest.warns(UserWarning, match="Type a question"):
        _, messages, conversation, sources = chat.ask(question, Conversation())
    assert messages == [] and conversation.turns == [] and sources == gr.skip()


def test_not_ready_keeps_the_question(tmp_path: Path) -> None:
    state = ServiceState()
    state.status, state.detail = "building", "building the index (first start)"
    chat = Chat(state, FeedbackStore(tmp_path / "f.sqlite3"))
    with pytest.warns(UserWarning, match="Not ready yet: building the index"):
        box, messages, _, _ = chat.ask(CALDERON, Conversation())
    assert box == CALDERON and messages == []
    banner, _, ask, _, timer = chat.refresh()
    assert "Getting ready" in banner and "building the index" in banner
    assert ask["interactive"] is False and timer["active"] is True
    state.status, state.detail = "failed", "the index cannot be used <x>"
    banner, _, _, _, timer = chat.refresh()
    assert "unavailable" in banner and "&lt;x&gt;" in banner and timer["active"] is False


def test_refresh_when_ready_fills_the_about_view_and_stops_polling(chat: Chat) -> None:
    banner, header, ask, about, timer = chat.refresh()
    assert banner == "" and "Putting Citizens" in header
    assert ask["interactive"] is True and timer["active"] is False
    assert "Gema Kloppe-Santamaría" in about["value"]


class _Failing:
    """An answerer whose answer raises what it is given."""

    def __init__(self, exc: Exception, documents: list[Any]) -> None:
        self.exc = exc
        self.documents = documents

    def answer(self, question: str, top_k: int = 5) -> Any:
        raise self.exc


@pytest.mark.parametrize(
    ("exc", "shown"),
    [
        (QueryError("the question is 3000 characters long; the limit is 2000"), "the limit is"),
        (RuntimeError("boom\nTraceback (most recent call last)"), "went wrong on our side"),
    ],
)
def test_errors_become_a_clear_message_never_a_traceback(
    answerer: Answerer, tmp_path: Path, exc: Exception, shown: str
) -> None:
    chat = Chat(_ready(_Failing(exc, answerer.documents)), FeedbackStore(tmp_path / "f.sqlite3"))
    _, messages, conversation, _ = chat.ask("anything?", Conversation())
    assert shown in messages[-1]["content"]
    assert "Traceback" not in messages[-1]["content"] and "boom" not in messages[-1]["content"]
    assert conversation.turns == []


def test_votes_are_stored_with_question_answer_and_citations(
    chat: Chat, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, conversation, _ = chat.ask(CALDERON, Conversation())
    chat.vote(_like(1, True), conversation, _Request())  # type: ignore[arg-type]
    chat.vote(_like(1, ""), conversation, _Request())  # type: ignore[arg-type]
    chat.vote(_like(1, False), conversation, _Request())  # type: ignore[arg-type]
    chat.vote(_like(0, True), conversation, _Request())  # type: ignore[arg-type]
    assert "Only answers can be rated" in capsys.readouterr().out  # gr.Info outside a page
    votes = chat.store.all()
    assert [v.vote.vote for v in votes] == ["up", "withdrawn", "down"]
    assert votes[0].vote.question == CALDERON and "587" in votes[0].vote.answer
    assert votes[0].vote.citations[0]["section_id"] == "us-mexico-security-cooperation-an-overview"
    assert votes[0].vote.session == "session-1"


def test_select_shows_that_answers_sources_and_start_over_clears(chat: Chat) -> None:
    conversation = Conversation()
    chat.ask("What happened in Allende, Coahuila?", conversation)
    chat.ask(CALDERON, conversation)
    first = conversation.turns[0]
    shown = chat.select(gr.SelectData(None, {"index": 1, "value": "..."}), conversation)
    assert shown == first.sources and "Note 13" in first.sources
    assert chat.select(gr.SelectData(None, {"index": 9, "value": "."}), conversation) == gr.skip()
    box, messages, fresh, sources = chat.start_over()
    assert (box, messages, fresh.turns) == ("", [], []) and "appear here" in sources


def test_section_links_show_the_section(chat: Chat) -> None:
    html, tabs = chat.show_section(gr.EventData(None, {"section": "introduction"}))
    assert (
        isinstance(html, str)
        and "¶1" in html
        and tabs == {"__type__": "update", "selected": "about"}
    )
    html, _ = chat.show_section(gr.EventData(None, {"section": "<nope>"}))
    assert "no section" in html
    assert chat.show_section(gr.EventData(None, {})) == (gr.skip(), gr.skip())


def test_one_app_serves_the_page_and_the_api(tmp_path: Path) -> None:
    # An empty corpus: the loader fails fast, and the page still serves and says why.
    (tmp_path / "corpus").mkdir()
    settings = Settings(
        corpus_dir=tmp_path / "corpus",
        index_dir=tmp_path / "index",
        cache_dir=tmp_path / "cache",
        feedback_db=tmp_path / "f.sqlite3",
    )
    app = build_app(settings)
    with TestClient(app) as client:
        assert client.get("/").status_code == 200
        config = client.get("/config").json()
        assert config["title"] == "Brief Q&A"
        ids = {c.get("props", {}).get("elem_id") for c in config["components"]}
        assert {"qa-chat", "qa-question", "qa-ask", "qa-sources", "qa-about"} <= ids
        assert client.get("/healthz").json() == {"status": "ok"}
        deadline = time.monotonic() + 30
        while app.state.qa.status not in ("failed", "ready") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert app.state.qa.status == "failed"
        answer = client.post("/v1/answer", json={"question": "anything?"})
        assert answer.status_code == 503 and answer.json()["error"]["code"] == "not_ready"
        assert "/v1/answer" in client.get("/openapi.json").json()["paths"]
        # The page is mounted at `/`, yet the API's misses stay the API's: its error format,
        # 404 for an unknown route, 405 (with Allow) for a known route and a wrong method.
        missing = client.get("/v1/no-such-route")
        assert missing.status_code == 404
        assert missing.json()["error"] == {
            "code": "not_found",
            "message": "no API route /v1/no-such-route; /docs lists the routes",
        }
        wrong = client.delete("/v1/answer")
        assert wrong.status_code == 405 and wrong.headers["allow"] == "POST"
        assert wrong.json()["error"]["code"] == "method_not_allowed"
        assert client.put("/v1/sections/introduction").headers["allow"] == "GET"
        assert client.get("/no-such-page").status_code == 404  # the page's own 404 is untouched
