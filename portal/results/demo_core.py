"""Demo: 核心指标 marked by a unit, so the 真实性核查 draw shows both rules — the marked indicators of
基层农业技术推广补助项目, all 产出/效益 indicators of the projects whose unit marked none."""

from __future__ import annotations

from portal.submissions.effects import current_targets

#: code → names of the indicators its unit marked core (``{name}`` is the project's name).
MARKED = {"NY-JSTG": ("{name}覆盖对象数量", "受益群众人数")}


def mark_core(reports: dict) -> None:
    """Mark the core indicators of the demo's approved 2022 targets (before the draw reads them)."""
    for code, names in MARKED.items():
        project = reports[code].project
        wanted = {n.format(name=project.name) for n in names}
        for indicator in current_targets(project).indicators:
            indicator.is_core = indicator.name in wanted
