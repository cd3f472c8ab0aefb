"""Where static files and uploads are kept."""

from boto3.exceptions import S3UploadFailedError
from botocore.exceptions import BotoCoreError, ClientError
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Django rewrites ES module imports to hashed names in *.js files only; the portal's own modules
# are *.mjs, so without this the NHS.UK bundle they import keeps its unhashed name (and a short
# cache lifetime) while every other static file is hashed and cached for good.
_MODULE_IMPORT_PATTERNS = ManifestStaticFilesStorage._js_module_import_aggregation_patterns[1]


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed manifest storage, also rewriting ES module imports to hashed names."""

    support_js_module_import_aggregation = True
    patterns = (*CompressedManifestStaticFilesStorage.patterns, ("*.mjs", _MODULE_IMPORT_PATTERNS))


class FileStoreUnavailable(Exception):
    """The uploads' store could not be reached, or would not take the file: nothing was stored.

    One exception whatever the store, which a form view answers by giving the form back
    (edi_portal.uploads.StoreFailureFormMixin)."""


class ReportsUnavailableStore:
    """For the uploads' storage classes: saving raises FileStoreUnavailable when the store fails
    with one of `unavailable_errors`."""

    unavailable_errors = ()

    def save(self, name, content, max_length=None):
        try:
            return super().save(name, content, max_length=max_length)
        except self.unavailable_errors as error:
            raise FileStoreUnavailable(f"{type(error).__name__}: {error}") from error


class UploadsFileSystemStorage(ReportsUnavailableStore, FileSystemStorage):
    """Uploads on the local disk (one web node, the local demo)."""

    unavailable_errors = (OSError,)


class UploadsS3Storage(ReportsUnavailableStore, S3Storage):
    """Uploads in an S3-compatible bucket (several web nodes)."""

    # No answer (botocore's connection errors and timeouts), an error answer, or an upload that
    # failed part-way (boto3's transfer manager).
    unavailable_errors = (BotoCoreError, ClientError, S3UploadFailedError)
