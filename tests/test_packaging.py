"""Packaging: the wheel carries the code and every data file of ontology/, ``import kg``
stays light, and the command line starts.

The wheel is built offline (``--no-index --no-build-isolation``) with the setuptools of
the running environment, from a copy of the project's sources in a temporary folder, so
no ``build/`` left over in the working tree can leak stale files into it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ONTOLOGY = REPO / "ontology"
DATA_SUFFIXES = {".ttl", ".rq", ".jsonl", ".json", ".md"}
HEAVY = ("spacy", "rdflib", "pyvis", "networkx", "pyoxigraph", "pyshacl", "thinc", "torch")
OFFLINE_ENV = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def _setuptools_builds_wheels() -> bool:
    """setuptools builds wheels by itself from 70.1 on; before that it needs ``wheel``."""
    if importlib.util.find_spec("wheel") is not None:
        return True
    try:
        major, minor = (int(x) for x in version("setuptools").split(".")[:2])
    except (PackageNotFoundError, ValueError):
        return False
    return (major, minor) >= (70, 1)


def _sources(dst: Path) -> Path:
    """Copy what a build reads (metadata files, kg/, ontology/) into dst."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")
    for name in ("pyproject.toml", "setup.cfg", "setup.py", "MANIFEST.in"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, dst / name)
    for pattern in ("README*", "LICENSE*", "COPYING*", "NOTICE*"):
        for f in REPO.glob(pattern):
            if f.is_file():
                shutil.copy2(f, dst / f.name)
    for folder in ("kg", "ontology"):
        shutil.copytree(REPO / folder, dst / folder, ignore=ignore, symlinks=False)
    return dst


@pytest.fixture(scope="module")
def built_wheel(tmp_path_factory) -> tuple[Path, str]:
    """The wheel, and what its build printed."""
    if not _setuptools_builds_wheels():
        pytest.fail(
            "cannot build a wheel offline: this environment's setuptools "
            f"{version('setuptools')} has no bdist_wheel and 'wheel' is not installed; "
            "the [test] extras require setuptools>=77: reinstall with make install"
        )
    src = _sources(tmp_path_factory.mktemp("src"))
    out = tmp_path_factory.mktemp("dist")
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    cmd += ["--no-index", "-q", "-w", str(out), str(src)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=OFFLINE_ENV, timeout=120)
    assert proc.returncode == 0, f"pip wheel failed:\n{proc.stdout}\n{proc.stderr}"
    [whl] = out.glob("diplomatic_kg-*.whl")
    return whl, proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def wheel(built_wheel) -> zipfile.ZipFile:
    with zipfile.ZipFile(built_wheel[0]) as zf:
        yield zf


def test_the_build_warns_of_nothing(built_wheel):
    """setuptools warns about each data folder that is not declared as a package."""
    log = built_wheel[1]
    assert "absent from the `packages` configuration" not in log, log[:3000]
    assert "Warning" not in log, log[:3000]


def _files(root: Path, suffixes: set[str] | None = None) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and not p.name.startswith(".")  # editor and OS droppings
        and p.suffix != ".pyc"
        and (suffixes is None or p.suffix in suffixes)
    }


def test_wheel_ships_every_ontology_data_file(wheel):
    names = set(wheel.namelist())
    expected = {f"kg/ontology/{f}" for f in _files(ONTOLOGY, DATA_SUFFIXES)}
    missing = sorted(expected - names)
    assert not missing, f"ontology data files missing from the wheel: {missing}"
    packages = {f"kg/ontology/{f}" for f in _files(ONTOLOGY, {".py"})}
    assert not sorted(packages - names)


def test_wheel_ships_all_of_kg(wheel):
    """Every module and data file under kg/ (templates, py.typed) is in the wheel:
    ``packages`` in pyproject.toml is an explicit list, easy to forget."""
    names = set(wheel.namelist())
    missing = sorted(f"kg/{f}" for f in _files(REPO / "kg") if f"kg/{f}" not in names)
    assert not missing, f"files under kg/ missing from the wheel: {missing}"


def test_wheel_declares_the_command_and_the_spacy_factories(wheel):
    [entry_points] = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    text = wheel.read(entry_points).decode()
    assert "[console_scripts]" in text and "kg = kg.cli:main" in text
    assert "[spacy_factories]" in text and "dkg_relations = kg.nlp.relations" in text


def _python(code: str, *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *flags, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )


def test_import_kg_is_light_and_warning_free():
    """``import kg`` (with warnings as errors) loads only kg and the standard library:
    what keeps the command line quick to start."""
    code = (
        "import sys, json\n"
        "before = set(sys.modules)\n"
        "import kg\n"
        "import kg.errors, kg.ingest, kg.iri, kg.records\n"
        "print(json.dumps(sorted(set(sys.modules) - before)))\n"
    )
    proc = _python(code, "-W", "error")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    loaded = json.loads(proc.stdout)
    assert "kg" in loaded
    heavy = [m for m in loaded if m.split(".")[0] in HEAVY]
    assert heavy == []
    third_party = [
        m
        for m in loaded
        if m.split(".")[0] not in sys.stdlib_module_names
        and m.split(".")[0] != "kg"
        and not m.startswith("_")
    ]
    assert third_party == []


def test_python_m_kg_help():
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"},
    )
    assert proc.returncode == 0, proc.stderr
    assert "Usage" in proc.stdout
    assert "build" in proc.stdout


def test_kg_console_script_help():
    script = Path(sys.executable).with_name("kg")
    if not script.exists():
        pytest.skip(f"no console script next to {sys.executable} (package not installed)")
    proc = subprocess.run(
        [str(script), "--help"], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "Usage" in proc.stdout
