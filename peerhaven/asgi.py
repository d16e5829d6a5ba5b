"""ASGI entry point: WebSockets through Channels, HTTP through the WSGI handler in a thread pool.

Django's own ASGI handler starts a thread per request and cost about 16 times the WSGI handler per request
on this project's machines (bench/http_handlers.py measures it again). So plain HTTP that reaches this
application is handed to the WSGI handler through a2wsgi's fixed thread pool, and only WebSockets use the
asynchronous stack. In production the pages are best served by WSGI workers and only /ws/ routed here.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerhaven.settings")
# Sets up Django (apps, settings) before the routing imports consumers and models.
django_asgi_app = get_asgi_application()

from a2wsgi import WSGIMiddleware  # noqa: E402
from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

from peerhaven.routing import websocket_urlpatterns  # noqa: E402

http_app = (
    django_asgi_app
    if os.environ.get("PEERHAVEN_ASGI_HTTP") == "django"
    # Django's WSGIHandler is a WSGI app; django-stubs types its result as the response, not an iterable.
    else WSGIMiddleware(get_wsgi_application(), workers=int(os.environ.get("PEERHAVEN_HTTP_THREADS", "8")))  # type: ignore[arg-type]
)

application = ProtocolTypeRouter(
    {
        "http": http_app,
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)
