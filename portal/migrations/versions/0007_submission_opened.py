"""when the 业务科室 first opened a submitted material (ends the unit's 撤回修改)

Revision ID: 0007_submission_opened
Revises: 0006_login_throttles
Create Date: 2026-11-26 15:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0007_submission_opened'
down_revision = '0006_login_throttles'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('submissions') as batch:
        batch.add_column(sa.Column('section_opened_at', sa.DateTime(), nullable=True))
        batch.add_column(sa.Column('section_opened_by_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(batch.f('fk_submissions_section_opened_by_id_users'), 'users',
                                 ['section_opened_by_id'], ['id'])


def downgrade():
    with op.batch_alter_table('submissions') as batch:
        batch.drop_constraint(batch.f('fk_submissions_section_opened_by_id_users'), type_='foreignkey')
        batch.drop_column('section_opened_by_id')
        batch.drop_column('section_opened_at')
