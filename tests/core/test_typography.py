"""French typography in what people read: a non-breaking space before : ; ? ! » and after «.

A plain space there lets a line break leave « ? » or « » » alone at the start of a line. The
check reads every template and every string of the code (docstrings and regular expressions
aside), so a new message cannot bring the mistake back.
"""

import ast
import re
from pathlib import Path

ESSAIM = Path(__file__).resolve().parents[2] / "essaim"
PLAIN_SPACE = re.compile(r"(?<=[\w)»%}’\"]) [:;?!»](?=\s|$|<|[{\"').,»])|« ")


def _templates():
    return sorted(p for p in ESSAIM.rglob("templates/**/*") if p.suffix in {".html", ".txt"})


def _modules():
    return sorted(p for p in ESSAIM.rglob("*.py") if "migrations" not in p.parts)


def _docstrings(tree) -> set[int]:
    nodes = [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef))]
    return {
        id(node.body[0].value)
        for node in nodes
        if node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def _strings(path: Path):
    """(line, text) of each string literal but docstrings and raw strings (regular expressions);
    an f-string as written, placeholders included."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    skipped = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(part) for part in node.values)
            yield node.lineno, ast.get_source_segment(source, node) or ""
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            segment = ast.get_source_segment(source, node) or ""
            if id(node) not in skipped and not re.match(r"^[bBuU]*[rR]", segment):
                yield node.lineno, node.value


def _mistakes(lines):
    return [f"{number}: {text.strip()[:90]}" for number, text in lines if PLAIN_SPACE.search(text)]


def test_templates_keep_punctuation_with_its_word():
    mistakes = {
        str(path.relative_to(ESSAIM)): found
        for path in _templates()
        if (found := _mistakes(enumerate(path.read_text(encoding="utf-8").splitlines(), 1)))
    }
    assert not mistakes, f"use a non-breaking space (U+00A0): {mistakes}"


def test_messages_keep_punctuation_with_their_word():
    mistakes = {
        str(path.relative_to(ESSAIM)): found
        for path in _modules()
        if (found := _mistakes(_strings(path)))
    }
    assert not mistakes, f"use a non-breaking space (U+00A0): {mistakes}"
