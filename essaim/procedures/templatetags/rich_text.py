"""`{{ text|rich_text }}`: an explanation's text as sanitised HTML (see procedures.rich_text)."""

from django import template

from essaim.procedures import rich_text as rich_text_module

register = template.Library()


@register.filter
def rich_text(value):
    return rich_text_module.render(value)
