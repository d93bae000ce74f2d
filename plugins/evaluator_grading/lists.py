"""The plugin's lists that find things: engagements (委托) and yearly ratings (执业质量评价).

Both read through the plugin's scoping queries and the core's list helper (``portal.ListParams``), so a
keyword, the filters, the order and the page are parsed once and the XLSX holds exactly the rows shown.
"""

from __future__ import annotations

from sqlalchemy import Select
from sqlalchemy.orm import aliased

from plugins.evaluator_grading.models import RATING_STATES, Engagement, FirmRating
from plugins.evaluator_grading.queries import visible_engagements, visible_ratings
from plugins.evaluator_grading.ratings import COMPONENTS, LEVELS
from portal import ListParams, ListSpec, choice, positive_int
from portal.accounts.models import Organisation
from portal.projects.models import Project

_EngagedProject = aliased(Project, name="engaged_project")
_EngagedUnit = aliased(Organisation, name="engaged_unit")
_EngagedFirm = aliased(Organisation, name="engaged_firm")
_RatedFirm = aliased(Organisation, name="rated_firm")

#: 委托: keyword (project code or name, unit, firm), year and firm; sortable by every column.
ENGAGEMENT_SPEC = ListSpec(
    sorts={"code": (_EngagedProject.code,), "project": (_EngagedProject.name,), "unit": (_EngagedUnit.name,),
           "firm": (_EngagedFirm.name,), "deadline": (Engagement.deadline,),
           "amount": (Engagement.contract_amount,)},
    default_sort="deadline", tiebreak=Engagement.id, filters={"year": positive_int, "firm_id": positive_int})

#: 执业质量评价: keyword (firm), level and state; sortable by firm, each component, composite, level.
RATING_SPEC = ListSpec(
    sorts={"firm": (_RatedFirm.name,), **{key: (getattr(FirmRating, key),) for key in COMPONENTS},
           "composite": (FirmRating.composite,), "level": (FirmRating.level,), "state": (FirmRating.state,)},
    default_sort="-composite", tiebreak=FirmRating.id,
    filters={"level": choice(LEVELS), "state": choice(RATING_STATES)})


def engagements(user, params: ListParams, year: int) -> Select:
    """The engagements of ``year`` that ``user`` may see, matching the keyword and the firm; unordered."""
    query = (visible_engagements(user)
             .join(_EngagedProject, Engagement.project_id == _EngagedProject.id)
             .join(_EngagedUnit, _EngagedProject.unit_id == _EngagedUnit.id)
             .join(_EngagedFirm, Engagement.firm_id == _EngagedFirm.id)
             .where(_EngagedProject.fiscal_year == year))
    return params.matching(query, (_EngagedProject.code, _EngagedProject.name, _EngagedUnit.name, _EngagedFirm.name),
                           {"firm_id": Engagement.firm_id})


def ratings(user, params: ListParams, year: int) -> Select:
    """The ratings of ``year`` that ``user`` may see, matching the keyword (firm), level and state."""
    query = (visible_ratings(user).join(_RatedFirm, FirmRating.firm_id == _RatedFirm.id)
             .where(FirmRating.fiscal_year == year))
    return params.matching(query, (_RatedFirm.name,), {"level": FirmRating.level, "state": FirmRating.state})
