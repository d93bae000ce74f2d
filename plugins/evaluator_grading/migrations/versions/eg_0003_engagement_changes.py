"""evaluator_grading 0003: engagements are corrected (deadline, amount) and cancelled, and panel members
replaced, each with a recorded reason.

Revision ID: eg_0003
Revises: eg_0002
Create Date: 2026-11-26 15:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'eg_0003'
down_revision = 'eg_0002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('evaluator_grading_engagements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cancelled_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('cancelled_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('cancel_reason', sa.Text(), server_default='', nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_evaluator_grading_engagements_cancelled_by_id_users'),
                                    'users', ['cancelled_by_id'], ['id'])
    with op.batch_alter_table('evaluator_grading_panel_members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('replaced_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('replaced_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('replace_reason', sa.Text(), server_default='', nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_evaluator_grading_panel_members_replaced_by_id_users'),
                                    'users', ['replaced_by_id'], ['id'])
    op.create_table(
        'evaluator_grading_engagement_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('engagement_id', sa.Integer(), nullable=False),
        sa.Column('field', sa.String(length=20), nullable=False),
        sa.Column('old_value', sa.String(length=40), nullable=False),
        sa.Column('new_value', sa.String(length=40), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('changed_by_id', sa.Integer(), nullable=False),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['engagement_id'], ['evaluator_grading_engagements.id'],
                                name=op.f('fk_evaluator_grading_engagement_changes_engagement_id_evaluator_grading_engagements')),
        sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'],
                                name=op.f('fk_evaluator_grading_engagement_changes_changed_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluator_grading_engagement_changes')),
    )
    with op.batch_alter_table('evaluator_grading_engagement_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluator_grading_engagement_changes_engagement_id'), ['engagement_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('evaluator_grading_panel_members', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_evaluator_grading_panel_members_replaced_by_id_users'),
                                 type_='foreignkey')
        batch_op.drop_column('replace_reason')
        batch_op.drop_column('replaced_by_id')
        batch_op.drop_column('replaced_at')
    with op.batch_alter_table('evaluator_grading_engagement_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluator_grading_engagement_changes_engagement_id'))
    op.drop_table('evaluator_grading_engagement_changes')
    with op.batch_alter_table('evaluator_grading_engagements', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_evaluator_grading_engagements_cancelled_by_id_users'), type_='foreignkey')
        batch_op.drop_column('cancel_reason')
        batch_op.drop_column('cancelled_by_id')
        batch_op.drop_column('cancelled_at')
