"""Shared set-up for the evaluator_grading tests: clients per role, a second expert, scoring a panel over HTTP."""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.extensions import db
from tests.conftest import CSRFClient, do_login

FIRM_A = "新疆正信绩效评价咨询有限公司"
FIRM_B = "克州明德会计师事务所有限公司"
UNIT = "阿克陶县商务科技和工业信息化局"
EXPERT_POOL = "阿克陶县预算绩效评审专家库"
EXPERT2_PASSWORD = "Expert2-pass-2024"


def as_user(app, username: str, password: str) -> CSRFClient:
    client = CSRFClient(app)
    response = do_login(client, username, password)
    assert response.status_code == 302, f"login as {username} failed"
    return client


def add_second_expert(app) -> int:
    """A second expert of the county's pool (the demo world has one)."""
    from portal.accounts.models import Organisation
    from portal.accounts.operations import create_user

    with app.app_context():
        pool = db.session.scalar(select(Organisation).where(Organisation.name == EXPERT_POOL))
        user = create_user(username="expert2_t", full_name="古丽米热·阿布都", org=pool, roles=["expert"],
                           password=EXPERT2_PASSWORD, must_change_password=False)
        db.session.commit()
        return user.id


def rubric_ids(app, year: int = 2022) -> list[int]:
    from plugins.evaluator_grading.models import RubricItem

    with app.app_context():
        return list(db.session.scalars(select(RubricItem.id).where(RubricItem.fiscal_year == year)
                                       .order_by(RubricItem.position)))


def score(client, panel_id: int, item_ids: list[int], scores: tuple, note: str = "须补充"):
    """POST a member's scores (default rubric 20/25/25/20/10); a comment on every deducted item."""
    full = (20, 25, 25, 20, 10)
    data = {"confirmed": "1"}
    for item_id, value, points in zip(item_ids, scores, full, strict=True):
        data[f"score_{item_id}"] = str(value)
        data[f"comment_{item_id}"] = "" if value == points else f"{note}（第{item_id}项）"
    return client.post(f"/work/evaluator_grading/panels/{panel_id}", data=data)


def panel_id_on(page_html: str) -> int:
    ids = re.findall(r"/work/evaluator_grading/panels/(\d+)", page_html)
    assert ids, "no panel link on the page"
    return int(ids[-1])



