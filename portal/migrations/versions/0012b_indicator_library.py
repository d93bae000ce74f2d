"""共性项目绩效指标库: library versions per bureau and year, their items, and the picked item of an indicator

Revision ID: 0012b_indicator_library
Revises: 0012_department
Create Date: 2026-11-26 17:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0012b_indicator_library'
down_revision = '0012_department'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('library_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bureau_id', sa.Integer(), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('version_no', sa.Integer(), nullable=False),
    sa.Column('basis', sa.String(length=200), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['bureau_id'], ['organisations.id'], name=op.f('fk_library_versions_bureau_id_organisations')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_library_versions_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_library_versions')),
    sa.UniqueConstraint('bureau_id', 'fiscal_year', 'version_no', name=op.f('uq_library_versions_bureau_id_fiscal_year_version_no')),
    )
    with op.batch_alter_table('library_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_library_versions_bureau_id'), ['bureau_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_library_versions_fiscal_year'), ['fiscal_year'], unique=False)
    op.create_table('library_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('sector', sa.String(length=50), nullable=False),
    sa.Column('field', sa.String(length=50), nullable=False),
    sa.Column('level1', sa.String(length=20), nullable=False),
    sa.Column('level2', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('operator', sa.String(length=4), nullable=False),
    sa.Column('suggested_value', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('suggested_text', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['library_versions.id'], name=op.f('fk_library_items_version_id_library_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_library_items')),
    )
    with op.batch_alter_table('library_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_library_items_version_id'), ['version_id'], unique=False)
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('library_item_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_indicators_library_item_id_library_items'), 'library_items',
                                    ['library_item_id'], ['id'])


def downgrade():
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_indicators_library_item_id_library_items'), type_='foreignkey')
        batch_op.drop_column('library_item_id')
    with op.batch_alter_table('library_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_library_items_version_id'))
    op.drop_table('library_items')
    with op.batch_alter_table('library_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_library_versions_fiscal_year'))
        batch_op.drop_index(batch_op.f('ix_library_versions_bureau_id'))
    op.drop_table('library_versions')
