"""A hypothesis strategy for programs dense in what name lookup depends on.

Few names (so bindings collide), every binding construct (assignments, augmented and annotated
ones, loops, ``with``, ``except ... as``, walrus, comprehensions, lambdas, parameters with defaults
and annotations, decorators, classes with bases and keywords, imports, ``global``/``nonlocal``,
``del``, ``match``), nested in branches, loops, functions and classes. Programs parse; they need not
compile (``nonlocal`` without an enclosing binding, ``import *`` in a function), as flake8 hands such
trees to plugins too. Used by ``tests/test_syntax_scopes.py`` and for longer runs by
``bench/syntax_lookup.py --fuzz``.
"""

from __future__ import annotations

from hypothesis import strategies as st

NAMES = ("a", "b", "c", "f", "print", "property")


@st.composite
def expressions(draw, depth: int = 2) -> str:
    name = draw(st.sampled_from(NAMES))
    if depth <= 0:
        return name
    inner = expressions(depth - 1)
    shapes = [
        lambda: name,
        lambda: f"{name}.x",
        lambda: f"{name}({draw(inner)})",
        lambda: f"({name} := {draw(inner)})",
        lambda: f"[{draw(inner)} for {name} in {draw(inner)} if {draw(inner)}]",
        lambda: f"{{{draw(inner)}: {draw(inner)} for {name} in {draw(inner)}}}",
        lambda: f"(lambda {name}, b={draw(inner)}: {draw(inner)})",
        lambda: f"{{{draw(inner)}: {draw(inner)}}}",
        lambda: f"({draw(inner)} if {draw(inner)} else {draw(inner)})",
        lambda: f"[{draw(inner)} for {name} in {draw(inner)} for b in {draw(inner)}]",
    ]
    return draw(st.sampled_from(shapes))()


def _indent(lines: list[str]) -> list[str]:
    return ["    " + line for line in lines] or ["    pass"]


@st.composite
def blocks(draw, depth: int = 2, function: bool = False, klass: bool = False) -> list[str]:
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        lines += draw(statements(depth, function, klass))
    return lines


@st.composite
def statements(draw, depth: int, function: bool, klass: bool) -> list[str]:
    name = draw(st.sampled_from(NAMES))
    other = draw(st.sampled_from(NAMES))
    value = draw(expressions(1))
    simple = [
        [f"{name} = {value}"],
        [f"{name} += {value}"],
        [f"{name}: {other} = {value}"],
        [f"{name}, *{other} = {value}"],
        [f"print({value})"],
        [f"del {name}"],
        [f"import {name}.{other} as {other}", f"import {name}.x"],
        [f"from m import {name} as {other}"],
        [f"from m import {name}"],
        [f"assert {value}, ({name} := {other})"],
    ]
    if function:
        simple += [[f"global {name}"], [f"nonlocal {name}"], [f"return {value}"]]
    if klass:
        simple += [[f"def m(self, {other}={value}):", f"    self.{name} = {other}"],
                   ["@classmethod", "def k(cls):", f"    cls.{name} = {value}"]]
    if draw(st.integers(0, 400)) == 0:
        simple.append(["from m import *"])
    if depth <= 0:
        return draw(st.sampled_from(simple))
    body = blocks(depth - 1, function, klass=False)
    function_body = blocks(depth - 1, True, klass=False)
    compound = [
        lambda: [f"if {value}:", *_indent(draw(body)), "else:", *_indent(draw(body))],
        lambda: [f"if {value}:", *_indent(draw(body)), f"elif {draw(expressions(1))}:", *_indent(draw(body))],
        lambda: [f"for {name} in {value}:", *_indent(draw(body)), "else:", *_indent(draw(body))],
        lambda: [f"while {value}:", *_indent(draw(body))],
        lambda: ["try:", *_indent(draw(body)), f"except E as {name}:", *_indent(draw(body)),
                 f"except ({other}, F):", *_indent(draw(body)), "else:", *_indent(draw(body)),
                 "finally:", *_indent(draw(body))],
        lambda: [f"with {value} as {name}, {other}:", *_indent(draw(body))],
        lambda: [f"@{draw(expressions(1))}", f"def {name}({other}, b={draw(expressions(1))}, *c, "
                 f"d: {draw(expressions(1))} = {draw(expressions(1))}, **e) -> {draw(expressions(1))}:",
                 *_indent(draw(function_body))],
        lambda: [f"class {name}({draw(expressions(1))}, metaclass={draw(expressions(1))}):",
                 *_indent(draw(blocks(depth - 1, function, klass=True)))],
        lambda: [f"match {value}:", f"    case [{name}, *{other}] if {draw(expressions(1))}:",
                 *_indent(_indent(draw(body))), f"    case {{'k': {name}, **{other}}}:", *_indent(_indent(draw(body))),
                 f"    case C(x={name}) | {name}:", *_indent(_indent(draw(body)))],
    ]
    if draw(st.booleans()):
        return draw(st.sampled_from(simple))
    return draw(st.sampled_from(compound))()


@st.composite
def scoping_programs(draw) -> str:
    return "\n".join(draw(blocks(3))) + "\n"
