"""audit events belong to a bureau (each bureau's admins read only their own)

Revision ID: 0005_audit_bureau
Revises: 0004_search_documents
Create Date: 2026-11-26 21:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0005_audit_bureau'
down_revision = '0004_search_documents'
branch_labels = None
depends_on = None

#: The bureau of organisation ``o``: itself for a bureau, else the bureau it reports to.
BUREAU_OF = "CASE WHEN o.kind = 'bureau' THEN o.id ELSE o.parent_id END"


def upgrade():
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bureau_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_audit_events_bureau_id'), ['bureau_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_audit_events_bureau_id_organisations'), 'organisations',
                                    ['bureau_id'], ['id'])
    # Events recorded before: the acting user's bureau, else (no actor: the CLI, set-up) the bureau of the
    # organisation or user the event concerns.  Failed sign-ins with unknown names stay without a bureau.
    op.execute(f"UPDATE audit_events SET bureau_id = (SELECT {BUREAU_OF} FROM users u JOIN organisations o "
               f"ON o.id = u.org_id WHERE u.id = audit_events.user_id) WHERE user_id IS NOT NULL")
    op.execute(f"UPDATE audit_events SET bureau_id = (SELECT {BUREAU_OF} FROM organisations o "
               f"WHERE CAST(o.id AS VARCHAR(64)) = audit_events.target_id) "
               f"WHERE bureau_id IS NULL AND target_type = 'organisation'")
    op.execute(f"UPDATE audit_events SET bureau_id = (SELECT {BUREAU_OF} FROM users u JOIN organisations o "
               f"ON o.id = u.org_id WHERE CAST(u.id AS VARCHAR(64)) = audit_events.target_id) "
               f"WHERE bureau_id IS NULL AND target_type = 'user'")


def downgrade():
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_audit_events_bureau_id_organisations'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_audit_events_bureau_id'))
        batch_op.drop_column('bureau_id')
