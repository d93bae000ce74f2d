"""部门整体支出: a unit's profile and yearly department-wide budget, and its evaluable object."""
