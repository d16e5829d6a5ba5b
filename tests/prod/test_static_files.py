"""Production static files: collectstatic with DEBUG=0 succeeds, and pages link the hashed, long-cached copies."""

import json
import re

import pytest
from django.test import Client, override_settings

from .helpers import PRODUCTION_ENV, ROOT, manage

MANIFEST = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_every_source_map_a_shipped_file_names_is_shipped_too():
    """The manifest storage follows `sourceMappingURL` comments and fails on a missing map (leaflet.js did)."""
    missing = []
    for path in (ROOT / "static").rglob("*"):
        if path.suffix not in {".js", ".css"}:
            continue
        for name in re.findall(r"sourceMappingURL=([^\s*]+)", path.read_text(errors="replace")):
            if not name.startswith("data:") and not (path.parent / name).exists():
                missing.append(f"{path.relative_to(ROOT)} -> {name}")
    assert missing == []


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    static_root = tmp_path_factory.mktemp("static")
    result = manage("collectstatic", "--noinput", env={**PRODUCTION_ENV, "STATIC_ROOT": str(static_root)})
    assert result.returncode == 0, result.stderr[-2000:]
    return static_root


def test_collectstatic_succeeds_with_production_settings(collected):
    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    assert re.fullmatch(r"vendor/leaflet/leaflet\.[0-9a-f]{12}\.js", manifest["vendor/leaflet/leaflet.js"])
    assert (collected / manifest["peerhaven/css/site.css"]).exists()
    assert (collected / (manifest["peerhaven/css/site.css"] + ".gz")).exists()


@pytest.mark.django_db
def test_a_page_renders_with_hashed_static_urls_and_they_are_cached_for_long(collected):
    production = {
        "DEBUG": False,
        "STATIC_ROOT": collected,
        "WHITENOISE_USE_FINDERS": False,
        "WHITENOISE_AUTOREFRESH": False,
        "STORAGES": {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": MANIFEST},
        },
    }
    with override_settings(**production):
        client = Client()
        page = client.get("/")
        assert page.status_code == 200
        css = re.search(r'href="(/static/peerhaven/css/site\.[0-9a-f]{12}\.css)"', page.content.decode())
        assert css, "the page links the hashed stylesheet"
        static = client.get(css.group(1))
        assert static.status_code == 200
        assert "immutable" in static["Cache-Control"] and "max-age=315360000" in static["Cache-Control"]
