"""The per-role dashboard: panels contributed by the core and plugins."""
