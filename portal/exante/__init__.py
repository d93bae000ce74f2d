"""事前绩效评估 (ex-ante assessment) of proposed projects — seed 004 §二.1, seed 001 §(三)."""
