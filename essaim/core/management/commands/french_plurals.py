"""Keep only the plural messages in the French catalogue, each translated by itself.

Essaim's source strings are already French, so no message needs translating, except that
gettext only applies a language's plural rule to messages found in a catalogue: without an
entry, `ngettext` falls back to the English rule and writes « 0 inscrits ». This command
turns the catalogue written by `makemessages -l fr` into one that holds the plural messages,
singular and plural copied from the source, under French's rule (0 and 1 are singular).
`make messages` runs it between `makemessages` and `compilemessages`.
"""

import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "fr" / "LC_MESSAGES" / "django.po"
FRENCH_RULE = '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"'
HEADER_COMMENT = "# Essaim\u00a0: messages au pluriel (écrits par `essaim french_plurals`)."
KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) ")


def _fields(block: str) -> tuple[list[str], dict[str, list[str]]]:
    """A catalogue entry's comment lines, and its fields (keyword → their quoted lines)."""
    comments, fields, current = [], {}, None
    for line in block.splitlines():
        match = KEYWORD.match(line)
        if match:
            current = match.group(1)
            fields[current] = [line[match.end() :]]
        elif line.startswith('"') and current:
            fields[current].append(line)
        else:
            comments.append(line)
    return comments, fields


def _entry(comments: list[str], fields: dict[str, list[str]]) -> str:
    lines = list(comments)
    for keyword, quoted in fields.items():
        lines.append(f"{keyword} {quoted[0]}")
        lines.extend(quoted[1:])
    return "\n".join(lines)


def _without_fuzzy(comments: list[str]) -> list[str]:
    """compilemessages skips fuzzy entries, and makemessages marks as fuzzy a new plural message
    that looks like an old one: drop the flag (alone or among others) and the old msgid (`#|`)."""
    kept = []
    for line in comments:
        if line.startswith("#|"):
            continue
        if line.startswith("#,"):
            flags = [flag.strip() for flag in line[2:].split(",") if flag.strip() != "fuzzy"]
            line = f"#, {', '.join(flags)}" if flags else ""
        if line:
            kept.append(line)
    return kept


def french_plurals(text: str) -> str:
    header, *entries = text.strip().split("\n\n")
    _comments, fields = _fields(header)
    fields["msgstr"] = [
        FRENCH_RULE if line.startswith('"Plural-Forms:') else line
        for line in fields["msgstr"]
        if not line.startswith(('"Language:', '"POT-Creation-Date:'))
    ] + ['"Language: fr\\n"']
    header = _entry([HEADER_COMMENT], fields)
    kept = []
    for block in entries:
        comments, fields = _fields(block)
        if "msgid_plural" not in fields:
            continue
        fields["msgstr[0]"] = fields["msgid"]
        fields["msgstr[1]"] = fields["msgid_plural"]
        kept.append(_entry(_without_fuzzy(comments), fields))
    return "\n\n".join([header, *kept]) + "\n"


class Command(BaseCommand):
    help = "Garde dans le catalogue français les seuls messages au pluriel, traduits à l’identique."

    def handle(self, *args, **options):
        CATALOGUE.write_text(french_plurals(CATALOGUE.read_text(encoding="utf-8")), "utf-8")
        self.stdout.write(f"{CATALOGUE}\u00a0: messages au pluriel gardés.")
