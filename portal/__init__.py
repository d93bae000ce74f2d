"""Jixiao: budget performance management and disclosure portal.

This module is the public surface plugins may import; everything else is the
core's own business (a leading ``_`` means private).
"""

from portal.app import create_app
from portal.extensions import db
from portal.hookspecs import hookimpl
from portal.hooktypes import (
    DashboardPanel,
    MenuItem,
    PanelRow,
    ReportSection,
    SearchGroup,
    SearchHit,
    Section,
)
from portal.listing import ListParams, ListSpec, choice, positive_int, xlsx_response
from portal.publishing import Candidate, Publisher, Snapshot, key_id

__all__ = [
    "create_app",
    "db",
    "hookimpl",
    "MenuItem",
    "DashboardPanel",
    "PanelRow",
    "Section",
    "ReportSection",
    "SearchGroup",
    "SearchHit",
    "Candidate",
    "Publisher",
    "Snapshot",
    "key_id",
    "ListParams",
    "ListSpec",
    "choice",
    "positive_int",
    "xlsx_response",
]
