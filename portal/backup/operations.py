"""Making a backup (SQLite online backup API or ``pg_dump -Fc``) and restoring one into an empty instance."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

from flask import current_app
from sqlalchemy import inspect

from portal.extensions import db
from portal.util import clock

MANIFEST = "manifest.json"
FORMAT = 1
#: Folders of the instance that are copied as they are (the file store and the search index).
FOLDERS = ("files", "search")
_SQLITE_NAME = "database.sqlite3"
_PG_NAME = "database.pgdump"


class BackupError(Exception):
    """The backup or restore was refused; the message is Chinese and shown to the operator."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _engine_url():
    return db.engine.url


def _libpq_url() -> str:
    """The database URL as pg_dump / pg_restore understand it (no SQLAlchemy driver suffix)."""
    return _engine_url().set(drivername="postgresql").render_as_string(hide_password=False)


def _dialect() -> str:
    name = _engine_url().get_backend_name()
    if name not in ("sqlite", "postgresql"):
        raise BackupError(f"不支持备份 {name} 数据库")
    return name


def backup(target: Path, echo: Callable[[str], None] = print) -> dict:
    """Write a complete backup of the current instance into the empty or new folder ``target``."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"备份目录 {target} 不是空目录，请指定一个新目录")
    target.mkdir(parents=True, exist_ok=True)
    dialect = _dialect()
    echo(f"备份数据库（{dialect}）…")
    if dialect == "sqlite":
        db_file = target / _SQLITE_NAME
        source = sqlite3.connect(_engine_url().database)
        dest = sqlite3.connect(db_file)
        try:
            with dest:
                source.backup(dest, pages=256)
            dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal/-shm beside it
        finally:
            dest.close()
            source.close()
    else:
        db_file = target / _PG_NAME
        subprocess.run(["pg_dump", "-Fc", "--no-owner", "--no-privileges", "-f", str(db_file), _libpq_url()],
                       check=True, capture_output=True)
    instance = Path(current_app.instance_path)
    copied = 0
    for folder in FOLDERS:
        source_dir = instance / folder
        if not source_dir.is_dir():
            continue
        for path in sorted(source_dir.rglob("*")):
            if path.is_file() and not path.name.startswith(".tmp-"):
                dest_path = target / path.relative_to(instance)
                dest_path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, dest_path)
                copied += 1
                if copied % 100 == 0:
                    echo(f"  已复制 {copied} 个文件…")
    echo(f"已复制 {copied} 个文件（文件库与检索索引）")
    files = {}
    for path in sorted(p for p in target.rglob("*") if p.is_file()):
        rel = path.relative_to(target).as_posix()
        files[rel] = {"sha256": _sha256(path), "size": path.stat().st_size}
    manifest = {"format": FORMAT, "database": dialect, "database_file": db_file.name,
                "created_at": clock().isoformat(timespec="seconds"), "files": files}
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    echo(f"备份完成：{len(files)} 个文件，清单 {target / MANIFEST}")
    return manifest


def verify(source: Path, echo: Callable[[str], None] = print) -> dict:
    """Check every file of a backup against its manifest; BackupError on the first mismatch."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError(f"{source} 中没有可读的备份清单 {MANIFEST}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError("备份清单的格式版本不受支持")
    listed = manifest["files"]
    present = {p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()} - {MANIFEST}
    if extra := sorted(present - set(listed)):
        raise BackupError(f"备份目录中有清单以外的文件：{extra[0]}")
    for index, (rel, expected) in enumerate(sorted(listed.items()), 1):
        path = source / rel
        if not path.is_file():
            raise BackupError(f"备份文件缺失：{rel}")
        if path.stat().st_size != expected["size"] or _sha256(path) != expected["sha256"]:
            raise BackupError(f"备份文件已损坏（SHA-256 不符）：{rel}")
        if index % 100 == 0:
            echo(f"  已校验 {index}/{len(listed)} 个文件…")
    echo(f"备份清单校验通过：{len(listed)} 个文件")
    return manifest


def _refuse_non_empty() -> None:
    tables = inspect(db.engine).get_table_names()
    if tables:
        raise BackupError(f"目标数据库不是空的（已有 {len(tables)} 张表）。只能恢复到全新的空实例："
                          "请新建数据库，且不要先运行 jixiao init")
    instance = Path(current_app.instance_path)
    for folder in FOLDERS:
        if (instance / folder).is_dir() and any(p.is_file() for p in (instance / folder).rglob("*")):
            raise BackupError(f"目标实例的 {folder}/ 目录不是空的，只能恢复到全新的空实例")


def restore(source: Path, echo: Callable[[str], None] = print) -> dict:
    """Restore the backup in ``source`` into the current, empty instance (manifest verified first)."""
    source = Path(source)
    manifest = verify(source, echo)
    dialect = _dialect()
    if manifest["database"] != dialect:
        raise BackupError(f"该备份来自 {manifest['database']} 数据库，不能恢复到 {dialect} 数据库")
    _refuse_non_empty()
    db_file = source / manifest["database_file"]
    echo("恢复数据库…")
    if dialect == "sqlite":
        db.engine.dispose()
        src = sqlite3.connect(f"file:{db_file}?mode=ro&immutable=1", uri=True)
        dest = sqlite3.connect(_engine_url().database)
        try:
            with dest:
                src.backup(dest)
        finally:
            dest.close()
            src.close()
    else:
        done = subprocess.run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
                               "-d", _libpq_url(), str(db_file)], capture_output=True, text=True)
        if done.returncode != 0:
            raise BackupError(f"pg_restore 失败：{done.stderr.strip()[:500]}")
    instance = Path(current_app.instance_path)
    restored = 0
    for rel in sorted(manifest["files"]):
        if rel.split("/", 1)[0] in FOLDERS:
            dest_path = instance / rel
            dest_path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / rel, dest_path)
            with dest_path.open("rb") as fh:
                os.fsync(fh.fileno())
            restored += 1
    echo(f"恢复完成：数据库与 {restored} 个文件")
    return manifest
