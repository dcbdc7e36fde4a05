"""Where the tests find the repository and the dashboard's entry point."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
