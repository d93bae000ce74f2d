"""per-account login throttling (failures in a row and the lock they earned)

Revision ID: 0006_login_throttles
Revises: 0005_audit_bureau
Create Date: 2026-11-26 22:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0006_login_throttles'
down_revision = '0005_audit_bureau'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('login_throttles',
    sa.Column('account', sa.String(length=80), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', sa.DateTime(), nullable=True),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('account', name=op.f('pk_login_throttles'))
    )


def downgrade():
    op.drop_table('login_throttles')
