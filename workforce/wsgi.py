"""WSGI entry point for gunicorn: `gunicorn workforce.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workforce.settings")
application = get_wsgi_application()
