"""Stop `make test` at once, with the fix, when PostgreSQL or Redis does not answer."""

import os
import sys

import environ
import psycopg
import redis

env = environ.Env()
problems = []

database = env.db("DATABASE_URL")
try:
    psycopg.connect(
        host=database["HOST"] or "127.0.0.1",
        port=database["PORT"] or 5432,
        user=database["USER"],
        password=database["PASSWORD"] or None,
        dbname="postgres",
        connect_timeout=3,
    ).close()
except psycopg.Error as error:
    problems.append(
        f"PostgreSQL is not answering ({error}).\n"
        "  Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
    )

broker = os.environ["CELERY_BROKER_URL"]
try:
    redis.Redis.from_url(broker, socket_connect_timeout=3).ping()
except redis.RedisError as error:
    problems.append(
        f"Redis is not answering at {broker} ({error}).\n"
        '  Start it with: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" '
        "--appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log"
    )

if problems:
    print("make test needs PostgreSQL and Redis.\n" + "\n".join(problems), file=sys.stderr)
    sys.exit(1)
