"""Projects (项目): evaluable objects with funding by source, entered by form or imported in bulk."""
