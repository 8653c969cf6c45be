"""The layout check of plotly charts in the browser: every visible SVG text of a chart lies inside the chart's own
SVG box (else it is cut off), no two texts of one chart overlap by more than a quarter of the smaller one or sit
on one line less than 2 px apart (else they read as one run of words), and the chart itself lies inside the page's
main area (else the page cuts it off)."""

from __future__ import annotations

from dataclasses import dataclass

WIDTHS = (1280, 1440, 1600, 1920)
TOLERANCE = 1.0  # px: anti-aliasing and rounding of getBoundingClientRect
OVERLAP_SHARE = 0.25  # two texts may share at most this part of the smaller one's box
RUN_GAP = 2.0  # px: texts on one line closer than this read as one run of words

# Every plotly chart in the main area: its title, its SVG box, the page's main area, and its visible texts (not the
# hover layer, not empty, not hidden by display, visibility or opacity on the text or any ancestor).
READ = """() => {
  const main = document.querySelector('[data-testid=stMain]').getBoundingClientRect();
  const visible = (el, stop) => {
    for (let e = el; e && e !== stop; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
    }
    return true;
  };
  return [...document.querySelectorAll('[data-testid=stPlotlyChart] .js-plotly-plot')].map(plot => {
    const svg = plot.querySelector('.main-svg').getBoundingClientRect();
    const title = plot.querySelector('.gtitle');
    const texts = [...plot.querySelectorAll('.main-svg text')]
      .filter(t => t.textContent.trim() && !t.closest('.hoverlayer') && visible(t, plot))
      .map(t => { const r = t.getBoundingClientRect();
                  return {text: t.textContent.trim().slice(0, 80), x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; })
      .filter(r => r.x1 - r.x0 > 0 && r.y1 - r.y0 > 0);
    return {title: title ? title.textContent.trim() : '(untitled chart)',
            box: {x0: svg.left, y0: svg.top, x1: svg.right, y1: svg.bottom},
            main: {x0: main.left, x1: main.right}, texts};
  });
}"""


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def area(self) -> float:
        return max(0.0, self.x1 - self.x0) * max(0.0, self.y1 - self.y0)

    def shared(self, other: "Box") -> float:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return max(0.0, w) * max(0.0, h)


def problems(chart: dict) -> list[str]:
    """What is wrong with one chart's texts, in words: cut off, overlapping, run together, or the chart cut off."""
    box = Box(**chart["box"])
    out = []
    if box.x0 < chart["main"]["x0"] - TOLERANCE or box.x1 > chart["main"]["x1"] + TOLERANCE:
        out.append(f"the chart ({box.x1 - box.x0:.0f} px wide) runs past the page's main area")
    texts = [(t["text"], Box(t["x0"], t["y0"], t["x1"], t["y1"])) for t in chart["texts"]]
    for text, b in texts:
        if (b.x0 < box.x0 - TOLERANCE or b.x1 > box.x1 + TOLERANCE or b.y0 < box.y0 - TOLERANCE
                or b.y1 > box.y1 + TOLERANCE):
            out.append(f"cut off: {text!r}")
    for i, (a_text, a) in enumerate(texts):
        for b_text, b in texts[i + 1:]:
            smaller = min(a.area, b.area)
            if smaller and a.shared(b) > OVERLAP_SHARE * smaller:
                out.append(f"overlap: {a_text!r} and {b_text!r}")
                continue
            same_line = min(a.y1, b.y1) - max(a.y0, b.y0) >= 0.5 * min(a.y1 - a.y0, b.y1 - b.y0)
            gap = max(a.x0, b.x0) - min(a.x1, b.x1)
            if same_line and gap < RUN_GAP and a.shared(b) <= OVERLAP_SHARE * smaller:
                out.append(f"run together: {a_text!r} and {b_text!r} ({gap:.1f} px apart)")
    return out


def check_tab(tab) -> list[str]:
    """Every problem of every chart on the page shown in the tab, as 'chart title: problem'."""
    return [f"{chart['title']}: {p}" for chart in tab.evaluate(READ) for p in problems(chart)]
