"""no duplicate records: the active record's key, replacements (重新填报) and supersession

Revision ID: 0008_submission_versions
Revises: 0007_submission_opened
Create Date: 2026-11-26 15:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0008_submission_versions'
down_revision = '0007_submission_opened'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('submissions') as batch:
        batch.add_column(sa.Column('replaces_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('superseded_at', sa.DateTime(), nullable=True))
        batch.add_column(sa.Column('active_key', sa.String(length=80), nullable=True))
        batch.create_foreign_key(batch.f('fk_submissions_replaces_id_submissions'), 'submissions',
                                 ['replaces_id'], ['id'])
        batch.create_index(batch.f('ix_submissions_replaces_id'), ['replaces_id'], unique=False)
        batch.create_unique_constraint(batch.f('uq_submissions_active_key'), ['active_key'])


def downgrade():
    with op.batch_alter_table('submissions') as batch:
        batch.drop_constraint(batch.f('uq_submissions_active_key'), type_='unique')
        batch.drop_index(batch.f('ix_submissions_replaces_id'))
        batch.drop_constraint(batch.f('fk_submissions_replaces_id_submissions'), type_='foreignkey')
        batch.drop_column('active_key')
        batch.drop_column('superseded_at')
        batch.drop_column('replaces_id')
