import functools
from urllib.parse import urlencode

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import connection, models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Lower
from django.utils.text import slugify

from edi_portal.addresses import LowercaseEmailField
from edi_portal.fulltext import SearchableManager, search_document_field, search_index
from edi_portal.links import address_of_each
from edi_portal.uploads import RandomPdfName, validate_pdf

MARKDOWN_HELP = "Markdown: ## for a heading, - for a list, [text](https://...) for a link."


class Region(models.TextChoices):
    """Where in England a good-practice item comes from: the local offices that file items in the
    national EDI good-practice collection."""

    EAST_MIDLANDS = "east-midlands", "East Midlands"
    EAST_OF_ENGLAND = "east-of-england", "East of England"
    KENT_SURREY_SUSSEX = "kent-surrey-sussex", "Kent, Surrey and Sussex"
    LONDON = "london", "London"
    NORTH_EAST = "north-east", "North East"
    NORTH_WEST = "north-west", "North West"
    SOUTH_WEST = "south-west", "South West"
    THAMES_VALLEY = "thames-valley", "Thames Valley"
    WESSEX = "wessex", "Wessex"
    WEST_MIDLANDS = "west-midlands", "West Midlands"
    YORKSHIRE_HUMBER = "yorkshire-humber", "Yorkshire and the Humber"


REGION_LABELS = dict(Region.choices)


def in_choice_order(field, choices):
    """An expression that sorts rows by the order `choices` are declared in, not alphabetically."""
    return Case(
        *(When(**{field: value}, then=Value(index)) for index, value in enumerate(choices.values)),
        default=Value(len(choices.values)),
    )


# What site search reads, most important first (edi_portal.fulltext).
WORKSTREAM_SEARCH_FIELDS = ("name", "summary", "description", "how_to_get_involved")
PAGE_SEARCH_FIELDS = ("title", "summary", "body")


class Workstream(models.Model):
    """One of the network's workstreams (QI Delivery Group, Peer Support Network, ...)."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.CharField(
        max_length=200, help_text="One line, shown where applicants choose workstreams."
    )
    description = models.TextField(
        "what it does", blank=True, help_text=f"Shown on the workstream's page. {MARKDOWN_HELP}"
    )
    how_to_get_involved = models.TextField(blank=True, help_text=MARKDOWN_HELP)
    contact_email = LowercaseEmailField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(
        default=True, help_text="Inactive workstreams are hidden and cannot be chosen."
    )
    # WORKSTREAM_SEARCH_FIELDS; no search index, for a handful of rows.
    search_document = search_document_field()

    objects = SearchableManager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.address_of_each()(self.slug)

    @staticmethod
    def address_of_each():
        """(slug) -> a workstream's page's address, for a list of many: reversed once."""
        return address_of_each("workstreams:detail", "slug")

    @property
    def named_leads(self):
        """Leads whose post-holder admins have named (from the prefetched leads)."""
        return [lead for lead in self.leads.all() if lead.name]

    @property
    def join_url(self):
        """The application form (/join/, a stable address) with this workstream already chosen."""
        return f"/join/?{urlencode({'workstream': self.slug})}"


class WorkstreamLead(models.Model):
    """A person who leads (or co-leads) a workstream, shown on its page."""

    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="leads")
    name = models.CharField(
        max_length=120,
        blank=True,
        help_text="The current post-holder. Leave empty until known: the role is shown alone.",
    )
    role = models.CharField(max_length=120, default="Workstream lead")
    grade_and_specialty = models.CharField(
        max_length=160, blank=True, help_text='For example, "ST6 General Surgery".'
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "workstream lead"

    def __str__(self):
        return f"{self.label} ({self.workstream})"

    @property
    def label(self):
        return self.name or self.role


class Page(models.Model):
    """A content page written in admin: the about pages and the domestic abuse support pages."""

    class Section(models.TextChoices):
        ABOUT = "about", "About the network"
        DOMESTIC_ABUSE = "domestic-abuse", "Domestic abuse support"

    SECTION_PATHS = {Section.ABOUT: "/about/", Section.DOMESTIC_ABUSE: "/support/domestic-abuse/"}

    section = models.CharField(max_length=20, choices=Section)
    slug = models.SlugField(
        max_length=80,
        blank=True,
        help_text="Leave empty for the section's main page; otherwise the last part of the address.",
    )
    title = models.CharField(max_length=120)
    summary = models.CharField(
        max_length=250, blank=True, help_text="One or two sentences, shown in lists of pages."
    )
    body = models.TextField(help_text=MARKDOWN_HELP)
    order = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    search_document = search_document_field()  # PAGE_SEARCH_FIELDS; no index, for a few rows

    objects = SearchableManager()

    class Meta:
        ordering = ["section", "order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["section", "slug"], name="page_slug_unique_in_section")
        ]

    def __str__(self):
        return f"{self.get_section_display()}: {self.title}"

    def get_absolute_url(self):
        base = self.SECTION_PATHS[self.section]
        return f"{base}{self.slug}/" if self.slug else base


RESOURCE_SEARCH_FIELDS = ("title", "description")
GOOD_PRACTICE_SEARCH_FIELDS = (
    "title",
    "summary",
    "organisation",
    "what_was_done",
    "benefits",
    "lessons_learned",
)


class ResourceCategory(models.TextChoices):
    """Resource.Category: declared here so that the model's indexes can use it."""

    LEAD_EMPLOYER = "lead-employer", "Lead Employer"
    INTERNATIONAL_MEDICAL_GRADUATES = (
        "international-medical-graduates",
        "International Medical Graduates",
    )
    SURGERY = "surgery", "Surgery"
    EDI = "equality-diversity-inclusion", "Equality Diversity and Inclusion"
    RECIPROCAL_MENTORING = (
        "reciprocal-mentoring-pilot",
        "Reciprocal Mentoring Pilot Documents",
    )
    OTHER = "other", "Other Resources"
    HEALTHY_ENGLISH = "healthy-english", "Healthy English"


# The public list's order. An index of the same expressions (Meta.indexes) gives a page of the
# list without sorting every row.
RESOURCE_LIST_ORDER = (in_choice_order("category", ResourceCategory), F("title"), F("id"))


class Resource(models.Model):
    """A useful document (a PDF uploaded in admin) or a link to one elsewhere."""

    Category = ResourceCategory

    title = models.CharField(max_length=200)
    category = models.CharField(max_length=40, choices=Category)
    workstream = models.ForeignKey(
        Workstream,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
    )
    description = models.TextField(blank=True, max_length=1000)
    file = models.FileField(
        upload_to=RandomPdfName("resources"),
        validators=[validate_pdf],
        blank=True,
        help_text="A PDF. Give either a file or a link, not both.",
    )
    url = models.URLField(
        "link", max_length=500, blank=True, help_text="A page or document on another website."
    )
    is_published = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_document = search_document_field()  # RESOURCE_SEARCH_FIELDS

    objects = SearchableManager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="resource_is_a_file_or_a_link",
                violation_error_message="Give either a file or a link, not both.",
            )
        ]
        indexes = [
            models.Index(fields=["category", "title"], name="resource_category_title"),
            models.Index(
                *RESOURCE_LIST_ORDER, name="resource_list_order", condition=Q(is_published=True)
            ),
            # A workstream's page lists its first few resources by title.
            models.Index(
                fields=["workstream", "title"],
                name="resource_workstream_title",
                condition=Q(is_published=True),
            ),
            search_index(name="resource_search"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The document itself: the download view for a file, or the other website's address."""
        return self.address_of_each()(self.pk, self.file, self.url)

    @staticmethod
    def address_of_each():
        """(pk, file, url) -> get_absolute_url(), for a list of many: the download view's
        address reversed once."""
        download_address = address_of_each("workstreams:resource_download", "pk")
        return lambda pk, file, url: download_address(pk) if file else url

    @property
    def is_file(self):
        return bool(self.file)

    @property
    def download_name(self):
        return slugify(self.title) or "resource"


class GoodPracticeTheme(models.TextChoices):
    """GoodPractice.Theme: declared here so that the model's indexes can use it."""

    IMG_SUPPORT = "img-induction-support", "IMG induction and support"
    DIFFERENTIAL_ATTAINMENT = (
        "differential-attainment",
        "Differential attainment and fair training cultures",
    )
    GOVERNANCE = "governance-representation", "Governance and representation"
    FORUMS = "forums-support", "Forums and support"
    TRAINING = "training-development", "Training and development"


GOOD_PRACTICE_LIST_ORDER = (in_choice_order("theme", GoodPracticeTheme), F("title"), F("id"))


class GoodPractice(models.Model):
    """Something a trust or programme did well, written up so others can learn from it."""

    Theme = GoodPracticeTheme

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    theme = models.CharField(max_length=40, choices=Theme)
    region = models.CharField(max_length=40, choices=Region)
    second_region = models.CharField(
        max_length=40,
        choices=Region,
        blank=True,
        help_text="For an item two local offices submitted together (Thames Valley and Wessex).",
    )
    organisation = models.CharField(max_length=200, help_text="The trust, school or programme.")
    summary = models.CharField(max_length=250)
    # The collection lists some items by title only: their write-up is filled in when it arrives.
    what_was_done = models.TextField(blank=True, help_text=MARKDOWN_HELP)
    benefits = models.TextField(blank=True, help_text=MARKDOWN_HELP)
    lessons_learned = models.TextField(blank=True, help_text=MARKDOWN_HELP)
    contact_name = models.CharField(max_length=120)
    contact_email = LowercaseEmailField(blank=True)
    team_email = LowercaseEmailField(
        blank=True, help_text="A team's shared address, if the item gives one as well."
    )
    source = models.CharField(
        max_length=200, blank=True, help_text="Where the item was first published, for credit."
    )
    is_published = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_document = search_document_field()  # GOOD_PRACTICE_SEARCH_FIELDS

    objects = SearchableManager()

    class Meta:
        ordering = ["title"]
        verbose_name = "good-practice item"
        indexes = [
            models.Index(fields=["theme", "region"], name="goodpractice_theme_region"),
            models.Index(
                *GOOD_PRACTICE_LIST_ORDER,
                name="goodpractice_list_order",
                condition=Q(is_published=True),
            ),
            search_index(name="goodpractice_search"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.address_of_each()(self.slug)

    @staticmethod
    def address_of_each():
        """(slug) -> an item's page's address, for a list of many: reversed once."""
        return address_of_each("workstreams:good_practice_detail", "slug")

    @property
    def regions_display(self):
        """ "Thames Valley and Wessex": the region, and the second one if there is one."""
        # From a map: get_region_display() rebuilds the field's choices at each call.
        region = REGION_LABELS.get(self.region, self.region)
        if self.second_region:
            return f"{region} and {REGION_LABELS.get(self.second_region, self.second_region)}"
        return region


class Helpline(models.Model):
    """A domestic abuse helpline or local service, listed by area on the support page."""

    class Area(models.TextChoices):
        NATIONAL = "national", "National"
        GREATER_MANCHESTER = "greater-manchester", "Greater Manchester"
        CHESHIRE_MERSEYSIDE = "cheshire-merseyside", "Cheshire and Merseyside"
        LANCASHIRE_SOUTH_CUMBRIA = "lancashire-south-cumbria", "Lancashire and South Cumbria"

    name = models.CharField(max_length=160)
    area = models.CharField(max_length=30, choices=Area)
    phone = models.CharField(max_length=40, blank=True)
    hours = models.CharField(max_length=120, blank=True, help_text='For example, "24 hours".')
    description = models.CharField(max_length=300, blank=True)
    website = models.URLField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(website=""),
                name="helpline_has_phone_or_website",
                violation_error_message="Give a phone number or a website, or both.",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def phone_href(self):
        """tel: link target: digits only, so screen readers and phones get it right."""
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""


class SearchSynonym(models.Model):
    """Words and phrases that mean the same to the people who search the website."""

    terms = models.CharField(
        max_length=300,
        unique=True,
        help_text='Words or phrases that mean the same, separated by commas: for example "IMG, '
        'international medical graduate". A search using any of them finds pages that use any.',
    )

    class Meta:
        ordering = ["terms"]
        verbose_name = "search synonym"

    def __str__(self):
        return self.terms

    @staticmethod
    def terms_of(text):
        """The terms in lower case, longest phrase first (so it is tried before its parts)."""
        terms = {" ".join(term.lower().split()) for term in text.split(",")}
        return sorted((term for term in terms if term), key=lambda term: (-len(term.split()), term))

    @classmethod
    def term_lists(cls):
        """Every list's terms, the lists whose first phrase is longest first. One short query;
        the lists are worked out again only when the texts differ."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT terms FROM {connection.ops.quote_name(cls._meta.db_table)}")  # noqa: S608
            return cls._lists_of(tuple(sorted(text for (text,) in cursor.fetchall())))

    @classmethod
    @functools.lru_cache(maxsize=1)
    def _lists_of(cls, texts):
        lists = [tuple(cls.terms_of(text)) for text in texts]
        return tuple(sorted((terms for terms in lists if terms), key=lambda t: -len(t[0].split())))


BUILT_IN_PAGE_SEARCH_FIELDS = ("title", "summary", "body")


class BuiltInPage(models.Model):
    """A page of the website's own (a form, a list, guidance) as search reads it: its title,
    summary and the words on it. Written from code after every migrate (search.BUILT_IN_PAGES);
    never edited."""

    url = models.CharField(max_length=200, unique=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300)
    body = models.TextField()
    search_document = search_document_field()  # BUILT_IN_PAGE_SEARCH_FIELDS

    objects = SearchableManager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.url


class SearchWord(models.Model):
    """A word (its English stem) that public pages use, and on how many of them: search corrects
    a misspelt word to a similar one of these (trigram similarity) and counts a rare word for
    more than a common one. Rebuilt from the search sources by search.refresh_words()."""

    word = models.CharField(max_length=100, primary_key=True)
    documents = models.PositiveIntegerField()

    class Meta:
        # On lower(word), though words are lower case already, so that only the similarity
        # search (`lower(word) % ...`) uses it: looking a word up uses the primary key.
        indexes = [GinIndex(OpClass(Lower("word"), name="gin_trgm_ops"), name="searchword_trigram")]

    def __str__(self):
        return self.word


class SearchEntry(models.Model):
    """A row the public may see now, of one kind of search result, as search ranks it: its
    weighted vector and its place in the kind's order. Written by search.refresh_entries() from
    each source's queryset (what the public may see), so one index finds every kind's matches;
    a result is read from the kind's own table, through the same queryset, the first time it is
    shown (then kept: SearchShown)."""

    kind = models.CharField(max_length=100)  # search.kind_of(): the source's model and label
    key = models.BigIntegerField()  # its primary key
    document = SearchVectorField()
    position = models.PositiveIntegerField()  # 1 for the first row in the kind's order

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="search_entry_kind_key")
        ]
        indexes = [
            GinIndex(fields=["document"], name="search_entry_document"),
            models.Index(fields=["kind", "position"], name="search_entry_kind_position"),
        ]

    def __str__(self):
        return f"{self.kind} {self.key}"


class SearchShown(models.Model):
    """A search result as shown (title, summary, address), kept the first time a search shows
    it, read from its row through its kind's queryset. It goes with its entry: an entry written
    again has a new id, so a result is shown as its row is now."""

    entry = models.BigIntegerField(primary_key=True)  # SearchEntry.id, never reused
    title = models.TextField()
    summary = models.TextField()
    url = models.TextField()

    def __str__(self):
        return self.title


class SearchKind(models.Model):
    """When a kind's entries were last written: the digest of the query they were written
    from (it holds the time, for a kind that changes with it, like upcoming sessions)."""

    kind = models.CharField(max_length=100, primary_key=True)
    written_from = models.CharField(max_length=64)

    def __str__(self):
        return self.kind


class SearchChange(models.Model):
    """A statement changed a table that search entries are written from (a database trigger
    adds the row, in the statement's own transaction); the next search writes the entries of
    the kinds that read it again and removes the rows it saw."""

    table = models.CharField(max_length=100)

    def __str__(self):
        return self.table


class SearchRecord(models.Model):
    """How many times people searched with the same words on one day, how many of those
    searches found nothing and how many results were followed: counts and words only, for
    editors to see where search fails (SEARCH_RECORD_RETENTION_DAYS)."""

    day = models.DateField()
    words = models.CharField(max_length=60)
    searches = models.PositiveIntegerField(default=0)
    found_nothing = models.PositiveIntegerField(default=0)
    followed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "words"], name="search_record_day_words")
        ]

    def __str__(self):
        return f"{self.words} ({self.day})"
