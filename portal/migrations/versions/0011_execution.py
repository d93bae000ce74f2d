"""execution records: dated 到位数 / 执行数 per funding source; existing figures become the first record

Revision ID: 0011_execution
Revises: 0009_target_trees
Create Date: 2026-11-26 17:05:00
"""
from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision = '0011_execution'
down_revision = '0009_target_trees'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('execution_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_execution_records_created_by_id_users')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_execution_records_project_id_projects')),
    sa.ForeignKeyConstraint(['submission_id'], ['submissions.id'],
                            name=op.f('fk_execution_records_submission_id_submissions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_execution_records')),
    )
    with op.batch_alter_table('execution_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_execution_records_as_of'), ['as_of'], unique=False)
        batch_op.create_index(batch_op.f('ix_execution_records_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_execution_records_submission_id'), ['submission_id'], unique=False)
    op.create_table('execution_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('allocated', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('spent', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['record_id'], ['execution_records.id'],
                            name=op.f('fk_execution_lines_record_id_execution_records')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_execution_lines')),
    sa.UniqueConstraint('record_id', 'source', name=op.f('uq_execution_lines_record_id_source')),
    )
    with op.batch_alter_table('execution_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_execution_lines_record_id'), ['record_id'], unique=False)
    _first_records()


MONEY = sa.Numeric(14, 2)


def _first_records():
    """Each existing project's figures as created become its first record, dated the day it was created
    (the bureau's day, Beijing)."""
    bind = op.get_bind()
    projects = sa.table('projects', sa.column('id', sa.Integer), sa.column('created_at', sa.DateTime),
                        sa.column('created_by_id', sa.Integer))
    funding = sa.table('project_funding', sa.column('project_id'), sa.column('source'), sa.column('position'),
                       sa.column('allocated', MONEY), sa.column('spent', MONEY))
    records = sa.table('execution_records', sa.column('id', sa.Integer), sa.column('project_id'),
                       sa.column('as_of', sa.Date),
                       sa.column('origin'), sa.column('note'), sa.column('created_at', sa.DateTime), sa.column('created_by_id'))
    lines = sa.table('execution_lines', sa.column('record_id'), sa.column('source'), sa.column('position'),
                     sa.column('allocated', MONEY), sa.column('spent', MONEY))
    by_project = {}
    for row in bind.execute(sa.select(funding.c.project_id, funding.c.source, funding.c.position,
                                      funding.c.allocated, funding.c.spent)):
        by_project.setdefault(row.project_id, []).append(row)
    for project in bind.execute(sa.select(projects.c.id, projects.c.created_at, projects.c.created_by_id)
                                .order_by(projects.c.id)).all():
        created = project.created_at
        as_of = (created + timedelta(hours=8)).date()
        record_id = bind.execute(records.insert().values(
            project_id=project.id, as_of=as_of, origin='creation', note='升级时由项目原有到位数、执行数生成',
            created_at=created, created_by_id=project.created_by_id).returning(records.c.id)).scalar_one()
        for row in by_project.get(project.id, []):
            bind.execute(lines.insert().values(record_id=record_id, source=row.source, position=row.position,
                                               allocated=row.allocated, spent=row.spent))


def downgrade():
    with op.batch_alter_table('execution_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_execution_lines_record_id'))
    op.drop_table('execution_lines')
    with op.batch_alter_table('execution_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_execution_records_submission_id'))
        batch_op.drop_index(batch_op.f('ix_execution_records_project_id'))
        batch_op.drop_index(batch_op.f('ix_execution_records_as_of'))
    op.drop_table('execution_records')
