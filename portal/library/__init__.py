"""共性项目绩效指标体系: the bureau's library of common indicators by sector and field, versioned per year."""
