from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Django rewrites ES module imports to hashed names in *.js files only; the portal's own modules
# are *.mjs, so without this the NHS.UK bundle they import keeps its unhashed name (and a short
# cache lifetime) while every other static file is hashed and cached for good.
_MODULE_IMPORT_PATTERNS = ManifestStaticFilesStorage._js_module_import_aggregation_patterns[1]


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed manifest storage, also rewriting ES module imports to hashed names."""

    support_js_module_import_aggregation = True
    patterns = (*CompressedManifestStaticFilesStorage.patterns, ("*.mjs", _MODULE_IMPORT_PATTERNS))
