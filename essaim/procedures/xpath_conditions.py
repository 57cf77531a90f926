"""The part of XLSForm's XPath expressions that our condition language can express.

    ${age} >= 18 and (${situation} = 'salarie' or selected(${aides}, 'rsa'))
    not(${iban} = '')   ${nom} != ''   string-length(${nom}) > 0

become condition JSON (see essaim.procedures.conditions). Anything else (arithmetic, functions
other than selected/string-length/not, `.`) raises `conditions.ConditionError` with a French
message, so that the importer can report it row by row.
"""

import re
from decimal import Decimal

from essaim.procedures.conditions import ConditionError

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<ref>\$\{[^}]+\})
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<number>-?\d+(?:\.\d+)?)
      | (?P<op>!=|>=|<=|=|>|<)
      | (?P<punct>[(),])
      | (?P<word>[A-Za-z_][\w:.-]*(?:\(\))?)
      | (?P<other>\S)
    )""",
    re.VERBOSE,
)
_OPS = {"=": "eq", "!=": "ne", ">": "gt", ">=": "ge", "<": "lt", "<=": "le"}
_SWAPPED = {"gt": "lt", "lt": "gt", "ge": "le", "le": "ge", "eq": "eq", "ne": "ne"}


def _tokens(text):
    found, position = [], 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            break
        kind = match.lastgroup
        found.append((kind, match.group(kind)))
        position = match.end()
    return found


def translate(text: str):
    """The condition JSON of the XPath `text`, or ConditionError."""
    return _Parser(_tokens(text or ""), text).parse()


class _Parser:
    def __init__(self, tokens, text):
        self.tokens, self.index, self.text = tokens, 0, text

    def fail(self, why):
        raise ConditionError(f"« {self.text.strip()} » : {why}")

    def peek(self):
        return self.tokens[self.index] if self.index < len(self.tokens) else (None, None)

    def take(self):
        token = self.peek()
        self.index += 1
        return token

    def expect(self, value):
        if self.take()[1] != value:
            self.fail(f"« {value} » attendu")

    def parse(self):
        if not self.tokens:
            self.fail("expression vide")
        node = self.disjunction()
        if self.peek()[0] is not None:
            self.fail(
                f"« {self.peek()[1]} » n’est pas repris (seuls and, or, not(), "
                "selected() et les comparaisons le sont)"
            )
        return node

    def disjunction(self):
        parts = [self.conjunction()]
        while self.peek() == ("word", "or"):
            self.take()
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else {"any": parts}

    def conjunction(self):
        parts = [self.unary()]
        while self.peek() == ("word", "and"):
            self.take()
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else {"all": parts}

    def unary(self):
        kind, value = self.peek()
        if (kind, value) == ("word", "not"):
            self.take()
            self.expect("(")
            inner = self.disjunction()
            self.expect(")")
            return {"not": inner}
        if (kind, value) == ("punct", "("):
            self.take()
            inner = self.disjunction()
            self.expect(")")
            return inner
        if (kind, value) == ("word", "selected"):
            self.take()
            self.expect("(")
            field = self.reference()
            self.expect(",")
            literal = self.literal()
            self.expect(")")
            return {"field": field, "op": "contains", "value": literal}
        return self.comparison()

    def comparison(self):
        left_kind, left = self.operand()
        kind, symbol = self.take()
        if kind != "op":
            self.fail("une comparaison (=, !=, >, >=, <, <=) est attendue")
        right_kind, right = self.operand()
        op = _OPS[symbol]
        if left_kind == "literal" and right_kind != "literal":
            (left_kind, left), (right_kind, right), op = (
                (right_kind, right),
                (left_kind, left),
                _SWAPPED[op],
            )
        if right_kind != "literal":
            self.fail("une comparaison entre deux champs n’est pas reprise")
        if left_kind == "length":
            if (op, right) in {("gt", 0), ("ne", 0), ("ge", 1)}:
                return {"field": left, "op": "filled"}
            if (op, right) in {("eq", 0), ("lt", 1), ("le", 0)}:
                return {"field": left, "op": "empty"}
            self.fail("seule string-length(…) > 0 est reprise")
        if right == "" and op in {"eq", "ne"}:
            return {"field": left, "op": "empty" if op == "eq" else "filled"}
        return {"field": left, "op": op, "value": right}

    def operand(self):
        kind, value = self.peek()
        if kind == "ref":
            return "field", self.reference()
        if (kind, value) == ("word", "string-length"):
            self.take()
            self.expect("(")
            field = self.reference()
            self.expect(")")
            return "length", field
        return "literal", self.literal()

    def reference(self):
        kind, value = self.take()
        if kind != "ref":
            self.fail("un champ ${nom} est attendu")
        return value[2:-1].strip()

    def literal(self):
        kind, value = self.take()
        if kind == "string":
            return value[1:-1]
        if kind == "number":
            number = Decimal(value)
            return int(number) if number == number.to_integral_value() else float(number)
        if kind == "word" and value in {"true()", "false()"}:
            return value == "true()"
        self.fail(f"« {value or 'fin'} » n’est pas une valeur reprise")
