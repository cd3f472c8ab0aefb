"""The README's configuration table names every environment variable that the settings read."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def variables_read_by_settings():
    """Names passed to env(...), env.bool/int/list/db/email_url(...), os.environ/getenv."""
    tree = ast.parse((ROOT / "edi_portal" / "settings.py").read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and _reads_environment(node.func):
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                names.add(first.value)
        elif (
            isinstance(node, ast.Subscript)
            and ast.unparse(node.value) == "os.environ"
            and isinstance(node.slice, ast.Constant)
        ):
            names.add(node.slice.value)
    return names


def _reads_environment(func):
    called = ast.unparse(func)
    return (
        called == "env"
        or (isinstance(func, ast.Attribute) and ast.unparse(func.value) == "env")
        or called in {"os.environ.get", "os.getenv"}
    )


def configuration_table():
    """The first-column names of the table under the README's "## Configuration" heading."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    return {
        match.group(1)
        for match in re.finditer(r"^\| `([A-Z0-9_]+)` \|", section, flags=re.MULTILINE)
    }


def test_settings_read_the_variables_we_expect():
    # Guards the parser itself: these are read in several different ways.
    assert {
        "DJANGO_DEBUG",
        "DJANGO_SECRET_KEY",
        "DJANGO_ALLOWED_HOSTS",
        "DATABASE_URL",
        "EMAIL_URL",
        "DATABASE_CONN_MAX_AGE",
    } <= variables_read_by_settings()


def test_readme_lists_every_variable_the_settings_read():
    missing = variables_read_by_settings() - configuration_table()
    assert not missing, f"Add a row to the README's configuration table for: {sorted(missing)}"


def test_readme_lists_no_variable_the_settings_do_not_read():
    stale = configuration_table() - variables_read_by_settings()
    assert not stale, f"The README's configuration table lists unused variables: {sorted(stale)}"
