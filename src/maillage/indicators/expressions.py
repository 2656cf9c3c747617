"""Indicator expressions: a small arithmetic language, parsed by hand and never handed to `eval`.

Grammar (codes are letters, digits and underscores, starting with a letter)::

    expr   := term (("+" | "-") term)*
    term   := factor (("*" | "/") factor)*
    factor := ("-" | "+") factor | NUMBER | CODE | CODE "(" expr ("," expr)* ")" | "(" expr ")"

Functions: min, max, abs. An expression compiles to a Python closure over an environment
(code -> float or None); a missing value or a division by zero gives "no value" with a reason
instead of an exception, so one empty cell never breaks a scorecard.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

from django.utils.translation import get_language
from django.utils.translation import gettext as _

MAX_LENGTH = 1000
MAX_DEPTH = 40
# Long flat chains (1+1+...+1) compile to nested closures: bounded to stay far from the recursion limit.
MAX_TOKENS = 300
FUNCTIONS: dict[str, tuple[int, int | None]] = {"min": (1, None), "max": (1, None), "abs": (1, 1)}
CODE_PATTERN = r"[A-Za-z][A-Za-z0-9_]*"
_TOKEN = re.compile(rf"\s*(?:(?P<number>\d+(?:\.\d*)?|\.\d+)|(?P<code>{CODE_PATTERN})|(?P<op>[-+*/(),]))")


class ExpressionError(ValueError):
    """The text is not a valid expression; the message says where and why, in the user's language."""


class NoValue(Exception):  # noqa: N818 - a result, not an error: the reason is shown next to the cell
    def __init__(self, reason: str, code: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code  # the data element that has no value, when that is the reason


# The tree: ("num", float) | ("ref", code) | ("neg", node) | (op, left, right) | ("call", name, [args]).
Node = tuple[Any, ...]


def tokenize(text: str) -> list[tuple[str, str]]:
    if len(text) > MAX_LENGTH:
        raise ExpressionError(_("The expression is too long (at most %(n)s characters).") % {"n": MAX_LENGTH})
    tokens: list[tuple[str, str]] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            bad = text[position:].lstrip()[:1]
            raise ExpressionError(_("Unexpected character “%(char)s”.") % {"char": bad})
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
        if len(tokens) > MAX_TOKENS:
            raise ExpressionError(_("The expression is too long (at most %(n)s terms).") % {"n": MAX_TOKENS})
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise ExpressionError(_("The expression ends too early."))
        if value is not None and token[1] != value:
            raise ExpressionError(
                _("Expected “%(want)s” but found “%(got)s”.") % {"want": value, "got": token[1]}
            )
        self.index += 1
        return token

    def expression(self) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(_("The expression is nested too deeply."))
        node = self.term()
        while (token := self.peek()) and token[1] in "+-" and token[0] == "op":
            self.take()
            node = (token[1], node, self.term())
        self.depth -= 1
        return node

    def term(self) -> Node:
        node = self.factor()
        while (token := self.peek()) and token[1] in "*/" and token[0] == "op":
            self.take()
            node = (token[1], node, self.factor())
        return node

    def factor(self) -> Node:
        kind, value = self.take()
        if kind == "op" and value in "+-":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ExpressionError(_("The expression is nested too deeply."))
            inner = self.factor()
            self.depth -= 1
            return ("neg", inner) if value == "-" else inner
        if kind == "number":
            return ("num", float(value))
        if kind == "code":
            following = self.peek()
            if following == ("op", "("):
                return self.call(value)
            return ("ref", value)
        if value == "(":
            node = self.expression()
            self.take(")")
            return node
        raise ExpressionError(_("Unexpected “%(token)s”.") % {"token": value})

    def call(self, name: str) -> Node:
        if name.lower() not in FUNCTIONS:
            raise ExpressionError(_("Unknown function “%(name)s” (use min, max or abs).") % {"name": name})
        self.take("(")
        args = [self.expression()]
        while self.peek() == ("op", ","):
            self.take()
            args.append(self.expression())
        self.take(")")
        low, high = FUNCTIONS[name.lower()]
        if len(args) < low or (high is not None and len(args) > high):
            raise ExpressionError(_("Wrong number of arguments for “%(name)s”.") % {"name": name})
        return ("call", name.lower(), args)


def parse(text: str) -> Node:
    """Parse an expression; raises ExpressionError with a readable message."""
    tokens = tokenize(text)
    if not tokens:
        raise ExpressionError(_("The expression is empty."))
    parser = _Parser(tokens)
    node = parser.expression()
    extra = parser.peek()
    if extra is not None:
        raise ExpressionError(_("Unexpected “%(token)s”.") % {"token": extra[1]})
    return node


def references(node: Node) -> set[str]:
    """The codes an expression refers to."""
    kind = node[0]
    if kind == "ref":
        return {node[1]}
    if kind == "num":
        return set()
    if kind == "neg":
        return references(node[1])
    if kind == "call":
        return set().union(*(references(arg) for arg in node[2]))
    return references(node[1]) | references(node[2])


def constant_value(node: Node) -> float | None:
    """The value of a part without references, or None when it depends on data (or cannot be computed)."""
    if references(node):
        return None
    try:
        return compile_node(node)({})
    except NoValue:
        return None


def zero_divisions(node: Node) -> bool:
    """Whether some division is by a constant zero (e.g. `x / (2 - 2)`): refused when saved."""
    kind = node[0]
    if kind in ("num", "ref"):
        return False
    if kind == "neg":
        return zero_divisions(node[1])
    if kind == "call":
        return any(zero_divisions(arg) for arg in node[2])
    if kind == "/" and constant_value(node[2]) == 0:
        return True
    return zero_divisions(node[1]) or zero_divisions(node[2])


Evaluator = Callable[[Mapping[str, float | None]], float]


def _finite(value: float) -> float:
    if math.isnan(value) or math.isinf(value):
        raise NoValue(_("the result is too large"))
    return value


def compile_node(node: Node) -> Evaluator:
    """Turn a tree into a closure; calling it raises NoValue(reason) when the data cannot give a value."""
    kind = node[0]
    if kind == "num":
        number = node[1]
        return lambda env: number
    if kind == "ref":
        code = node[1]

        def ref(env: Mapping[str, float | None]) -> float:
            value = env.get(code)
            if value is None:
                raise NoValue(_("no value for %(code)s") % {"code": code}, code)
            return value

        return ref
    if kind == "neg":
        inner = compile_node(node[1])
        return lambda env: -inner(env)
    if kind == "call":
        functions: dict[str, Callable[..., Any]] = {"min": min, "max": max, "abs": abs}
        function = functions[node[1]]
        args = [compile_node(arg) for arg in node[2]]
        return lambda env: float(function(*(arg(env) for arg in args)))
    left, right = compile_node(node[1]), compile_node(node[2])
    if kind == "+":
        return lambda env: _finite(left(env) + right(env))
    if kind == "-":
        return lambda env: _finite(left(env) - right(env))
    if kind == "*":
        return lambda env: _finite(left(env) * right(env))

    def divide(env: Mapping[str, float | None]) -> float:
        denominator = right(env)
        if denominator == 0:
            raise NoValue(_("division by zero"))
        return _finite(left(env) / denominator)

    return divide


@dataclass(frozen=True)
class Expression:
    text: str
    tree: Node
    evaluate: Evaluator
    codes: frozenset[str]


_compiled: dict[str, Expression] = {}


def compile_expression(text: str) -> Expression:
    """Parse and compile, memoised: the same few dozen expressions are evaluated many thousand times."""
    cached = _compiled.get(text)
    if cached is None:
        tree = parse(text)
        cached = Expression(text, tree, compile_node(tree), frozenset(references(tree)))
        if len(_compiled) > 10_000:
            _compiled.clear()
        _compiled[text] = cached
    return cached


def evaluate(text: str, env: Mapping[str, float | None]) -> tuple[float | None, str]:
    """(value, "") or (None, reason)."""
    try:
        return compile_expression(text).evaluate(env), ""
    except NoValue as missing:
        return None, missing.reason


VectorEvaluator = Callable[[Mapping[str, "np.ndarray"], int], "np.ndarray"]  # noqa: UP037


def compile_vector(node: Node) -> VectorEvaluator:
    """The same tree over numpy columns (one row per network and period): NaN is "no value".

    A missing value, a division by zero or an overflow gives NaN in that row only; the scalar
    evaluator above says why, for the few rows a page shows.
    """
    import numpy as np

    kind = node[0]
    if kind == "num":
        number = node[1]
        return lambda env, n: np.full(n, number)
    if kind == "ref":
        code = node[1]
        return lambda env, n: env[code] if code in env else np.full(n, np.nan)
    if kind == "neg":
        inner = compile_vector(node[1])
        return lambda env, n: -inner(env, n)
    if kind == "call":
        function = {"min": np.minimum, "max": np.maximum}.get(node[1])
        args = [compile_vector(arg) for arg in node[2]]
        if function is None:
            return lambda env, n: np.abs(args[0](env, n))

        def fold(env: Mapping[str, np.ndarray], n: int) -> np.ndarray:
            result = args[0](env, n)
            for arg in args[1:]:
                result = function(result, arg(env, n))  # NaN propagates: a missing argument is missing
            return result

        return fold
    left, right = compile_vector(node[1]), compile_vector(node[2])
    operation = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide}[kind]

    def apply(env: Mapping[str, np.ndarray], n: int) -> np.ndarray:
        a, b = left(env, n), right(env, n)
        with np.errstate(all="ignore"):
            result = operation(a, b)
        if kind == "/":
            result = np.where(b == 0, np.nan, result)
        return np.where(np.isfinite(result), result, np.nan)

    return apply


_vectors: dict[str, VectorEvaluator] = {}


def vector_expression(text: str) -> VectorEvaluator:
    cached = _vectors.get(text)
    if cached is None:
        cached = compile_vector(compile_expression(text).tree)
        if len(_vectors) > 10_000:
            _vectors.clear()
        _vectors[text] = cached
    return cached


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def readable_formula(indicator: Any, names: Mapping[str, str]) -> str:
    """An indicator's formula with its data elements named as people read them, not by their codes."""

    opening, closing = ("«\u00a0", "\u00a0»") if (get_language() or "fr").startswith("fr") else ("“", "”")

    def named(text: str) -> str:
        def name(match: re.Match[str]) -> str:
            code = match.group(0)
            return f"{opening}{names[code]}{closing}" if code in names else code

        return _NAME.sub(name, text)

    formula = named(indicator.numerator)
    if indicator.denominator.strip():
        formula += f" ÷ ({named(indicator.denominator)})"
    if indicator.factor != 1:
        formula += f" × {indicator.factor:g}"
    return formula
