"""Rectification tests run without evaluator_grading: its panel review guards the approval of third-party
reports (tested there), and these tests need approved reports, not the panel."""

from __future__ import annotations

import pytest


@pytest.fixture
def app(app_factory):
    return app_factory(JIXIAO_DISABLED_PLUGINS="evaluator_grading")
