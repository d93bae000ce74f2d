"""The public disclosure site (信息公开): what citizens see, itself a plugin."""
