"""Execution that stays current: dated 到位数 / 执行数 records per funding source (issue 17)."""
