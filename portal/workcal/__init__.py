"""工作日历, due items, 全覆盖 and 站内消息: the year's dates per bureau and who is late or missing what."""
