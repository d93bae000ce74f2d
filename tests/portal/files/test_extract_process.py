"""The extraction child's life: the caller's work while it extracts, the time limit over both, and the
children that answered but were still exiting (not waited for; reaped or killed by the next call)."""

from __future__ import annotations

import os
import time

import pytest

from portal.files import extract as extract_module
from portal.files.extract import extract
from portal.files.sniff import UploadRejected
from tests.portal.files.samples import make_docx, make_pdf


def _pid_exists(pid: int) -> bool:
    """Whether ``pid`` is a process or an unreaped zombie of this process."""
    return os.path.exists(f"/proc/{pid}")


def _end_children() -> None:
    for _, child in extract_module._exiting:
        if child.is_alive():
            child.kill()
        child.join()
    extract_module._exiting.clear()


@pytest.fixture(autouse=True)
def no_leftover_children():
    """No child of an earlier test (here or in another module) is still exiting before or after each test."""
    _end_children()
    yield
    _end_children()


def test_the_callers_work_runs_while_the_child_extracts(app):
    seen = []

    def meanwhile():
        import multiprocessing

        seen.append([child.is_alive() for child in multiprocessing.active_children()])

    with app.app_context():
        result = extract(make_docx(["一、项目概况", "二、评价结论"]), "docx", meanwhile=meanwhile)
    assert result.text == "一、项目概况\n二、评价结论" and seen == [[True]]  # the child was at work


def test_the_time_limit_counts_the_callers_work_too(app, monkeypatch):
    def loop_forever(data, max_chars):
        while True:
            pass

    monkeypatch.setattr(extract_module, "_pdf", loop_forever)
    data, _ = make_pdf(["会让解析器死循环的报告"])
    started = time.monotonic()
    with app.app_context(), pytest.raises(UploadRejected, match="超过 1 秒仍未完成"):
        extract(data, "pdf", timeout=1, meanwhile=lambda: time.sleep(1.2))
    assert time.monotonic() - started < 4  # not 1.2 s of work plus another second of waiting


def test_a_failing_callers_work_stops_the_child(app, monkeypatch):
    children = []

    def loop_forever(data, max_chars):
        while True:
            pass

    def disk_full():
        import multiprocessing

        children.extend(multiprocessing.active_children())
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(extract_module, "_pdf", loop_forever)
    data, _ = make_pdf(["写盘失败时的报告"])
    started = time.monotonic()
    with app.app_context(), pytest.raises(OSError, match="No space left"):
        extract(data, "pdf", timeout=30, meanwhile=disk_full)
    assert time.monotonic() - started < 5
    assert len(children) == 1 and children[0].exitcode == -9 and not _pid_exists(children[0].pid)


def test_children_that_answered_are_reaped_by_the_next_call(app):
    data = make_docx(["第一份"])
    with app.app_context():
        extract(data, "docx")
        (_, first), = extract_module._exiting
        first.join(10)  # it exits on its own; only its zombie is left until the next call
        assert first.exitcode == 0
        for _ in range(3):
            extract(data, "docx")
    assert first not in [child for _, child in extract_module._exiting] and not _pid_exists(first.pid)
    assert len(extract_module._exiting) <= 3


def test_a_child_stuck_after_answering_is_killed_past_the_time_limit(app, monkeypatch):
    real_child = extract_module._child

    def answer_then_hang(sender, *args):
        real_child(sender, *args)
        time.sleep(3600)

    monkeypatch.setattr(extract_module, "_child", answer_then_hang)
    with app.app_context():
        assert extract(make_docx(["答完不退出"]), "docx", timeout=1).text == "答完不退出"  # used at once
        (_, stuck), = extract_module._exiting
        monkeypatch.setattr(extract_module, "_child", real_child)
        extract(make_docx(["下一份"]), "docx", timeout=1)
        assert stuck.is_alive()  # within its time limit it is left alone
        time.sleep(1.1)
        extract(make_docx(["再下一份"]), "docx", timeout=1)
    assert stuck.exitcode == -9 and not _pid_exists(stuck.pid)
    assert stuck not in [child for _, child in extract_module._exiting]


def test_the_parser_is_imported_once_in_the_parent(app):
    """Each child would otherwise import python-docx again (about 100 ms) on every upload."""
    import sys

    with app.app_context():
        extract(make_docx(["导入"]), "docx")
    assert "docx" in sys.modules
