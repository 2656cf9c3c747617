"""The expression language: what it accepts, what it refuses (with a message), and hostile input."""

from __future__ import annotations

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from maillage.indicators.expressions import (
    ExpressionError,
    compile_expression,
    evaluate,
    parse,
    references,
    zero_divisions,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("10 / 4", 2.5),
        ("-3 + 5", 2.0),
        ("--3", 3.0),
        ("2 - 3 - 4", -5.0),  # left associative
        ("24 / 4 / 2", 3.0),
        ("a * 100 / b", 50.0),
        ("min(a, b, 7)", 7.0),
        ("max(a, b)", 20.0),
        ("abs(a - b)", 10.0),
        (".5 + 1.", 1.5),
        ("MIN(a, 3)", 3.0),
    ],
)
def test_it_evaluates_arithmetic(text, expected):
    assert evaluate(text, {"a": 10.0, "b": 20.0}) == (expected, "")


def test_references_are_collected():
    assert references(parse("er_visits / (target_population + x2) * 1000")) == {
        "er_visits",
        "target_population",
        "x2",
    }


def test_a_missing_value_gives_no_value_with_its_reason():
    value, reason = evaluate("a / b", {"a": 1.0, "b": None})
    assert value is None and "b" in reason


def test_division_by_zero_in_the_data_gives_no_value():
    with translation.override("en"):
        assert evaluate("a / (b - 20)", {"a": 1.0, "b": 20.0}) == (None, "division by zero")


@pytest.mark.parametrize(
    "text",
    ["", "   ", "1 +", "(1 + 2", "1 + 2)", "a b", "a ** 2", "__import__('os')", "a.b", "2 // 3", "foo(1)",
     "abs(1, 2)", "min()", "x = 1", "a; b", "1e5", "'text'", "<script>alert(1)</script>", "a,b", "é + 1"],
)  # fmt: skip
def test_it_refuses_what_is_not_an_expression(text):
    with pytest.raises(ExpressionError):
        parse(text)


def test_messages_are_readable():
    with translation.override("en"), pytest.raises(ExpressionError, match="Unexpected character"):
        parse("a $ b")
    with translation.override("en"), pytest.raises(ExpressionError, match="Unknown function"):
        parse("sqrt(a)")


def test_nesting_and_length_are_bounded():
    with pytest.raises(ExpressionError):
        parse("(" * 500 + "1" + ")" * 500)
    with pytest.raises(ExpressionError):
        parse("-" * 500 + "1")
    with pytest.raises(ExpressionError):
        parse("+".join(["1"] * 400))
    with pytest.raises(ExpressionError):
        parse("a" * 2000)
    # Below the bounds, long chains still evaluate (no recursion error).
    assert evaluate("+".join(["1"] * 150), {}) == (150.0, "")


def test_constant_zero_divisions_are_found():
    assert zero_divisions(parse("a / (2 - 2)"))
    assert zero_divisions(parse("min(a / 0, 1)"))
    assert not zero_divisions(parse("a / (b - 2)"))


def test_huge_results_are_no_value_not_infinity():
    value, reason = evaluate("a * a", {"a": 1e200})
    assert value is None and reason


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_parses_or_fails_cleanly(text):
    try:
        expression = compile_expression(text)
    except ExpressionError:
        return
    value, reason = evaluate(text, dict.fromkeys(expression.codes, 2.0))
    assert (value is None) == bool(reason)


OPERATORS = st.sampled_from(["+", "-", "*", "/"])


@st.composite
def arithmetic(draw, depth=0):
    if depth > 3 or draw(st.booleans()):
        return str(draw(st.integers(min_value=0, max_value=50)))
    left, right = draw(arithmetic(depth + 1)), draw(arithmetic(depth + 1))
    return f"({left} {draw(OPERATORS)} {right})"


@settings(max_examples=300, deadline=None)
@given(arithmetic())
def test_it_agrees_with_python_arithmetic(text):
    # The test may use Python's own arithmetic as the reference; the application never does.
    try:
        expected = eval(text)  # noqa: S307 - digits, operators and parentheses from the strategy only
    except ZeroDivisionError:
        assert evaluate(text, {})[0] is None
        return
    value, _reason = evaluate(text, {})
    assert value == pytest.approx(expected)


@st.composite
def with_codes(draw, depth=0):
    if depth > 3 or draw(st.booleans()):
        return draw(st.sampled_from(["a", "b", "c", "0", "2", "7.5"]))
    if draw(st.integers(0, 5)) == 0:
        function = draw(st.sampled_from(["min", "max", "abs"]))
        args = [draw(with_codes(depth + 1)) for _ in range(1 if function == "abs" else 2)]
        return f"{function}({', '.join(args)})"
    return f"({draw(with_codes(depth + 1))} {draw(OPERATORS)} {draw(with_codes(depth + 1))})"


VALUE = st.one_of(st.none(), st.sampled_from([0.0, 1.0, -2.0, 3.5, 1e9]))


@settings(max_examples=300, deadline=None)
@given(with_codes(), st.lists(st.tuples(VALUE, VALUE, VALUE), min_size=1, max_size=5))
def test_columns_evaluate_like_single_values(text, rows):
    import numpy as np

    from maillage.indicators.expressions import vector_expression

    env = {code: np.array([np.nan if r[i] is None else r[i] for r in rows]) for i, code in enumerate("abc")}
    got = vector_expression(text)(env, len(rows))
    for k, row in enumerate(rows):
        expected, _reason = evaluate(text, dict(zip("abc", row, strict=True)))
        if expected is None:
            assert np.isnan(got[k])
        else:
            assert got[k] == pytest.approx(expected)
