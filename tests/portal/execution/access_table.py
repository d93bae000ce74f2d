"""Access of the execution pages (collected by tests/test_access_matrix.py)."""

from tests.access import BUREAU, status_for

EXPECTED = {
    # Bureau staff record figures directly; units report them in monitoring reports (reviewed first).
    "execution.update": status_for(BUREAU),
    "execution.import_file": status_for(BUREAU),
}
