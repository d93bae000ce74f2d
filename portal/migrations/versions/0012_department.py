"""部门整体支出: a unit's yearly department-wide profile and budget lines

Revision ID: 0012_department
Revises: 0009_target_trees
Create Date: 2026-11-26 17:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0012_department'
down_revision = "0011_execution"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('department_profiles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('functions', sa.Text(), nullable=False),
    sa.Column('internal_bodies', sa.Text(), nullable=False),
    sa.Column('staff_authorised', sa.Integer(), nullable=True),
    sa.Column('staff_actual', sa.Integer(), nullable=True),
    sa.Column('key_work', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['organisations.id'], name=op.f('fk_department_profiles_unit_id_organisations')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_department_profiles_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_department_profiles')),
    sa.UniqueConstraint('unit_id', 'fiscal_year', name=op.f('uq_department_profiles_unit_id_fiscal_year')),
    )
    with op.batch_alter_table('department_profiles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_department_profiles_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_department_profiles_fiscal_year'), ['fiscal_year'], unique=False)
    op.create_table('department_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('dimension', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('budget', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('spent', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('prior_spent', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.ForeignKeyConstraint(['profile_id'], ['department_profiles.id'], name=op.f('fk_department_lines_profile_id_department_profiles')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_department_lines')),
    sa.UniqueConstraint('profile_id', 'dimension', 'name', name=op.f('uq_department_lines_profile_id_dimension_name')),
    )
    with op.batch_alter_table('department_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_department_lines_profile_id'), ['profile_id'], unique=False)


def downgrade():
    with op.batch_alter_table('department_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_department_lines_profile_id'))
    op.drop_table('department_lines')
    with op.batch_alter_table('department_profiles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_department_profiles_fiscal_year'))
        batch_op.drop_index(batch_op.f('ix_department_profiles_unit_id'))
    op.drop_table('department_profiles')
