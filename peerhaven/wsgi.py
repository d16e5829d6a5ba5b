"""WSGI entry point: serves every page and API call (see README, "Serving in production")."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerhaven.settings")

application = get_wsgi_application()
