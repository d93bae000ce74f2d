"""Results of the evaluation cycle: grade caps (审计/财会监督 findings, failed monitoring), truthfulness checks
(真实性核查) and the results-use list (全覆盖绩效管理结果应用清单)."""
