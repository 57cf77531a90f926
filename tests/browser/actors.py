"""Two ways of going through the same journey in a browser test, so that it is written once:

- ``Pointer``: the mouse and form filling, as most people do;
- ``Keyboard``: the keyboard only. Every control is reached with Tab (which proves it can be
  reached, in an order that gets there), and must show where the focus is; then Enter follows
  a link or presses a button, Space ticks a box, arrows move within a radio group, and text is
  typed key by key. Locators only name the control to reach, never act on it.

A journey receives an actor and calls ``type_in``, ``type_date``, ``choose``, ``press`` and
``upload`` with Playwright locators.
"""

from datetime import date

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# Tab presses before giving up: more than a long page (header, form, footer) holds.
MAX_TABS = 200

_IS_FOCUSED = "el => el === document.activeElement"

# The focus shows on the control itself or, for DSFR's radios and boxes (the input is hidden
# behind a drawing), on the ::before of its label.
_FOCUS_SHOWN = """el => {
  const outlined = (node, pseudo) => {
    const style = getComputedStyle(node, pseudo);
    return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  };
  if (outlined(el)) return true;
  const label = el.labels && el.labels[0];
  return !!label && (outlined(label) || outlined(label, "::before"));
}"""


class Pointer:
    def __init__(self, page):
        self.page = page

    def type_in(self, field, text):
        field.fill(text)

    def type_date(self, field, day: date):
        field.fill(day.isoformat())

    def choose(self, option):
        """Tick a radio button or a box by its label (DSFR draws the input under it)."""
        self.page.locator(f"label[for='{option.get_attribute('id')}']").click()

    def press(self, control):
        control.click()

    def upload(self, file_input, path):
        file_input.set_input_files(path)


class Keyboard:
    def __init__(self, page):
        self.page = page

    def reach(self, target):
        """Tab (forwards, round the page if need be) until `target` has the focus, which must
        be visible."""
        target.wait_for()
        for _ in range(MAX_TABS):
            if target.evaluate(_IS_FOCUSED):
                break
            self.page.keyboard.press("Tab")
        else:
            raise AssertionError(f"{target} cannot be reached with Tab")
        assert target.evaluate(_FOCUS_SHOWN), f"{target} has the focus but does not show it"

    def type_in(self, field, text):
        self.reach(field)
        self.page.keyboard.press("ControlOrMeta+A")  # replace what is there, as one would
        self.page.keyboard.type(text)

    def type_date(self, field, day: date):
        """Chromium lays a date input out in its own language, not the page's: a person reads
        the order of day and month on the screen; the test finds it by typing 01/02/2003."""
        self.reach(field)
        self.page.keyboard.type("01022003")
        order = "%d%m%Y" if field.input_value() == "2003-02-01" else "%m%d%Y"
        self.page.keyboard.press("Shift+Tab")  # back to the first part, in the same input
        self.page.keyboard.press("Shift+Tab")
        self.page.keyboard.type(day.strftime(order))
        assert field.input_value() == day.isoformat(), f"{field} holds {field.input_value()}"

    def choose(self, option):
        if option.get_attribute("type") == "radio":
            self._choose_radio(option)
        else:
            self.reach(option)
            if not option.is_checked():
                self.page.keyboard.press("Space")
        assert option.is_checked(), f"{option} is not ticked"

    def _choose_radio(self, option):
        """Tab enters a radio group once (on its ticked button, or the first); arrows move."""
        name = option.get_attribute("name")
        group = self.page.locator(f"input[type=radio][name='{name}']")
        for _ in range(MAX_TABS):
            if self.page.evaluate(
                "name => document.activeElement && document.activeElement.name === name", name
            ):
                break
            self.page.keyboard.press("Tab")
        else:
            raise AssertionError(f"the radio group {name!r} cannot be reached with Tab")
        for _ in range(group.count()):
            if option.evaluate(_IS_FOCUSED):
                break
            self.page.keyboard.press("ArrowDown")
        assert option.evaluate(_IS_FOCUSED), f"{option} cannot be reached with the arrows"
        assert option.evaluate(_FOCUS_SHOWN), f"{option} has the focus but does not show it"
        if not option.is_checked():
            self.page.keyboard.press("Space")

    def press(self, control):
        self.reach(control)
        self.page.keyboard.press("Enter")

    def upload(self, file_input, path):
        """Enter on the file input opens the system's file dialog, where a file is picked.
        Headless Chromium now and then shows no dialog at all (seen once in two runs, on the
        first input of a page): the input has the focus, so the file is then given to it as
        the dialog would have."""
        self.reach(file_input)
        try:
            with self.page.expect_file_chooser(timeout=3_000) as chooser:
                self.page.keyboard.press("Enter")
        except PlaywrightTimeoutError:
            assert file_input.evaluate(_IS_FOCUSED), f"{file_input} lost the focus"
            file_input.set_input_files(path)
        else:
            chooser.value.set_files(path)
