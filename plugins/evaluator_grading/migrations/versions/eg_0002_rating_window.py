"""evaluator_grading 0002: a rating's comment window may be closed early, with a recorded reason.

Revision ID: eg_0002
Revises: eg_0001
Create Date: 2026-11-26 15:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'eg_0002'
down_revision = 'eg_0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('evaluator_grading_ratings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('window_closed_early_reason', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('window_closed_early_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_evaluator_grading_ratings_window_closed_early_by_id_users'),
                                    'users', ['window_closed_early_by_id'], ['id'])


def downgrade():
    with op.batch_alter_table('evaluator_grading_ratings', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_evaluator_grading_ratings_window_closed_early_by_id_users'),
                                 type_='foreignkey')
        batch_op.drop_column('window_closed_early_by_id')
        batch_op.drop_column('window_closed_early_reason')
