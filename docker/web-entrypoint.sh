#!/bin/sh
# The web container brings the database up to date before it serves: migrations, then the
# database cache table (sessions and rate-limit counters). Static files are collected into the
# image when it is built. Then it runs the command it was given (gunicorn).
set -e
python manage.py migrate --noinput
python manage.py createcachetable
exec "$@"
