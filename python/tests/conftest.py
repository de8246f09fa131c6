"""Shared fixtures: the repository's data and the `demarcate` CLI built from
the same checkout (the Rust answers the Python ones must equal)."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "armenia-azerbaijan-2021.geojson"
HAND = ROOT / "data" / "hand-checkable.geojson"
REFERENCE = ROOT / "tests" / "reference"


@pytest.fixture(scope="session")
def cli() -> Path:
    """The `demarcate` binary of this checkout: $DEMARCATE_BIN, else built
    with `cargo build --release` (a no-op when it is up to date)."""
    given = os.environ.get("DEMARCATE_BIN")
    if given:
        return Path(given)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "demarcate"],
        cwd=ROOT,
        check=True,
    )
    return target / "release" / "demarcate"


def run_cli(cli: Path, *args: str) -> str:
    done = subprocess.run([str(cli), *args], cwd=ROOT, check=True, capture_output=True, text=True)
    return done.stdout
