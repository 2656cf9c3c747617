"""The examples in the analysis core's docstrings run and give the results they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import maillage.analysis

MODULES = sorted(
    name for _, name, _ in pkgutil.iter_modules(maillage.analysis.__path__, prefix="maillage.analysis.")
)


@pytest.mark.parametrize("name", ["maillage.analysis", *MODULES])
def test_examples_in_docstrings_hold(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} failed"
