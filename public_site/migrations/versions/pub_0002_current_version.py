"""public_site 0002: ``is_current`` marks the one version of an item citizens may see.

A withdrawn item stays withdrawn: older versions are superseded by any newer version,
withdrawn or not. Existing rows: the newest version of each item is current unless withdrawn.

Revision ID: pub_0002
Revises: pub_0001
Create Date: 2026-12-02 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'pub_0002'
down_revision = 'pub_0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('public_site_publications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_current', sa.Boolean(), server_default=sa.false(), nullable=False))

    pubs = sa.table('public_site_publications', sa.column('id', sa.Integer), sa.column('kind', sa.String),
                    sa.column('item_key', sa.String), sa.column('withdrawn_at', sa.DateTime),
                    sa.column('is_current', sa.Boolean))
    newer = pubs.alias('newer')
    newest_id = (sa.select(sa.func.max(newer.c.id))
                 .where(newer.c.kind == pubs.c.kind, newer.c.item_key == pubs.c.item_key)
                 .scalar_subquery())
    op.execute(pubs.update().where(pubs.c.withdrawn_at.is_(None), pubs.c.id == newest_id)
               .values(is_current=True))

    with op.batch_alter_table('public_site_publications', schema=None) as batch_op:
        batch_op.create_index('uq_public_site_publications_current', ['kind', 'item_key'], unique=True,
                              sqlite_where=sa.text('is_current'), postgresql_where=sa.text('is_current'))


def downgrade():
    with op.batch_alter_table('public_site_publications', schema=None) as batch_op:
        batch_op.drop_index('uq_public_site_publications_current')
        batch_op.drop_column('is_current')
