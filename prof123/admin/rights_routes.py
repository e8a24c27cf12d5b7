"""School-admin pages: rights (see the module's author for what lands here)."""
