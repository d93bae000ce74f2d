"""``jixiao fsck`` finds corrupted and missing blobs and dangling attachments."""

from __future__ import annotations

import pytest

from portal.accounts.models import User
from portal.extensions import db
from portal.files import storage
from portal.files.operations import attach
from tests.portal.files.samples import make_docx, upload


@pytest.fixture
def two_reports(app, world):
    with app.test_request_context():
        user = db.session.get(User, world["users"]["unit"])
        shas = [attach(upload(make_docx([f"报告{i}"]), f"报告{i}.docx"), owner_type="test_report", owner_id=i,
                       user=user).sha256 for i in (1, 2)]
        db.session.commit()
    return shas


def test_fsck_passes_on_a_healthy_store(runner, two_reports):
    result = runner.invoke(args=["fsck"])
    assert result.exit_code == 0, result.output
    assert "文件库检查通过" in result.output


def test_fsck_reports_a_corrupted_and_a_missing_blob(app, runner, two_reports):
    corrupted, missing = two_reports
    with app.app_context():
        storage.path(corrupted).write_bytes(b"tampered")
        storage.path(missing).unlink()
    result = runner.invoke(args=["fsck"])
    assert result.exit_code == 1
    assert f"文件内容与 SHA-256 不符（已损坏）：{corrupted}" in result.output
    assert f"文件缺失：{missing}" in result.output
    assert "发现 2 个问题" in result.output


def test_fsck_notes_leftover_temp_files_and_cleans_them(app, runner, two_reports):
    with app.app_context():
        leftover = storage.path(two_reports[0]).parent / f"{storage.TEMP_PREFIX}interrupted"
        leftover.write_bytes(b"half")
    result = runner.invoke(args=["fsck", "--clean-temp"])
    assert result.exit_code == 0 and "残留的临时文件" in result.output
    assert not leftover.exists()
