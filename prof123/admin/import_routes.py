"""School-admin pages: import (see the module's author for what lands here)."""
