"""Write down everything a user sees, for a spread of selections, so a refactoring can prove it changed nothing.

    .venv/bin/python scripts/snapshot_views.py OUT_DIR      # then, after the change, into another folder, and
    diff -r BEFORE_DIR AFTER_DIR                           # an empty diff: nothing a user sees has changed

Each case opens one page through the entrypoint with Streamlit's AppTest (as tests/app do), sets the global
filters and the page's own widgets, and writes one JSON file: every element the page draws, in order, with its
text, every plotly figure's JSON, the map's deck JSON, every table's rows, every CSV download's bytes and every
deck download opened with python-pptx (each slide's XML, its charts' XML and its speaker notes). It reads only what
the app shows, not the code's names, so it runs the same before and after a restructuring.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from google.protobuf.json_format import MessageToDict
from pptx import Presentation
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
VOLATILE = {"id", "deferredFileId", "url", "formId", "elementId"}

SELECTIONS = {  # name -> URL query of the global filters
    "default": {},
    "kgz-2000-2010": {"countries": "Kyrgyzstan", "years": ["2000", "2010"]},
    "kaz-kgz-1992-2010": {"countries": ["Kazakhstan", "Kyrgyzstan"], "years": ["1992", "2010"]},
    "aze-uzb-2015-2021": {"countries": ["Azerbaijan", "Uzbekistan"], "years": ["2015", "2021"]},
    "tkm-2007": {"countries": "Turkmenistan", "years": ["2007", "2007"]},
    "wide": {"countries": ["Azerbaijan", "Kazakhstan", "Tajikistan", "Mongolia", "Georgia", "Armenia",
                           "Afghanistan"], "years": ["1995", "2020"]},
}
# page -> variants: name -> list of (widget kind, key, value) set one after another
VARIANTS = {
    "overview.py": {"plain": []},
    "sources.py": {"plain": [], "only-view": [("toggle", "sources_only_view", True)]},
    "aid.py": {"plain": [], "no-pledges": [("toggle", "aid_include_pledged", False)]},
    "timeline.py": {"plain": [], "kinds-search": [("multiselect", "timeline_kinds", ["agreement", "visit"]),
                                                  ("text_input", "timeline_search", "protocol")]},
    "rivalry.py": {
        "plain": [],
        "loose-index-powers": [("toggle", "rivalry_loose", True), ("toggle", "rivalry_index", True),
                               ("toggle", "rivalry_with_powers", True)],
        "second-indicator": [("selectbox", "rivalry_indicator", "milex_constant_usd")],
    },
    "alliances.py": {
        "plain": [],
        "overlap-2005": [("radio", "map_mode", "overlap"), ("slider", "map_year", 2005)],
        "csto-no-rivals": [("selectbox", "map_org", "CSTO"), ("toggle", "map_rivals", False)],
        "two-orgs": [("multiselect", "map_orgs", ["SCO", "OTS"])],
        "no-orgs": [("multiselect", "map_orgs", [])],
        "twin": [("state", "map_tab", "Exportable map (PNG/SVG)")],
    },
    "scenario.py": {
        "plain": [],
        "one-leaves": [("multiselect", "scenario_members", ["KAZ"]), ("multiselect", "scenario_leave", ["KAZ:CSTO"])],
        "nobody": [("multiselect", "scenario_members", [])],
    },
}


def _clean(node):
    if isinstance(node, dict):
        return {k: _clean(v) for k, v in node.items() if k not in VOLATILE}
    if isinstance(node, list):
        return [_clean(v) for v in node]
    return node


def _element(el) -> dict:
    """One drawn element as plain data: its type and its proto, with plotly and deck JSON parsed."""
    proto = MessageToDict(el.proto) if hasattr(el, "proto") and el.proto is not None else {}
    for field in ("spec", "json"):
        if isinstance(proto.get(field), str):
            try:
                proto[field] = json.loads(proto[field])
            except ValueError:
                pass
    if el.type in ("arrow_data_frame", "dataframe"):  # a table: its rows, not its Arrow bytes
        try:
            proto = {"rows": el.value.astype(str).to_dict("split")}
        except Exception:  # noqa: BLE001 - an element without a frame keeps its proto
            pass
    return {"type": el.type, **_clean(proto)}


def _walk(node, out: list) -> None:
    children = getattr(node, "children", None)
    if isinstance(children, dict) and children:
        if getattr(node, "type", None) not in (None, "main", "sidebar", "root"):
            proto = getattr(node, "proto", None)
            out.append({"type": node.type, **(_clean(MessageToDict(proto)) if proto is not None else {})})
        for key in sorted(children):
            _walk(children[key], out)
    else:
        out.append(_element(node))


def _deck(data: bytes) -> list[dict]:
    """A .pptx read back: every slide's XML, its charts' XML and its notes."""
    prs = Presentation(io.BytesIO(data))
    slides = []
    for slide in prs.slides:
        charts = [rel.target_part.blob.decode("utf-8") for rel in slide.part.rels.values()
                  if rel.reltype.endswith("/chart")]
        slides.append({"xml": slide.part.blob.decode("utf-8"), "charts": charts,
                       "notes": slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""})
    return slides


def _set(at: AppTest, kind: str, key: str, value) -> None:
    """Set one widget as a user would, then rerun."""
    if kind == "state":
        at.session_state[key] = value
    else:
        widget = getattr(at, kind)(key=key)
        widget.set_value(value)
    at.run()


def snapshot(page: str, query: dict, steps: list, downloads: dict) -> dict:
    downloads.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"pages/{page}").run()
    for step in steps:
        _set(at, *step)
    elements: list = []
    _walk(at._tree, elements)
    files = {}
    for name, (data, mimetype) in sorted(downloads.items()):
        if callable(data):
            data = data()
        if isinstance(data, str):
            data = data.encode("utf-8")
        files[name] = _deck(data) if mimetype and "presentation" in mimetype else data.decode("utf-8-sig")
    return {"exception": [str(e.value) for e in at.exception], "elements": elements, "downloads": files}


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    downloads: dict = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def record(self, data, mimetype, coordinates, file_name=None, **kw):
        if file_name:
            downloads[file_name] = (data, mimetype)
        return add(self, data, mimetype, coordinates, file_name=file_name, **kw)

    def record_deferred(self, data, mimetype, coordinates, file_name=None, **kw):
        downloads[file_name] = (data, mimetype)
        return add_deferred(self, data, mimetype, coordinates, file_name=file_name, **kw)

    MediaFileManager.add, MediaFileManager.add_deferred = record, record_deferred
    for page, variants in VARIANTS.items():
        for variant, steps in variants.items():
            for selection, query in SELECTIONS.items():
                name = f"{page[:-3]}--{variant}--{selection}.json"
                try:
                    result = snapshot(page, query, steps, downloads)
                except Exception as err:  # noqa: BLE001 - a case that cannot be set up is recorded as such
                    result = {"setup_error": f"{type(err).__name__}: {err}"}
                (out / name).write_text(json.dumps(result, indent=1, ensure_ascii=False, sort_keys=True))
                print(name, flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
