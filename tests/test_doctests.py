"""The examples in the package's docstrings are run, so that they stay true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import qa

# The entry point runs the command line when imported.
MODULES = sorted(m.name for m in pkgutil.iter_modules(qa.__path__) if m.name != "__main__")


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    module = importlib.import_module(f"qa.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) of qa.{name} fail"


def test_the_examples_are_found() -> None:
    found = sum(
        doctest.testmod(importlib.import_module(f"qa.{name}")).attempted for name in MODULES
    )
    assert found >= 20
