"""How every `qa` command reports what a user can fix: one `error: ...` line and an exit code.

with user_errors():            # QAError and bad QA_* settings exit 1
with user_errors(query_code=2, setting_code=2):   # `qa index` / `qa search`
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import click

from qa.errors import QAError, QueryError


def fail(message: str, code: int = 1) -> NoReturn:
    """Print `error: <message>` on stderr and exit with `code`."""
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@contextmanager
def user_errors(query_code: int = 1, setting_code: int = 1) -> Iterator[None]:
    """Turn a QAError (a QueryError with its own code) or a bad setting into `fail`."""
    from pydantic import ValidationError

    try:
        yield
    except QueryError as exc:
        fail(str(exc), query_code)
    except QAError as exc:
        fail(str(exc))
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        fail(
            f"bad setting ({problems}); settings come from QA_* environment variables",
            setting_code,
        )
