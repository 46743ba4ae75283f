"""The example builds under Backstage TechDocs: the `techdocs-core` plugin (which pins its
own, older Material: 9.7.7 in 1.7.x) with the opmodel plugin, as `techdocs-cli generate`
runs MkDocs.

techdocs-core's Material cannot share the locked environment (uv.lock has a newer one), so
the test makes an environment of its own from `techdocs.txt` (hash-pinned, compiled with
opmodel's runtime dependencies; the command is in `techdocs.in`) and keeps it under
`.cache/engines/`, named by a hash of that file: the first run installs (about 10 s from
uv's cache, longer with a cold one), later runs reuse it.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest
from tests.packaging.test_distribution import ROOT as REPO
from tests.packaging.test_distribution import TOOLS, UV, run
from tests.site.test_site_engines import broken_links

REQUIREMENTS = Path(__file__).with_name("techdocs.txt")
SOURCE_DATE_EPOCH = "1795392000"


@pytest.fixture(scope="module")
def techdocs_python() -> Path:
    """The TechDocs environment's interpreter, with opmodel installed from this tree."""
    if not UV.exists():
        pytest.fail(f"uv is not in {TOOLS}: run `make test`, which installs it")
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()[:12]
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    venv = REPO / ".cache" / "engines" / f"techdocs-py{version}-{digest}"
    python = venv / "bin" / "python"
    ready = venv / ".installed"
    if not ready.exists():
        env = os.environ | {"UV_PYTHON_DOWNLOADS": "never"}
        run(UV, "venv", "--quiet", "--clear", "--python", sys.executable, venv, env=env)
        run(UV, "pip", "install", "--quiet", "--python", python, "--require-hashes",
            "-r", REQUIREMENTS, env=env)  # fmt: skip
        # opmodel itself, editable: its dependencies are in techdocs.txt, hashed.
        run(UV, "pip", "install", "--quiet", "--python", python, "--no-deps", "-e", REPO,
            env=env)  # fmt: skip
        ready.touch()
    return python


def test_the_example_builds_with_techdocs_core_and_opmodel(
    techdocs_python: Path, tmp_path: Path
) -> None:
    versions = run(techdocs_python, "-c", "import material; print(material.__version__)")
    assert versions.strip() == "9.7.7", "techdocs.txt no longer pins the Material TechDocs uses"
    config = tmp_path / "mkdocs.yml"
    # As a Backstage component's mkdocs.yml: techdocs-core sets the theme and its extensions.
    config.write_text(
        "site_name: How we work\n"
        f"docs_dir: {REPO / 'content'}\n"
        "plugins:\n"
        "  - techdocs-core\n"
        "  - opmodel:\n"
        f"      content: {REPO / 'content'}\n"
        "      baseline: 3d375a9ee524142cdab6ac66229618c3d1776298\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    env.pop("VIRTUAL_ENV", None)
    output = run(
        techdocs_python, "-m", "mkdocs", "build", "-f", config, "--site-dir", site, env=env
    )

    assert "ERROR" not in output, output
    role = site / "roles" / "chief-digital-information-officer" / "index.html"
    assert "opmodel.css" in role.read_text(encoding="utf-8")
    assert "mkdocs-material-9.7.7" in (site / "index.html").read_text(encoding="utf-8")
    checked, broken = broken_links(site)
    print(f"\ntechdocs-core: {checked} internal links, {len(broken)} broken")
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:30])
