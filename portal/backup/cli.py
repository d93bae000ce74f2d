"""``jixiao backup DIR`` and ``jixiao restore DIR``."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from portal.backup import operations


@click.command("backup")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def backup_command(directory: Path) -> None:
    """Back up the database, the file store and the search index into DIRECTORY (new or empty)."""
    try:
        operations.backup(directory, echo=click.echo)
    except operations.BackupError as exc:
        raise click.ClickException(str(exc)) from None


@click.command("restore")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@with_appcontext
def restore_command(directory: Path) -> None:
    """Restore a backup from DIRECTORY into this empty instance (the manifest is verified first)."""
    try:
        operations.restore(directory, echo=click.echo)
    except operations.BackupError as exc:
        raise click.ClickException(str(exc)) from None
