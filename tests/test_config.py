"""Issue 9, "Security": the server configuration keeps XSRF and CORS protection on, static file serving off and the
tables' raw CSV export (formula cells unneutralised) off,
both as written in .streamlit/config.toml and as Streamlit reads it when started from the project folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib

from datahelp import ROOT

CONFIG = ROOT / ".streamlit" / "config.toml"
REQUIRED = {"server.enableXsrfProtection": True, "server.enableCORS": True, "server.enableStaticServing": False,
            "client.disableDataExport": True}


def test_config_file_keeps_xsrf_and_cors_on_static_serving_and_raw_table_export_off():
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert {key: config[key.split(".")[0]].get(key.split(".")[1]) for key in REQUIRED} == REQUIRED


def test_streamlit_reads_the_same_settings_from_the_project_folder(tmp_path):
    """In a fresh interpreter (Streamlit's config is process-wide), from the folder `make run` starts in, with an
    empty home so that no personal ~/.streamlit/config.toml and no STREAMLIT_* variable interferes."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("STREAMLIT_")}
    env.update(HOME=str(tmp_path), USERPROFILE=str(tmp_path))
    code = ("import json, streamlit.config as c; c.get_config_options(force_reparse=True); "
            f"print(json.dumps({{k: [c.get_option(k), c.get_where_defined(k)] for k in {list(REQUIRED)!r}}}))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    read = json.loads(done.stdout.strip().splitlines()[-1])
    assert {key: value for key, (value, _) in read.items()} == REQUIRED
    assert {where for _, where in read.values()} == {str(CONFIG)}  # set by our file, not left to a default
