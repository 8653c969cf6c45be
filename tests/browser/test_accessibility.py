"""axe-core (vendored, see tests/browser/vendor/README.md) on every page in the light and the dark theme: no
WCAG 2.0/2.1 A or AA violation of impact "serious" or "critical". Each run's full results are saved under
artifacts/axe/ for the record (every impact, including the minor and moderate ones not failed on)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browserkit import wait_idle

from turan import pages

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_VERSION = "4.10.3"
REPORTS = Path(__file__).resolve().parents[2] / "artifacts" / "axe"
PAGES = [p.url_path for p in pages.PAGES]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAIL_ON = ("serious", "critical")
BACKGROUND = {"light": "rgb(255, 255, 255)", "dark": "rgb(0, 0, 0)"}  # .streamlit/config.toml


def run_axe(tab) -> dict:
    """Inject the vendored axe-core and run the WCAG 2 A/AA rules on the whole document."""
    tab.add_script_tag(path=str(AXE))
    return tab.evaluate("""async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return {version: axe.version, violations: r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), impact: n.impact,
                                     summary: n.failureSummary, html: n.html.slice(0, 300)}))}))};
    }""", TAGS)


def test_axe_version_is_the_pinned_one():
    assert AXE.read_text(encoding="utf-8").startswith(f"/*! axe v{AXE_VERSION}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violation(browser, server, path, scheme):
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, color_scheme=scheme)
    try:
        tab = context.new_page()
        tab.goto(server, wait_until="domcontentloaded")  # the first deep link after a start can 404
        wait_idle(tab)
        tab.goto(f"{server}/{path}")
        wait_idle(tab)
        app = tab.locator("[data-testid=stApp]")
        assert app.evaluate("e => getComputedStyle(e).backgroundColor") == BACKGROUND[scheme]
        result = run_axe(tab)
    finally:
        context.close()
    assert result["version"] == AXE_VERSION
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{path or 'overview'}-{scheme}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    failing = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
               for v in result["violations"] if v["impact"] in FAIL_ON]
    assert failing == [], "\n".join(failing)
