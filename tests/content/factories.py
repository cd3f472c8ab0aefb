import factory

from workstreams.models import GoodPractice, Helpline, Page, Region, Resource

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    section = Page.Section.ABOUT
    slug = factory.Sequence(lambda n: f"page-{n}")
    title = factory.Sequence(lambda n: f"Page {n}")
    summary = "A page about the network."
    body = "Some text about the network."


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"Resource {n}")
    category = Resource.Category.EDI
    description = "A useful document."
    url = factory.Sequence(lambda n: f"https://example.org/resource-{n}")


class GoodPracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoodPractice

    title = factory.Sequence(lambda n: f"Good practice {n}")
    slug = factory.Sequence(lambda n: f"good-practice-{n}")
    theme = GoodPractice.Theme.FORUMS
    region = Region.NORTH_WEST
    organisation = "A teaching hospital"
    summary = "What a trust did well."
    what_was_done = "Something useful."
    benefits = "Trainees were happier."
    lessons_learned = "Start early."
    contact_name = "Dr A Person"


class HelplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Helpline

    name = factory.Sequence(lambda n: f"Helpline {n}")
    area = Helpline.Area.NATIONAL
    phone = "0800 000 0000"
