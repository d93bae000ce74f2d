"""The yearly summary (年度全面实施预算绩效管理总结报告): its data part as a DOCX, sections from hooks."""
