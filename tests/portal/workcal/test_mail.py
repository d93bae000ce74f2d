"""E-mail digests: off without MAIL_SERVER; with it, ``jixiao notify`` mails a real SMTP server on loopback once."""

from __future__ import annotations

import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from portal.extensions import db
from tests.conftest import text_of
from tests.portal.workflow.helpers import project_with_targets
from tests.portal.workflow.test_full_cycle import as_user


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def test_no_mail_without_a_server(app, world, clock):
    unit = as_user(app, world, "unit")
    assert "邮件提醒" not in text_of(unit.get("/work/notices"))
    response = unit.post("/work/notices/mailbox", data={"email": "a@example.cn"})
    assert "系统未配置邮件服务器" in text_of(unit.get(response.headers["Location"]))
    assert "已发送邮件摘要" not in app.test_cli_runner().invoke(args=["notify"]).output


def test_the_digest_arrives_once(app_factory, world, clock, smtp):
    controller, inbox = smtp
    # MAIL_SUPPRESS_SEND: Flask-Mail sends nothing under TESTING unless told to
    app = app_factory(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_DEFAULT_SENDER="jixiao@czj.example.cn",
                      MAIL_SUPPRESS_SEND=False)
    with app.test_request_context():
        project_with_targets(code="ML-2025-01", year=2025)  # approved targets; its May report is overdue
        db.session.commit()
    unit = as_user(app, world, "unit")
    refused = unit.post("/work/notices/mailbox", data={"email": "不是邮箱"})
    assert "邮箱地址“不是邮箱”格式不正确" in text_of(unit.get(refused.headers["Location"]))
    unit.post("/work/notices/mailbox", data={"email": "aygul@swj.example.cn"})
    assert 'value="aygul@swj.example.cn"' in unit.get("/work/notices").get_data(as_text=True)
    result = app.test_cli_runner().invoke(args=["notify"])
    assert "已发送邮件摘要 1 封" in result.output, result.output
    assert len(inbox.messages) == 1
    recipients, message = inbox.messages[0]
    assert recipients == ["aygul@swj.example.cn"]
    assert message["Subject"].startswith("预算绩效管理平台：") and "条未读消息" in message["Subject"]
    body = message.get_body().get_content()
    assert "审核通过：招商引资工作经费 · 绩效目标申报" in body
    assert "5月底监控 · 招商引资工作经费（2025年度）：6月10日截止，已逾期 21 天" in body
    # run again the same day: nothing new, nothing mailed twice
    assert "已发送邮件摘要 0 封" in app.test_cli_runner().invoke(args=["notify"]).output
    assert len(inbox.messages) == 1
