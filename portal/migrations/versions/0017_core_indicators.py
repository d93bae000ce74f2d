"""core indicators (核心指标): a mark on target indicators, checked by 真实性核查

Revision ID: 0017_core_indicators
Revises: 0013_exante
Create Date: 2026-11-26 18:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0017_core_indicators'
down_revision = "0016_search_inline_terms"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_core', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_column('is_core')
