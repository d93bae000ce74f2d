"""the indicator tree (一级 → 二级) of target tables, per bureau and fiscal year

Revision ID: 0009_target_trees
Revises: 0008_submission_versions
Create Date: 2026-11-26 15:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0009_target_trees'
down_revision = '0008_submission_versions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('target_trees',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bureau_id', sa.Integer(), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('basis', sa.String(length=100), nullable=False),
    sa.Column('levels', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['bureau_id'], ['organisations.id'], name=op.f('fk_target_trees_bureau_id_organisations')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_target_trees_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target_trees')),
    sa.UniqueConstraint('bureau_id', 'fiscal_year', name=op.f('uq_target_trees_bureau_id_fiscal_year')),
    )
    with op.batch_alter_table('target_trees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_target_trees_bureau_id'), ['bureau_id'], unique=False)


def downgrade():
    with op.batch_alter_table('target_trees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_target_trees_bureau_id'))
    op.drop_table('target_trees')
