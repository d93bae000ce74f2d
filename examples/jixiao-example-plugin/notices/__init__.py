"""通知公告: the example plugin of Jixiao's plugin tutorial (docs/plugins.md)."""
