"""``jixiao backup`` / ``jixiao restore``: a demo instance round-trips into a new empty one, row for row, file for file."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, select

from tests.conftest import fresh_database_url
from tests.servers import Instance, clone_instance, make_instance

pytestmark = pytest.mark.slow


def _rows(database_url: str) -> dict[str, list[tuple]]:
    from portal.config import _normalise_db_url

    engine = create_engine(_normalise_db_url(database_url))
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as conn:
        out = {t.name: [tuple(r) for r in conn.execute(select(t).order_by(*(t.primary_key.columns or t.columns)))]
               for t in metadata.sorted_tables}
    engine.dispose()
    return out


def _files(instance: Instance) -> dict[str, str]:
    return {p.relative_to(instance.path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in ("files", "search") for p in sorted((instance.path / folder).rglob("*")) if p.is_file()}


def test_backup_round_trip_into_an_empty_instance(tmp_path, demo_template):
    source = clone_instance(demo_template, tmp_path / "a")
    source.cli("public_site", "reindex", check=False)
    backup_dir = tmp_path / "backup"
    made = source.cli("backup", str(backup_dir))
    assert "备份完成" in made.stdout
    manifest = json.loads((backup_dir / "manifest.json").read_text(encoding="utf-8"))
    assert all(len(entry["sha256"]) == 64 for entry in manifest["files"].values())

    target = Instance(tmp_path / "b" / "instance", fresh_database_url(_mkdir(tmp_path / "b")), {})
    restored = target.cli("restore", str(backup_dir))
    assert "备份清单校验通过" in restored.stdout and "恢复完成" in restored.stdout

    before, after = _rows(source.database_url), _rows(target.database_url)
    assert set(before) == set(after)
    rows = sum(len(r) for r in before.values())
    for table in before:
        assert after[table] == before[table], table
    files_before, files_after = _files(source), _files(target)
    assert files_before and files_after == files_before
    assert target.cli("fsck").returncode == 0
    print(f"backup round trip: {len(before)} tables, {rows} rows, {len(files_before)} files identical "
          f"({manifest['database']})")

    again = target.cli("restore", str(backup_dir), check=False)
    assert again.returncode != 0 and "不是空的" in again.stderr

    blob = next(rel for rel in manifest["files"] if rel.startswith("files/"))
    (backup_dir / blob).write_bytes(b"tampered")
    third = Instance(tmp_path / "c" / "instance", fresh_database_url(_mkdir(tmp_path / "c")), {})
    refused = third.cli("restore", str(backup_dir), check=False)
    assert refused.returncode != 0 and "SHA-256 不符" in refused.stderr
    assert _rows(third.database_url) == {}


def test_backup_refuses_a_non_empty_directory(tmp_path):
    source = make_instance(tmp_path, fresh_database_url(tmp_path), demo=False)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    result = source.cli("backup", str(tmp_path / "full"), check=False)
    assert result.returncode != 0 and "不是空目录" in result.stderr


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
