"""Run axe-core (node_modules/axe-core, installed by `make browser`) in a Playwright page."""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MAX_TARGETS_SHOWN = 3

# With JavaScript disabled in the context, the page's timers never fire and axe.run() would
# wait forever: axe only uses setTimeout to yield, so microtasks are an honest stand-in.
_TIMERS_AS_MICROTASKS = """() => {
  window.setTimeout = (fn, _delay, ...args) => {
    Promise.resolve().then(() => fn(...args));
    return 0;
  };
  window.clearTimeout = () => {};
}"""

_RUN = """async (tags) => {
  await document.fonts.ready;
  const results = await axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""


@cache
def axe_source():
    if not AXE_SCRIPT.exists():
        raise RuntimeError(f"{AXE_SCRIPT} is missing: run `make browser` (npm ci) first.")
    return AXE_SCRIPT.read_text()


@dataclass
class Audit:
    """The axe result of one page state."""

    url: str
    screenshot: Path | None
    violations: list[dict] = field(default_factory=list)

    def describe(self):
        where = f"{self.url}" + (f" (screenshot {self.screenshot})" if self.screenshot else "")
        lines = [f"  on {where}:"]
        for v in self.violations:
            lines.append(f"    - {v['id']} [{v['impact']}] {v['help']}")
            shown = v["targets"][:MAX_TARGETS_SHOWN]
            more = len(v["targets"]) - len(shown)
            lines.append(
                "        at " + " | ".join(shown) + (f" (+{more} more)" if more > 0 else "")
            )
            lines.append(f"        {v['helpUrl']}")
        return "\n".join(lines)


def run_axe(page, *, javascript_enabled=True):
    """Inject axe-core into `page` (once per document) and return its WCAG 2.1 A/AA violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        if not javascript_enabled:
            page.evaluate(_TIMERS_AS_MICROTASKS)
        page.evaluate(axe_source())
    return page.evaluate(_RUN, WCAG_TAGS)


def format_report(audits):
    failing = [a for a in audits if a.violations]
    count = sum(len(a.violations) for a in failing)
    header = (
        f"axe-core found {count} accessibility violation(s) (WCAG 2.1 A/AA) "
        f"on {len(failing)} page state(s):"
    )
    return "\n".join([header, *(a.describe() for a in failing)])
