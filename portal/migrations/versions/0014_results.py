"""grade caps, truthfulness checks (真实性核查) and the results-use list (结果应用清单)

Revision ID: 0014_results
Revises: 0009_target_trees
Create Date: 2026-11-26 17:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0014_results'
down_revision = "0010_calendar"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('score_grade', sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column('grade_cap', sa.Text(), nullable=False, server_default=''))
    op.execute("UPDATE submissions SET score_grade = grade")
    op.create_table('project_findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=30), nullable=False),
    sa.Column('found_on', sa.Date(), nullable=False),
    sa.Column('document_no', sa.String(length=100), nullable=False),
    sa.Column('severity', sa.String(length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_project_findings_created_by_id_users')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_findings_project_id_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_findings')),
    )
    op.create_index(op.f('ix_project_findings_project_id'), 'project_findings', ['project_id'], unique=False)
    op.create_table('truth_draws',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bureau_id', sa.Integer(), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('share', sa.Numeric(precision=5, scale=4), nullable=False),
    sa.Column('seed', sa.BigInteger(), nullable=False),
    sa.Column('population', sa.Integer(), nullable=False),
    sa.Column('submission_ids', sa.JSON(), nullable=False),
    sa.Column('drawn_by_id', sa.Integer(), nullable=True),
    sa.Column('drawn_by_name', sa.String(length=100), nullable=False),
    sa.Column('drawn_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['bureau_id'], ['organisations.id'], name=op.f('fk_truth_draws_bureau_id_organisations')),
    sa.ForeignKeyConstraint(['drawn_by_id'], ['users.id'], name=op.f('fk_truth_draws_drawn_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_truth_draws')),
    )
    op.create_index(op.f('ix_truth_draws_bureau_id'), 'truth_draws', ['bureau_id'], unique=False)
    op.create_index(op.f('ix_truth_draws_fiscal_year'), 'truth_draws', ['fiscal_year'], unique=False)
    op.create_table('truth_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draw_id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('onsite', sa.Boolean(), nullable=False),
    sa.Column('onsite_note', sa.Text(), nullable=False),
    sa.Column('responsible_person', sa.String(length=100), nullable=False),
    sa.Column('checked_by_id', sa.Integer(), nullable=True),
    sa.Column('checked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['checked_by_id'], ['users.id'], name=op.f('fk_truth_checks_checked_by_id_users')),
    sa.ForeignKeyConstraint(['draw_id'], ['truth_draws.id'], name=op.f('fk_truth_checks_draw_id_truth_draws')),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], name=op.f('fk_truth_checks_indicator_id_indicators')),
    sa.ForeignKeyConstraint(['submission_id'], ['submissions.id'],
                            name=op.f('fk_truth_checks_submission_id_submissions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_truth_checks')),
    sa.UniqueConstraint('draw_id', 'submission_id', 'indicator_id',
                        name=op.f('uq_truth_checks_draw_id_submission_id_indicator_id')),
    )
    op.create_index(op.f('ix_truth_checks_draw_id'), 'truth_checks', ['draw_id'], unique=False)
    op.create_index(op.f('ix_truth_checks_outcome'), 'truth_checks', ['outcome'], unique=False)
    op.create_index(op.f('ix_truth_checks_submission_id'), 'truth_checks', ['submission_id'], unique=False)
    op.create_table('results_use',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bureau_id', sa.Integer(), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('grade', sa.String(length=2), nullable=True),
    sa.Column('grade_note', sa.Text(), nullable=False),
    sa.Column('proposed_action', sa.String(length=20), nullable=False),
    sa.Column('proposed_ratio', sa.Numeric(precision=5, scale=4), nullable=True),
    sa.Column('proposed_amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('proposed_reason', sa.Text(), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=True),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('confirmed_by_id', sa.Integer(), nullable=True),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('next_project_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['bureau_id'], ['organisations.id'], name=op.f('fk_results_use_bureau_id_organisations')),
    sa.ForeignKeyConstraint(['confirmed_by_id'], ['users.id'], name=op.f('fk_results_use_confirmed_by_id_users')),
    sa.ForeignKeyConstraint(['next_project_id'], ['projects.id'], name=op.f('fk_results_use_next_project_id_projects')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_results_use_project_id_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_results_use')),
    sa.UniqueConstraint('project_id', name=op.f('uq_results_use_project_id')),
    )
    op.create_index(op.f('ix_results_use_bureau_id'), 'results_use', ['bureau_id'], unique=False)
    op.create_index(op.f('ix_results_use_fiscal_year'), 'results_use', ['fiscal_year'], unique=False)
    op.create_table('results_use_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('row_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_results_use_changes_actor_id_users')),
    sa.ForeignKeyConstraint(['row_id'], ['results_use.id'], name=op.f('fk_results_use_changes_row_id_results_use')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_results_use_changes')),
    )
    op.create_index(op.f('ix_results_use_changes_row_id'), 'results_use_changes', ['row_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_results_use_changes_row_id'), table_name='results_use_changes')
    op.drop_table('results_use_changes')
    op.drop_index(op.f('ix_results_use_fiscal_year'), table_name='results_use')
    op.drop_index(op.f('ix_results_use_bureau_id'), table_name='results_use')
    op.drop_table('results_use')
    op.drop_index(op.f('ix_truth_checks_submission_id'), table_name='truth_checks')
    op.drop_index(op.f('ix_truth_checks_outcome'), table_name='truth_checks')
    op.drop_index(op.f('ix_truth_checks_draw_id'), table_name='truth_checks')
    op.drop_table('truth_checks')
    op.drop_index(op.f('ix_truth_draws_fiscal_year'), table_name='truth_draws')
    op.drop_index(op.f('ix_truth_draws_bureau_id'), table_name='truth_draws')
    op.drop_table('truth_draws')
    op.drop_index(op.f('ix_project_findings_project_id'), table_name='project_findings')
    op.drop_table('project_findings')
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.drop_column('grade_cap')
        batch_op.drop_column('score_grade')
