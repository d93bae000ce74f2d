"""Every route × every principal, from the URL map, against a declared expectation table.

A new route that is missing from ``EXPECTED`` fails the test, so nothing escapes review.
Object routes are called with the region's own object and with a foreign bureau's object
(always 404: existence is not revealed).  Every POST without a CSRF token is refused (400).
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.accounts.models import Organisation, User
from portal.accounts.operations import create_organisation, create_user
from portal.extensions import db
from portal.files.operations import attach
from portal.submissions import operations
from tests.access import ALL, BUREAU, PRINCIPALS, PUBLIC, REPORT_READERS, status_for
from tests.conftest import CSRFClient, do_login
from tests.portal.files.samples import make_docx, upload
from tests.portal.workflow.helpers import project_with_targets, user

#: endpoint → expected GET status per principal (own region's object for object routes).
EXPECTED: dict[str, dict[str, int]] = {
    "static": PUBLIC,
    "auth.login": {p: 200 if p == "anonymous" else 302 for p in PRINCIPALS},
    "auth.change_password": status_for(ALL),
    "dashboard.index": status_for(ALL),
    "dashboard.search": status_for(ALL),
    "admin.organisations": status_for({"admin"}),
    "admin.users": status_for({"admin"}),
    "admin.user_edit": status_for({"admin"}),
    "admin.plugins_list": status_for({"admin"}),
    "audit.events": status_for({"admin"}),
    "deid.terms": status_for({"admin", "reviewer"}),
    "projects.index": status_for(ALL),
    "projects.export_xlsx": status_for(ALL),
    "projects.new": status_for(BUREAU),
    "projects.import_file": status_for(BUREAU),
    # The firm sees the project it reported on; the expert has no panel on it.
    "projects.detail": status_for(BUREAU | {"unit", "firm"}, denied=404),
    "submissions.index": status_for(ALL),
    "submissions.export_xlsx": status_for(ALL),
    "submissions.frameworks": status_for(ALL),
    "submissions.framework_edit": status_for(BUREAU),
    "submissions.start": status_for(ALL),
    "submissions.target_tree_edit": status_for(BUREAU),
    "submissions.detail": status_for(REPORT_READERS, denied=404),
    # The report is submitted: the owner is sent back to the page; the bureau may read but not edit.
    "submissions.edit": {**status_for(set(), denied=404), "firm": 302, **{p: 403 for p in BUREAU}},
    "files.download": status_for(REPORT_READERS, denied=404),
    # 纸质报表 exist for declarations, monitoring and self-evaluations; the matrix's own object is a
    # third-party report, which has none: 404 for everyone (readers are tested in tests/portal/paperforms).
    "paperforms.print_view": status_for(set(), denied=404),
    "paperforms.docx": status_for(set(), denied=404),
    "paperforms.xlsx": status_for(set(), denied=404),
    "evaluator_grading.index": status_for(ALL),
    "rectification.index": status_for(ALL),
}

#: POST-only endpoints (checked for CSRF and for foreign objects).
POST_ONLY = {"auth.logout", "admin.organisation_active", "admin.user_active", "deid.deactivate",
             "submissions.new", "submissions.transition", "submissions.upload", "submissions.remove_file",
             "submissions.apply_proposal", "submissions.bulk_review", "submissions.copy_targets",
             "submissions.upload_report"}


def _plugin_tables():
    """The access tables plugins' tests declare (tests/**/access_table.py)."""
    import importlib
    from pathlib import Path

    root = Path(__file__).parent
    for path in sorted(root.rglob("access_table.py")):
        module = ".".join(path.relative_to(root.parent).with_suffix("").parts)
        yield importlib.import_module(module)


for _table in _plugin_tables():
    EXPECTED.update(_table.EXPECTED)
    POST_ONLY |= set(getattr(_table, "POST_ONLY", ()))


@pytest.fixture
def objects(app):
    """Own-region objects and a foreign bureau's objects, ids by parameter name."""
    with app.test_request_context():
        project = project_with_targets()
        firm = user("firm")
        report = operations.create(kind="third_party", project=project, user=firm)
        operations.save_findings(report, firm, ["问题一"], ["建议一"])
        att = attach(upload(make_docx(["评价报告"]), "报告.docx"), owner_type="submission", owner_id=report.id,
                     user=firm)
        from portal.scoring.models import Framework

        framework = db.session.get(Framework, report.framework_id)
        operations.save_scores(report, firm, {i.id: str(i.weight) for i in framework.items})
        operations.apply_transition(report, "submit", firm)

        foreign_bureau = create_organisation(name="尉犁县财政局", kind="bureau", region="尉犁县", parent=None)
        foreign_unit = create_organisation(name="尉犁县教育局", kind="unit", region="尉犁县", parent=foreign_bureau)
        foreign_user = create_user(username="yuli_unit", full_name="某某", org=foreign_unit, roles=["unit_editor"],
                                   password="Foreign-pass-1", must_change_password=False)
        for name, role in (("yuli_reviewer", "bureau_reviewer"), ("yuli_section", "bureau_section")):
            create_user(username=name, full_name="某某", org=foreign_bureau, roles=[role],
                        password="Foreign-pass-1", must_change_password=False)
        foreign_project = project_with_targets(code="YL-1", unit_name="尉犁县教育局")
        foreign_sub = operations.create(kind="self_evaluation", project=foreign_project, user=foreign_user)
        foreign_att = attach(upload(make_docx(["外单位"]), "外.docx"), owner_type="submission",
                             owner_id=foreign_sub.id, user=foreign_user)
        db.session.commit()
        own = {"project_id": project.id, "submission_id": report.id, "attachment_id": att.id,
               "user_id": db.session.scalar(select(User.id).where(User.username == "unit")),
               "org_id": db.session.scalar(select(Organisation.id).where(Organisation.name == "阿克陶县教育局")),
               "term_id": 1, "filename": "css/portal.css", "kind": "evaluation", "year": 2022}
        foreign = {"project_id": foreign_project.id, "submission_id": foreign_sub.id, "attachment_id": foreign_att.id,
                   "user_id": foreign_user.id, "org_id": foreign_unit.id, "term_id": 10**6,
                   "filename": "css/portal.css", "kind": "evaluation", "year": 2022}
        for table in _plugin_tables():
            if hasattr(table, "objects"):
                table.objects(own, foreign)
        db.session.commit()
        return own, foreign


def _url(rule, values) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", lambda m: str(values[m.group(1)]), rule.rule)


def _clients(app, world):
    out = {"anonymous": CSRFClient(app)}
    for principal in PRINCIPALS[1:]:
        client = CSRFClient(app)
        assert do_login(client, principal, world["passwords"][principal]).status_code == 302
        out[principal] = client
    return out


def test_every_route_is_declared(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    undeclared = endpoints - set(EXPECTED) - POST_ONLY
    assert undeclared == set(), f"declare these routes in EXPECTED or POST_ONLY: {sorted(undeclared)}"


def test_get_matrix(app, world, objects):
    own, foreign = objects
    clients = _clients(app, world)
    checked, mismatches = 0, []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in POST_ONLY:
            continue
        expected = EXPECTED[rule.endpoint]
        has_object = any(a.endswith("_id") for a in rule.arguments)
        for principal in PRINCIPALS:
            response = clients[principal].get(_url(rule, own))
            response.close()
            checked += 1
            if response.status_code != expected[principal]:
                mismatches.append((rule.endpoint, principal, "own", response.status_code, expected[principal]))
            if has_object and principal != "anonymous":
                response = clients[principal].get(_url(rule, foreign))
                response.close()
                checked += 1
                if response.status_code not in (403, 404):
                    mismatches.append((rule.endpoint, principal, "foreign", response.status_code, "403/404"))
    print(f"access matrix: {checked} route×principal GET checks")
    assert mismatches == [], "\n".join(map(str, mismatches))


def test_posts_need_csrf_and_foreign_objects_stay_hidden(app, world, objects):
    own, foreign = objects
    clients = _clients(app, world)
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.endpoint == "static":
            continue
        for principal in ("reviewer", "unit", "firm"):
            client = clients[principal]
            response = client.post(_url(rule, own), data={}, csrf=False)
            assert response.status_code == 400, (rule.endpoint, principal, "without CSRF")
            if any(a.endswith("_id") for a in rule.arguments):
                response = client.post(_url(rule, foreign), data={"action": "approve", "active": "0"})
                assert response.status_code in (403, 404), (rule.endpoint, principal, response.status_code)
    # Nothing foreign changed.
    with app.app_context():
        from portal.submissions.models import Submission

        assert db.session.get(Submission, foreign["submission_id"]).state == "draft"
        assert db.session.get(User, foreign["user_id"]).is_active


def test_foreign_bureau_reviewer_sees_nothing_of_this_region(app, objects):
    own, _ = objects
    client = CSRFClient(app)
    do_login(client, "yuli_reviewer", "Foreign-pass-1")
    for url in (f"/work/projects/{own['project_id']}", f"/work/submissions/{own['submission_id']}",
                f"/work/files/{own['attachment_id']}"):
        assert client.get(url).status_code == 404, url
    listing = client.get("/work/projects/").get_data(as_text=True)
    assert f'/work/projects/{own["project_id"]}"' not in listing and "阿克陶县" not in listing


