"""Performance targets (绩效目标): versioned indicator tables, frozen once approved."""
