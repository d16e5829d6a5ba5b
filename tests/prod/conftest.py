"""tests/prod: production settings and files (default suite), and `make prod-smoke` (marked `prodsmoke`)."""

import os


def pytest_collection_modifyitems(config, items):
    """The smoke starts a whole production stack: only `make prod-smoke` (PROD_SMOKE=1) runs it."""
    if os.environ.get("PROD_SMOKE") == "1":
        return
    smoke = [item for item in items if item.get_closest_marker("prodsmoke")]
    if smoke:
        config.hook.pytest_deselected(items=smoke)
        items[:] = [item for item in items if not item.get_closest_marker("prodsmoke")]
