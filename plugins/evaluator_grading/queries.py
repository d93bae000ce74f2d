"""Scoped reads: engagements, conflicts, panels, satisfaction and ratings each user may see."""

from __future__ import annotations

from flask import abort
from sqlalchemy import Select, false, func, or_, select

from plugins.evaluator_grading.models import (
    Engagement,
    FirmRating,
    Panel,
    PanelMember,
    RubricItem,
    SatisfactionRating,
    ServiceRelation,
)
from plugins.evaluator_grading.settings import setting
from portal import db
from portal.accounts.models import BUREAU_ROLES, Organisation, Role, User, UserRole
from portal.projects.models import Project
from portal.submissions.models import Submission, Transition


def is_bureau(user) -> bool:
    return user.org.kind == "bureau" and user.has_role(*BUREAU_ROLES)


def is_rater(user) -> bool:
    """绩效科: engages firms, forms panels, rates firms."""
    return user.org.kind == "bureau" and user.has_role(Role.BUREAU_REVIEWER)


def visible_engagements(user) -> Select:
    """``select(Engagement)``: the bureau's own, a firm's own, a unit's projects'."""
    conditions = []
    if is_bureau(user):
        conditions.append(Engagement.bureau_id == user.bureau_id)
    if user.has_role(Role.FIRM_EDITOR):
        conditions.append(Engagement.firm_id == user.org_id)
    if user.has_role(Role.UNIT_EDITOR):
        conditions.append(Engagement.project_id.in_(select(Project.id).where(Project.unit_id == user.org_id)))
    return select(Engagement).where(or_(*conditions) if conditions else false())


def engagement_or_404(user, engagement_id: int) -> Engagement:
    engagement = db.session.scalar(visible_engagements(user).where(Engagement.id == engagement_id))
    if engagement is None:
        abort(404)
    return engagement


def engagements_of_project(project_id: int, include_cancelled: bool = False) -> list[Engagement]:
    query = select(Engagement).where(Engagement.project_id == project_id)
    if not include_cancelled:
        query = query.where(Engagement.cancelled_at.is_(None))
    return list(db.session.scalars(query.order_by(Engagement.id)))


def engagement_for(submission) -> Engagement | None:
    """The engagement a third-party report answers (its firm on its project)."""
    return db.session.scalar(select(Engagement).where(Engagement.project_id == submission.project_id,
                                                      Engagement.firm_id == submission.org_id))


def engaged_project_ids(firm_id: int) -> Select:
    return select(Engagement.project_id).where(Engagement.firm_id == firm_id)


def panel_submission_ids(user_id: int) -> Select:
    return select(Panel.submission_id).join(PanelMember).where(PanelMember.user_id == user_id)


def panel_project_ids(user_id: int) -> Select:
    return select(Submission.project_id).where(Submission.id.in_(panel_submission_ids(user_id)))


def conflicts(firm: Organisation, project: Project) -> list[str]:
    """Why ``firm`` may not evaluate ``project`` (财预〔2021〕6号: conflicts avoided); empty when none."""
    years = int(setting("EVALUATOR_GRADING_CONFLICT_YEARS"))
    relations = db.session.scalars(select(ServiceRelation).where(
        ServiceRelation.firm_id == firm.id, ServiceRelation.unit_id == project.unit_id,
        ServiceRelation.year >= project.fiscal_year - years).order_by(ServiceRelation.year)).all()
    out = []
    for relation in relations:
        if relation.kind == "self_evaluation":
            out.append(f"{firm.name}曾为{project.unit.name}编制{relation.year}年度绩效自评，不能评价其项目")
        else:
            out.append(f"{firm.name}于{relation.year}年为{project.unit.name}提供{relation.kind_label}服务"
                       f"（{years}年内），存在利益冲突")
    return out


def relations_of(user) -> list[ServiceRelation]:
    units = select(Organisation.id).where(Organisation.parent_id == user.bureau_id)
    return list(db.session.scalars(select(ServiceRelation).where(ServiceRelation.unit_id.in_(units))
                                   .order_by(ServiceRelation.year.desc(), ServiceRelation.id.desc())))


def region_orgs(user, kind: str) -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).where(
        Organisation.parent_id == user.bureau_id, Organisation.kind == kind, Organisation.is_active.is_(True))
        .order_by(Organisation.name)))


def region_projects(user, year: int) -> list[Project]:
    units = select(Organisation.id).where(Organisation.parent_id == user.bureau_id)
    return list(db.session.scalars(select(Project).where(Project.unit_id.in_(units), Project.fiscal_year == year)
                                   .order_by(Project.code)))


def eligible_members(user) -> list[User]:
    """Who may sit on a panel of ``user``'s bureau: its reviewers and section staff, and its experts."""
    orgs = select(Organisation.id).where(or_(Organisation.id == user.bureau_id,
                                             Organisation.parent_id == user.bureau_id))
    roles = (Role.BUREAU_REVIEWER, Role.BUREAU_SECTION, Role.EXPERT)
    return list(db.session.scalars(select(User).join(UserRole).where(
        User.org_id.in_(orgs), User.is_active.is_(True), UserRole.role.in_([str(r) for r in roles]))
        .distinct().order_by(User.org_id, User.id)))


def rubric(bureau_id: int, year: int) -> list[RubricItem]:
    return list(db.session.scalars(select(RubricItem).where(
        RubricItem.bureau_id == bureau_id, RubricItem.fiscal_year == year).order_by(RubricItem.position)))


def submit_round(submission) -> int:
    """How many times the report has been handed in (the round a panel for it now scores)."""
    return db.session.scalar(select(func.count()).select_from(Transition).where(
        Transition.submission_id == submission.id, Transition.action == "submit")) or 0


def panels_of(submission_id: int) -> list[Panel]:
    return list(db.session.scalars(select(Panel).where(Panel.submission_id == submission_id)
                                   .order_by(Panel.round)))


def current_panel(submission) -> Panel | None:
    """The panel on the report's current hand-in, if one was formed (cancelled ones excluded)."""
    return db.session.scalar(select(Panel).where(
        Panel.submission_id == submission.id, Panel.round == submit_round(submission),
        Panel.state != "cancelled"))


def panel_or_404(user, panel_id: int) -> Panel:
    """A panel its members and the bureau of the report's region may open."""
    panel = db.session.get(Panel, panel_id)
    if panel is None:
        abort(404)
    bureau_side = is_bureau(user) and panel.submission.project.unit.parent_id == user.bureau_id
    if not bureau_side and panel.member_for(user) is None:
        abort(404)
    return panel


def panels_waiting_for(user) -> list[Panel]:
    return list(db.session.scalars(select(Panel).join(PanelMember).where(
        PanelMember.user_id == user.id, PanelMember.submitted_at.is_(None), Panel.state == "open")
        .order_by(Panel.created_at)))


def reports_without_panel(user) -> list[Submission]:
    """Handed-in third-party reports of the region whose current round has no panel yet."""
    units = select(Organisation.id).where(Organisation.parent_id == user.bureau_id)
    reports = db.session.scalars(select(Submission).join(Project).where(
        Submission.kind == "third_party", Submission.state.in_(("submitted", "review")),
        Project.unit_id.in_(units)).order_by(Submission.submitted_at)).all()
    return [r for r in reports if current_panel(r) is None]


def satisfaction_for(engagement_id: int) -> SatisfactionRating | None:
    return db.session.scalar(select(SatisfactionRating).where(SatisfactionRating.engagement_id == engagement_id))


def satisfaction_due(user) -> list[Engagement]:
    """A unit's engagements whose report was handed in and that it has not rated yet."""
    rows = db.session.scalars(visible_engagements(user).where(
        Engagement.project_id.in_(select(Project.id).where(Project.unit_id == user.org_id)))).all()
    return [e for e in rows if satisfaction_for(e.id) is None and delivered_report(e) is not None]


def delivered_report(engagement: Engagement) -> Submission | None:
    """The firm's third-party report on the engaged project once it has been handed in."""
    return db.session.scalar(select(Submission).where(
        Submission.project_id == engagement.project_id, Submission.org_id == engagement.firm_id,
        Submission.kind == "third_party", Submission.submitted_at.is_not(None)).order_by(Submission.id).limit(1))


def first_handed_in(submission) -> Transition | None:
    return db.session.scalar(select(Transition).where(
        Transition.submission_id == submission.id, Transition.action == "submit").order_by(Transition.id).limit(1))


def visible_ratings(user) -> Select:
    """Bureau: every rating of its region; a firm: its own once the draft is opened."""
    conditions = []
    if is_bureau(user):
        conditions.append(FirmRating.bureau_id == user.bureau_id)
    if user.has_role(Role.FIRM_EDITOR):
        conditions.append((FirmRating.firm_id == user.org_id) & FirmRating.state.in_(("open", "final")))
    return select(FirmRating).where(or_(*conditions) if conditions else false())


def rating_or_404(user, rating_id: int) -> FirmRating:
    rating = db.session.scalar(visible_ratings(user).where(FirmRating.id == rating_id))
    if rating is None:
        abort(404)
    return rating



def may_see_rating(user, rating_id: int) -> bool:
    """Whether ``user`` may see the rating (and so the files the firm attached to its answer)."""
    return db.session.scalar(visible_ratings(user).where(FirmRating.id == rating_id)) is not None


def open_ratings_of_firm(user) -> list[FirmRating]:
    """The firm's drafts whose comment window is running (for its dashboard card)."""
    if not user.has_role(Role.FIRM_EDITOR):
        return []
    return list(db.session.scalars(visible_ratings(user).where(
        FirmRating.firm_id == user.org_id, FirmRating.state == "open").order_by(FirmRating.window_closes_at)))


def ratings_of_year(bureau_id: int, year: int) -> list[FirmRating]:
    """Every firm's rating of ``year`` in the bureau's region, best first."""
    return list(db.session.scalars(select(FirmRating).where(
        FirmRating.bureau_id == bureau_id, FirmRating.fiscal_year == year)
        .order_by(FirmRating.composite.desc(), FirmRating.id)))
