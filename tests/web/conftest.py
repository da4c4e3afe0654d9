from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.web.reports.demo import load_demo
from gongkai.web.reports.models import PublishedReport

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"


@pytest.fixture
def demo(db: None) -> list[PublishedReport]:
    return load_demo(SEEDS)
