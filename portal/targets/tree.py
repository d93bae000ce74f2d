"""The indicator tree (一级 → 二级) a year's target tables are written in, held as data per bureau and year.

Two national practices are built in: 财预〔2020〕10号 (seed 003: 产出成本 is a 二级 under 产出) and
财预〔2021〕101号 (成本指标 is a 一级 of its own: 经济成本, 社会成本, 生态环境成本).  The bureau chooses
one for a year or writes its own; a year it has not set uses the default.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.targets.models import LEVEL2, TargetTree

Tree = dict[str, tuple[str, ...]]

TREE_2020: Tree = dict(LEVEL2)
TREE_2021: Tree = {
    "产出": ("数量", "质量", "时效"),
    "成本": ("经济成本", "社会成本", "生态环境成本"),
    "效益": ("经济效益", "社会效益", "生态效益", "可持续影响"),
    "满意度": ("服务对象满意度",),
}

#: name → (basis shown to people, tree)
PRESETS: dict[str, tuple[str, Tree]] = {
    "caiyu2020": ("财预〔2020〕10号：成本列在产出之下", TREE_2020),
    "caiyu2021": ("财预〔2021〕101号：成本指标为一级指标", TREE_2021),
}
DEFAULT_PRESET = "caiyu2020"
CUSTOM_BASIS = "本局自定"


class TreeError(ValueError):
    """A tree that cannot be saved; the message is Chinese and shown as is."""


def own_tree(fiscal_year: int, bureau_id: int | None) -> TargetTree | None:
    """The tree ``bureau_id`` set for ``fiscal_year``, if any."""
    if bureau_id is None:
        return None
    return db.session.scalar(select(TargetTree).where(TargetTree.bureau_id == bureau_id,
                                                      TargetTree.fiscal_year == fiscal_year))


def tree_for(fiscal_year: int | None, bureau_id: int | None = None) -> Tree:
    """Level-1 names mapped to their level-2 names, in order, for targets of ``fiscal_year``."""
    own = own_tree(fiscal_year, bureau_id) if fiscal_year is not None else None
    if own is not None:
        return {level1: tuple(level2s) for level1, level2s in own.levels}
    return dict(PRESETS[DEFAULT_PRESET][1])


def tree_for_project(project) -> Tree:
    """The tree of the project's year in the bureau its unit belongs to."""
    return tree_for(project.fiscal_year, project.unit.parent_id)


def basis_for(fiscal_year: int, bureau_id: int | None) -> str:
    own = own_tree(fiscal_year, bureau_id)
    return own.basis if own is not None else PRESETS[DEFAULT_PRESET][0] + "（默认）"


def tree_text(tree: Tree) -> str:
    """The tree as people write it: one 一级 a line, ``产出：数量、质量、时效``."""
    return "\n".join(f"{level1}：{'、'.join(level2s)}" for level1, level2s in tree.items())


def parse_tree_text(text: str) -> Tree:
    """Read :func:`tree_text`'s form back, every line checked; blank lines are ignored."""
    tree: Tree = {}
    seen_level2: set[str] = set()
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        where = f"第 {number} 行"
        level1, sep, rest = line.replace(":", "：").partition("：")
        level1 = level1.strip()
        level2s = [p.strip() for p in rest.replace(",", "、").replace("，", "、").replace("；", "、").split("、")]
        level2s = [p for p in level2s if p]
        if not sep or not level1 or not level2s:
            raise TreeError(f"{where}：请按“一级指标：二级指标、二级指标”填写")
        if level1 in tree:
            raise TreeError(f"{where}：一级指标“{level1}”重复")
        for name in (level1, *level2s):
            if len(name) > 20:
                raise TreeError(f"{where}：指标名称“{name}”超过 20 字")
        repeated = [p for p in level2s if p in seen_level2 or level2s.count(p) > 1]
        if repeated:
            raise TreeError(f"{where}：二级指标“{repeated[0]}”重复（每个二级指标只能属于一个一级指标）")
        seen_level2.update(level2s)
        tree[level1] = tuple(level2s)
    if not tree:
        raise TreeError("请至少填写一个一级指标及其二级指标")
    return tree


def save_tree(*, bureau_id: int, fiscal_year: int, user, preset: str = "", text: str = "") -> TargetTree:
    """Set the bureau's tree for a year: a preset by name, or the text of its own tree.

    Tables already approved keep their indicators; drafts are checked against the new tree when saved.
    """
    from portal.audit.operations import record

    if preset:
        if preset not in PRESETS:
            raise TreeError("未知的指标体系")
        basis, tree = PRESETS[preset]
    else:
        tree = parse_tree_text(text)
        basis = next((label for label, preset_tree in PRESETS.values() if preset_tree == tree), CUSTOM_BASIS)
    own = own_tree(fiscal_year, bureau_id)
    if own is None:
        own = TargetTree(bureau_id=bureau_id, fiscal_year=fiscal_year)
        db.session.add(own)
    own.basis, own.levels, own.updated_by_id = basis, [[k, list(v)] for k, v in tree.items()], user.id
    db.session.flush()
    record("target_tree_saved", user=user, target_type="target_tree", target_id=own.id, year=fiscal_year,
           basis=basis, tree=tree_text(tree))
    return own
