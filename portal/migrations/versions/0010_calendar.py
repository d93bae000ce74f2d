"""work calendar (工作日历) per bureau and year; in-portal notices (站内消息) and digest mailboxes

Revision ID: 0010_calendar
Revises: 0009_target_trees
Create Date: 2026-11-26 17:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0010_calendar'
down_revision = "0012b_indicator_library"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('work_calendars',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bureau_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['bureau_id'], ['organisations.id'], name=op.f('fk_work_calendars_bureau_id_organisations')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_work_calendars_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_calendars')),
    sa.UniqueConstraint('bureau_id', 'year', name=op.f('uq_work_calendars_bureau_id_year')),
    )
    with op.batch_alter_table('work_calendars', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_calendars_bureau_id'), ['bureau_id'], unique=False)
    op.create_table('notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('url', sa.String(length=300), nullable=False),
    sa.Column('key', sa.String(length=160), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.Column('mailed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notices_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notices')),
    sa.UniqueConstraint('key', name=op.f('uq_notices_key')),
    )
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notices_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notices_created_at'), ['created_at'], unique=False)
    op.create_table('notice_mailboxes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notice_mailboxes_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice_mailboxes')),
    sa.UniqueConstraint('user_id', name=op.f('uq_notice_mailboxes_user_id')),
    )


def downgrade():
    op.drop_table('notice_mailboxes')
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notices_created_at'))
        batch_op.drop_index(batch_op.f('ix_notices_user_id'))
    op.drop_table('notices')
    with op.batch_alter_table('work_calendars', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_calendars_bureau_id'))
    op.drop_table('work_calendars')
