"""The plugin manager (built per app) and one typed wrapper per hook.

The rest of the core never touches ``pm.hook``: it calls the functions below, which
pass keyword arguments, flatten lists, drop ``None`` and sort by an explicit ``order``
(pluggy calls the last registered plugin first; menus must not depend on that).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

import pluggy
from flask import current_app

from portal import hookspecs

if TYPE_CHECKING:
    from flask import Flask

ENTRY_POINT_GROUP = "jixiao.plugins"
#: Plugins shipped in this distribution; a checkout that lost them must not run silently.
BUILTIN_PLUGINS = ("evaluator_grading", "rectification", "public_site")
EXTENSION_KEY = "jixiao_plugins"


class PluginError(RuntimeError):
    """A plugin is missing, misnamed or breaks the contract."""


def build_manager(disabled: set[str], trace: bool = False, core: object | None = None) -> pluggy.PluginManager:
    """Make the manager: specs, block disabled names, register ``core`` (the core's own hook
    implementations, handed in by the app factory so this module imports no domain module), load
    entry points, check impls."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for name in disabled:
        pm.set_blocked(name)
    if core is not None:
        pm.register(core, name="core")
    found = {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}
    missing = [name for name in BUILTIN_PLUGINS if name not in found and name not in disabled]
    if missing:
        raise PluginError(
            f"built-in plugins not installed: {', '.join(missing)} "
            "(run `pip install -e .` in the checkout, or disable them with JIXIAO_DISABLED_PLUGINS)")
    for name, ep in sorted(found.items()):
        if pm.is_blocked(name):
            continue
        module = ep.load()
        pm.register(module, name=name)
    pm.check_pending()
    if trace:
        pm.add_hookcall_monitoring(_trace_before, _trace_after)
    return pm


def _trace_before(hook_name: str, hook_impls: list, kwargs: dict) -> None:
    names = ", ".join(impl.plugin_name for impl in hook_impls)
    print(f"[jixiao hook] {hook_name}({', '.join(kwargs)}) -> {names}", file=sys.stderr)


def _trace_after(outcome, hook_name: str, hook_impls: list, kwargs: dict) -> None:
    result = outcome.get_result() if outcome.exception is None else outcome.exception
    print(f"[jixiao hook] {hook_name} returned {result!r:.200}", file=sys.stderr)


def manager(app: Flask | None = None) -> pluggy.PluginManager:
    """The plugin manager of ``app`` (default: the current app)."""
    return (app or current_app).extensions[EXTENSION_KEY]


def plugin_names(app: Flask | None = None) -> list[str]:
    """Names of the loaded plugins, without the core."""
    return sorted(name for name, plugin in manager(app).list_name_plugin()
                  if name != "core" and plugin is not None)


def is_enabled(name: str, app: Flask | None = None) -> bool:
    """Whether plugin ``name`` is loaded in this app."""
    return manager(app).has_plugin(name) and not manager(app).is_blocked(name)


def per_plugin(hook_name: str, flask_app: Flask, **kwargs: Any) -> list[tuple[str, Any]]:
    """Call a hook once per plugin, keeping who returned what (for the factory's checks)."""
    pm = manager(flask_app)
    results = []
    for impl in getattr(pm.hook, hook_name).get_hookimpls():
        others = [p for n, p in pm.list_name_plugin() if n != impl.plugin_name and p is not None]
        caller = pm.subset_hook_caller(hook_name, remove_plugins=others)
        for result in caller(**kwargs):
            results.append((impl.plugin_name, result))
    return results


def _flatten(results: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for result in results:
        if result is None:
            continue
        if isinstance(result, list | tuple):
            out.extend(x for x in result if x is not None)
        else:
            out.append(result)
    return out


def _sorted(items: list[Any]) -> list[Any]:
    return sorted(items, key=lambda item: (getattr(item, "order", 100), getattr(item, "title", "")
                                           or getattr(item, "label", "")))


# -- typed wrappers, one per hook -------------------------------------------------


def collect_template_dirs(app: Flask) -> list[str]:
    return _flatten(manager(app).hook.register_template_dirs())


def collect_commands(app: Flask):
    return _flatten(manager(app).hook.register_commands())


def nav_menu_items(user):
    return _sorted(_flatten(manager().hook.nav_menu_items(user=user)))


def dashboard_panels(user):
    return _sorted(_flatten(manager().hook.dashboard_panels(user=user)))


def project_sections(project, user):
    return _sorted(_flatten(manager().hook.project_sections(project=project, user=user)))


def submission_sections(submission, user):
    return _sorted(_flatten(manager().hook.submission_sections(submission=submission, user=user)))


def workspace_search(user, q: str) -> list:
    """The search box's result groups for ``user`` (core and plugins), in ``order``; empty groups dropped."""
    return [g for g in _sorted(_flatten(manager().hook.workspace_search(user=user, q=q))) if g.hits]


def visible_project_ids(user) -> list:
    return _flatten(manager().hook.visible_project_ids(user=user))


def visible_submission_ids(user) -> list:
    return _flatten(manager().hook.visible_submission_ids(user=user))


def transition_objections(submission, transition: str, user) -> list[str]:
    """Messages of every plugin that refuses this transition (empty: allowed)."""
    return _flatten(manager().hook.transition_guard(submission=submission, transition=transition,
                                                     user=user))


def may_read_attachments(owner_type: str, owner_id: int, user) -> bool:
    """Whether ``user`` may read files attached to that object; refused when no one answers."""
    answer = manager().hook.attachment_access_for_owner(owner_type=owner_type, owner_id=owner_id, user=user)
    return bool(answer)


def notify_submission_transition(submission, transition) -> None:
    manager().hook.on_submission_transition(submission=submission, transition=transition)


def notify_monitoring_flag(flag) -> None:
    manager().hook.on_monitoring_flag(flag=flag)


def finding_outcomes(finding_ids: list[int]) -> dict[int, str] | None:
    """Outcomes of findings in rectification, merged; ``None`` when no plugin tracks findings."""
    answers = [a for a in manager().hook.finding_outcomes(finding_ids=list(finding_ids)) if a is not None]
    if not answers:
        return None
    merged: dict[int, str] = {}
    for answer in answers:
        merged.update(answer)
    return merged


def publishers() -> dict[str, Any]:
    """Every publishable kind by its key; two plugins claiming one kind is an error."""
    out: dict[str, Any] = {}
    for publisher in _flatten(manager().hook.register_publishers()):
        if publisher.kind in out:
            raise PluginError(f"publishable kind {publisher.kind!r} registered twice")
        out[publisher.kind] = publisher
    return out


def known_person_names() -> list[str]:
    return sorted(set(_flatten(manager().hook.known_person_names())))


def recognizers() -> list:
    """The de-identification recognisers plugins add (``register_recognizers``)."""
    return [r for r in _flatten(manager().hook.register_recognizers()) if callable(r)]


def yearly_report_sections(bureau, year: int) -> list:
    """The yearly summary's sections of ``bureau`` for ``year`` (core and plugins), in ``order``."""
    return _sorted(_flatten(manager().hook.yearly_report_sections(bureau=bureau, year=year)))


def load_demo_data(app: Flask) -> None:
    manager(app).hook.load_demo_data(app=app)


def notify_truthfulness_veto(check) -> None:
    manager().hook.on_truthfulness_veto(check=check)


def open_rectification_counts(project_ids) -> dict[int, int] | None:
    """Open rectification items per project, added up over plugins; ``None`` when no plugin tracks them."""
    answers = [a for a in manager().hook.open_rectification_counts(project_ids=list(project_ids)) if a is not None]
    if not answers:
        return None
    merged: dict[int, int] = {}
    for answer in answers:
        for key, count in answer.items():
            merged[key] = merged.get(key, 0) + count
    return merged
