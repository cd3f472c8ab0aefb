# One image for the portal's processes: web, worker, beat and the one-off migrate job, each
# started by docker/start (see docker-compose.yml and docs/deploy.md).

# Stage 1: NHS.UK frontend's CSS and JS, built from the npm package.
FROM node:22-slim AS frontend
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY scss/ scss/
COPY scripts/build-frontend.mjs scripts/
RUN node scripts/build-frontend.mjs

# Stage 2: the Django project.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
# Pango and HarfBuzz lay out the training record's PDF (WeasyPrint); Liberation is its typeface.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --user-group --home-dir /app portal

# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml ./
RUN pip install .

COPY . .
COPY --from=frontend /build/static/build/ static/build/
# Django's staticfiles serves NHS.UK frontend's icons and favicons from the npm package.
COPY --from=frontend /build/node_modules/nhsuk-frontend/dist/nhsuk/assets/ node_modules/nhsuk-frontend/dist/nhsuk/assets/
# The secret here only lets settings load for collectstatic; it is not in the final environment.
RUN DJANGO_SECRET_KEY=collectstatic-build-only python manage.py collectstatic --noinput \
    && mkdir -p var/media \
    && chown -R portal:portal var

USER 10001:10001
EXPOSE 8000
ENTRYPOINT ["/app/docker/start"]
CMD ["web"]
