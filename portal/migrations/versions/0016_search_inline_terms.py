"""0016: ``search_documents.terms`` stored in the row (PostgreSQL ``STORAGE MAIN``), not out of line.

A document's ``tsvector`` (about 2.4 kB for a one-page report) exceeded the 2 kB TOAST threshold, so
ranking the matches of a broad query (``ts_rank`` over thousands of rows) fetched every vector from
the TOAST table: 13.4 ms for 1,266 matches at 2,000 documents, 2.8 ms with the vectors in the row
(``bench/RESULTS.md``). Existing rows are rewritten so they take the new storage. SQLite: nothing to do.

Revision ID: 0016_search_inline_terms
Revises: 0009_target_trees
Create Date: 2026-11-26 17:40:00
"""
from alembic import op

revision = '0016_search_inline_terms'
down_revision = "0013_exante"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE search_documents ALTER COLUMN terms SET STORAGE MAIN")
    # A new value of the same vector: stored under the new setting (an unchanged value would keep its pointer).
    op.execute("UPDATE search_documents SET terms = terms::text::tsvector")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE search_documents ALTER COLUMN terms SET STORAGE EXTENDED")
