"""evaluator_grading 0004: an engagement may be an independent re-assessment (再评估) of an ex-ante
assessment (事前绩效评估), with the firm's conclusion and opinion.

Revision ID: eg_0004_reassessment
Revises: eg_0003
Create Date: 2026-11-26 17:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'eg_0004_reassessment'
down_revision = 'eg_0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('evaluator_grading_engagements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('purpose', sa.String(length=20), server_default='evaluation', nullable=False))
        batch_op.add_column(sa.Column('exante_submission_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reassessment_conclusion', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('reassessment_opinion', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('reassessment_at', sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_evaluator_grading_engagements_exante_submission_id_submissions'),
                                    'submissions', ['exante_submission_id'], ['id'])
        batch_op.create_index(batch_op.f('ix_evaluator_grading_engagements_exante_submission_id'),
                              ['exante_submission_id'], unique=False)


def downgrade():
    with op.batch_alter_table('evaluator_grading_engagements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluator_grading_engagements_exante_submission_id'))
        batch_op.drop_constraint(batch_op.f('fk_evaluator_grading_engagements_exante_submission_id_submissions'),
                                 type_='foreignkey')
        batch_op.drop_column('reassessment_at')
        batch_op.drop_column('reassessment_opinion')
        batch_op.drop_column('reassessment_conclusion')
        batch_op.drop_column('exante_submission_id')
        batch_op.drop_column('purpose')
