import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.tiny_db import build_tiny_db  # noqa: E402


@pytest.fixture(scope="session")
def tiny_db(tmp_path_factory) -> Path:
    """The hand-written fixture database (see tests/tiny_db.py)."""
    return build_tiny_db(tmp_path_factory.mktemp("tiny") / "tiny.duckdb")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The Sơn Tây demo database, built once per test session."""
    from cchc.datagen.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_demo(path)
    return path
