"""ex-ante assessment (事前绩效评估): a proposed project's stage and its 专业性较强 mark

Revision ID: 0013_exante
Revises: 0009_target_trees
Create Date: 2026-11-26 17:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0013_exante'
down_revision = "0014_results"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.add_column(sa.Column('exante_stage', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('exante_kind', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('specialized', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_index(batch_op.f('ix_projects_exante_stage'), ['exante_stage'], unique=False)


def downgrade():
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_projects_exante_stage'))
        batch_op.drop_column('specialized')
        batch_op.drop_column('exante_kind')
        batch_op.drop_column('exante_stage')
