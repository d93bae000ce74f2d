"""Built-in plugins shipped with Jixiao; each arrives through the ``jixiao.plugins`` entry points."""
