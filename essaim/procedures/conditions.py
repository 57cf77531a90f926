"""The condition language: stored as JSON, written as French text by the builder. Pure Python.

JSON form (what `Field.condition`, `Section.condition`, rules and routing store):
    leaf:        {"field": "age", "op": "ge", "value": 18}   (op in OPERATORS)
    filled:      {"field": "iban", "op": "filled"}           ("empty" is its opposite)
    and / or:    {"all": [cond, …]} / {"any": [cond, …]}
    not:         {"not": cond}
    None means "always".
Text form: `age >= 18 et (situation = "salarie" ou rempli(iban))`, `non (enfants contient "x")`.
"""

import re
from decimal import Decimal, InvalidOperation

COMPARISONS = {
    "eq": "=",
    "ne": "!=",
    "gt": ">",
    "ge": ">=",
    "lt": "<",
    "le": "<=",
    "contains": "contient",
}
PREDICATES = {"filled": "rempli", "empty": "vide"}
OPERATORS = frozenset(COMPARISONS) | frozenset(PREDICATES)


class ConditionError(ValueError):
    """A condition that cannot be read; `message` is French and says how to fix it."""

    def __init__(self, message: str, position: int | None = None):
        super().__init__(message)
        self.message = message
        self.position = position


# ---------------------------------------------------------------- evaluation


def is_empty(value) -> bool:
    if value is None or value == "" or value == [] or value == {}:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return all(is_empty(v) for v in value.values())
    return False


def _number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            return Decimal(value.strip().replace(",", ".").replace("\u202f", "").replace(" ", ""))
        except InvalidOperation:
            return None
    return None


def _comparable(left, right):
    """Both sides as numbers when both read as numbers, else as strings (ISO dates compare
    well as strings), else None."""
    a, b = _number(left), _number(right)
    if a is not None and b is not None and not a.is_nan() and not b.is_nan():
        return a, b
    if isinstance(left, str) and isinstance(right, str):
        return left, right
    return None


def _equals(left, right) -> bool:
    if isinstance(left, list):
        return any(_equals(item, right) for item in left)
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right or (left == right and type(left) is type(right))
    pair = _comparable(left, right)
    if pair is not None:
        a, b = pair
        return a.strip().casefold() == b.strip().casefold() if isinstance(a, str) else a == b
    return left == right


def _compare(op, left, right) -> bool:
    if op == "eq":
        return not is_empty(left) and _equals(left, right)
    if op == "ne":
        return not (not is_empty(left) and _equals(left, right))
    if op == "contains":
        if isinstance(left, list):
            return any(_equals(item, right) for item in left)
        if isinstance(left, str) and isinstance(right, str):
            return right.casefold() in left.casefold()
        return False
    if is_empty(left):
        return False
    pair = _comparable(left, right)
    if pair is None:
        return False
    a, b = pair
    return {"gt": a > b, "ge": a >= b, "lt": a < b, "le": a <= b}[op]


def evaluate(condition, values) -> bool:
    """Whether `condition` holds for `values` (a mapping of field keys to answers)."""
    if condition is None:
        return True
    if not isinstance(condition, dict):
        raise ConditionError("Condition illisible.")
    if "all" in condition:
        return all(evaluate(c, values) for c in condition["all"])
    if "any" in condition:
        return any(evaluate(c, values) for c in condition["any"])
    if "not" in condition:
        return not evaluate(condition["not"], values)
    op = condition.get("op")
    value = values.get(condition.get("field"))
    if op == "filled":
        return not is_empty(value)
    if op == "empty":
        return is_empty(value)
    if op in COMPARISONS:
        return _compare(op, value, condition.get("value"))
    raise ConditionError(f"Opérateur inconnu : {op!r}.")


def referenced_keys(condition) -> set[str]:
    """The field keys a condition reads."""
    if not condition:
        return set()
    if "all" in condition or "any" in condition:
        children = condition.get("all") or condition.get("any") or []
        return set().union(*(referenced_keys(c) for c in children)) if children else set()
    if "not" in condition:
        return referenced_keys(condition["not"])
    return {condition.get("field")}


def check(condition, known_keys) -> list[str]:
    """French errors for the builder: malformed nodes, unknown operators, unknown fields (a
    condition may only read fields placed before it: pass those keys)."""
    errors: list[str] = []
    known = set(known_keys)

    def walk(node):
        if not isinstance(node, dict):
            errors.append("Chaque condition doit être un objet (ou null pour « toujours »).")
            return
        for combinator in ("all", "any"):
            if combinator in node:
                children = node[combinator]
                if not isinstance(children, list) or not children:
                    word = "et" if combinator == "all" else "ou"
                    errors.append(f"Un « {word} » doit réunir au moins une condition.")
                    return
                for child in children:
                    walk(child)
                return
        if "not" in node:
            walk(node["not"])
            return
        field, op = node.get("field"), node.get("op")
        if op not in OPERATORS:
            errors.append(
                f"Opérateur inconnu « {op} » : utilisez =, !=, >, >=, <, <=, contient, "
                "rempli() ou vide()."
            )
        if field not in known:
            errors.append(
                f"Le champ « {field} » n’existe pas avant cette question : vérifiez "
                "l’identifiant, ou déplacez la condition après le champ."
            )
        if op in COMPARISONS and "value" not in node:
            errors.append(f"Indiquez la valeur à comparer au champ « {field} ».")

    if condition is not None:
        walk(condition)
    return errors


# ---------------------------------------------------------------- text form

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>"(?:[^"\\]|\\.)*"|«[^»]*»)
      | (?P<number>-?\d+(?:[.,]\d+)?(?![\w-]))
      | (?P<op>!=|<>|>=|<=|=|>|<)
      | (?P<paren>[()])
      | (?P<word>[A-Za-zÀ-ÿ_][\w-]*)
    )""",
    re.VERBOSE,
)
_AND, _OR, _NOT = {"et", "and"}, {"ou", "or"}, {"non", "not"}
_WORD_OPS = {"contient": "contains", "contains": "contains"}
_SYMBOL_OPS = {"=": "eq", "!=": "ne", "<>": "ne", ">": "gt", ">=": "ge", "<": "lt", "<=": "le"}
_FUNCTIONS = {"rempli": "filled", "filled": "filled", "vide": "empty", "empty": "empty"}
_LITERALS = {"vrai": True, "true": True, "oui": True, "faux": False, "false": False, "non": False}


def _tokenize(text: str):
    tokens, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            where = len(text[:position]) + len(text[position:]) - len(text[position:].lstrip())
            raise ConditionError(
                f"Caractère inattendu « {text[where]} » en position {where + 1} : "
                'mettez les textes entre guillemets droits "…".',
                where,
            )
        kind = match.lastgroup
        tokens.append((kind, match.group(kind), match.start(kind)))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, text):
        self.tokens = _tokenize(text)
        self.index = 0
        self.length = len(text)

    def peek(self):
        return (
            self.tokens[self.index] if self.index < len(self.tokens) else (None, None, self.length)
        )

    def take(self):
        token = self.peek()
        self.index += 1
        return token

    def fail(self, message, position=None):
        position = self.peek()[2] if position is None else position
        raise ConditionError(f"{message} (position {position + 1}).", position)

    def is_word(self, words):
        kind, value, _ = self.peek()
        return kind == "word" and value.lower() in words

    def parse(self):
        if not self.tokens:
            self.fail("La condition est vide : écrivez par exemple age >= 18", 0)
        node = self.parse_or()
        if self.index < len(self.tokens):
            self.fail(f"« {self.peek()[1]} » est en trop : reliez les conditions par et / ou")
        return node

    def parse_or(self):
        items = [self.parse_and()]
        while self.is_word(_OR):
            self.take()
            items.append(self.parse_and())
        return items[0] if len(items) == 1 else {"any": items}

    def parse_and(self):
        items = [self.parse_unary()]
        while self.is_word(_AND):
            self.take()
            items.append(self.parse_unary())
        return items[0] if len(items) == 1 else {"all": items}

    def parse_unary(self):
        if self.is_word(_NOT):
            self.take()
            return {"not": self.parse_unary()}
        return self.parse_primary()

    def expect_paren(self, char):
        kind, value, position = self.take()
        if kind != "paren" or value != char:
            self.fail(f"Il manque « {char} »", position)

    def parse_primary(self):
        kind, value, _position = self.peek()
        if kind == "paren" and value == "(":
            self.take()
            node = self.parse_or()
            self.expect_paren(")")
            return node
        if kind != "word":
            self.fail("Un identifiant de champ est attendu ici")
        self.take()
        if value.lower() in _FUNCTIONS and self.peek()[:2] == ("paren", "("):
            self.take()
            field_kind, field, field_position = self.take()
            if field_kind != "word":
                self.fail("Mettez un identifiant de champ entre les parenthèses", field_position)
            self.expect_paren(")")
            return {"field": field, "op": _FUNCTIONS[value.lower()]}
        op_kind, op_value, op_position = self.take()
        if op_kind == "op":
            op = _SYMBOL_OPS[op_value]
        elif op_kind == "word" and op_value.lower() in _WORD_OPS:
            op = _WORD_OPS[op_value.lower()]
        else:
            self.fail(
                f"Après « {value} », un opérateur est attendu (=, !=, >, >=, <, <=, contient)",
                op_position,
            )
        return {"field": value, "op": op, "value": self.parse_literal()}

    def parse_literal(self):
        kind, value, position = self.take()
        if kind == "string":
            inner = value[1:-1]
            return inner.replace('\\"', '"').replace("\\\\", "\\") if value[0] == '"' else inner
        if kind == "number":
            number = value.replace(",", ".")
            return int(number) if "." not in number else number
        if kind == "word" and value.lower() in _LITERALS:
            return _LITERALS[value.lower()]
        self.fail(
            "Une valeur est attendue : un nombre, un texte entre guillemets, vrai ou faux", position
        )


def parse(text: str):
    """The JSON form of a condition written as text. Raises `ConditionError` (French)."""
    return _Parser(text or "").parse()


def _literal_text(value) -> str:
    if value is True:
        return "vrai"
    if value is False:
        return "faux"
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def to_text(condition, *, _nested=False) -> str:
    """The text form of a JSON condition (`parse(to_text(c)) == c` for well-formed `c`)."""
    if condition is None:
        return ""
    if "all" in condition or "any" in condition:
        word = " et " if "all" in condition else " ou "
        parts = condition.get("all") or condition.get("any")
        text = word.join(to_text(c, _nested=True) for c in parts)
        return f"({text})" if _nested else text
    if "not" in condition:
        return f"non {to_text(condition['not'], _nested=True)}"
    op = condition["op"]
    if op in PREDICATES:
        return f"{PREDICATES[op]}({condition['field']})"
    return f"{condition['field']} {COMPARISONS[op]} {_literal_text(condition.get('value'))}"
