from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed manifest storage, also rewriting ES module imports to hashed names."""

    support_js_module_import_aggregation = True
