"""The yearly summary's download in the access matrix: bureau roles only (their own bureau's report)."""

from __future__ import annotations

from tests.access import BUREAU, status_for

EXPECTED = {"yearly.yearly_docx": status_for(BUREAU)}
