"""gunicorn's settings for `docker/start web`, read from the same environment as the portal.

PORT and WEB_CONCURRENCY are gunicorn's own variables; the command line overrides either.
"""

import os

import environ

env = environ.Env()

bind = [f"0.0.0.0:{env.int('PORT', default=8000)}"]
workers = env.int("WEB_CONCURRENCY", default=3)
# Behind a load balancer (DJANGO_BEHIND_PROXY=true) the only way in is through it, and its
# address changes, so gunicorn trusts X-Forwarded-Proto from any address, as Django does through
# SECURE_PROXY_SSL_HEADER; FORWARDED_ALLOW_IPS may narrow that to the balancer's addresses. The
# client's own address behind the proxies is the portal's business (see docs/deploy.md).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or (
    "*" if env.bool("DJANGO_BEHIND_PROXY", default=False) else "127.0.0.1,::1"
)
# The portal logs each request itself, as one JSON line (edi_portal.observability).
accesslog = None
errorlog = "-"
# Workers' heartbeat files in memory: a container's /tmp may be on a slow overlay disk.
worker_tmp_dir = "/dev/shm"  # noqa: S108 (gunicorn reads and writes only its own files)
