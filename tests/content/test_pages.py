"""Seeded about, workstream and support pages render; admin edits show on the site; Markdown is
sanitised."""

import pytest
from django.utils.html import escape

from edi_portal.markdown import render_markdown
from tests.factories import StaffFactory, WorkstreamFactory
from workstreams import seed
from workstreams.models import Page, Resource, Workstream

from .factories import PageFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def test_every_seeded_about_page_renders_its_text(client, seeded):
    for page in seed.ABOUT_PAGES:
        path = f"/about/{page['slug']}/" if page["slug"] else "/about/"
        response = client.get(path)
        assert response.status_code == 200
        html = response.content.decode()
        assert f"<h1>{page['title']}</h1>" in html
        assert html.count("<h1") == 1
    about = client.get("/about/").content.decode()
    for value in ["Diversity", "Belonging", "Achievement", "Innovation", "Future generations"]:
        assert value in client.get("/about/vision-mission-values/").content.decode()
    for text in ["Strategic Oversight Group", "Allyship Consultant Network"]:
        assert text in client.get("/about/structure/").content.decode()
    for text in ["Associate Dean for EDI", "Regional Clinical Leadership Fellow"]:
        assert text in client.get("/about/roles/").content.decode()
    # The main page links to each sub-page.
    for path in ["/about/vision-mission-values/", "/about/structure/", "/about/roles/"]:
        assert f'href="{path}"' in about
    # Each sub-page leads to the others.
    structure = client.get("/about/structure/").content.decode()
    assert 'href="/about/roles/"' in structure and 'href="/about/structure/"' not in structure


def test_every_seeded_workstream_page_shows_what_it_does_leads_and_how_to_join(client, seeded):
    response = client.get("/workstreams/")
    assert response.status_code == 200
    for item in seed.WORKSTREAMS:
        assert item["name"] in response.content.decode()
        page = client.get(f"/workstreams/{item['slug']}/")
        assert page.status_code == 200
        html = page.content.decode()
        assert item["name"] in html
        for role, _description in item["leads"]:
            assert escape(role) in html
        assert item["description"].split()[0] in html
        assert f'href="/join/?workstream={item["slug"]}"' in html


def test_the_content_is_the_networks_own_words(client, seeded):
    vision = client.get("/about/vision-mission-values/").content.decode()
    for text in [
        "valued for their whole selves",
        "a sense of belonging",
        "structural bias and discrimination",
        "educate the PGMDE Team",
        "becoming an\nanti-racist organisation",
        "remove any barriers to full",
        "leadership opportunities are available",
        "We will collect data",
        "health inequity",
        "HEE (North West) Equality, Diversity and Inclusion Strategy 2020-23",
    ]:
        assert " ".join(text.split()) in " ".join(vision.split()), text
    assert vision.count("<li>") >= 7 + 5  # the seven mission points and the five values
    structure = client.get("/about/structure/").content.decode()
    assert "Allyship Consultant Network" in structure
    roles = " ".join(client.get("/about/roles/").content.decode().split())
    assert "anti-racism strategy for training settings" in roles
    content = " ".join(client.get("/workstreams/content-creation/").content.decode().split())
    assert "module on EDI in Clinical Education at Edge Hill University" in content
    img = client.get("/workstreams/international-medical-graduate-support/").content.decode()
    img = " ".join(img.split())
    for text in ["induction pack", "Enhanced Induction Course", "mentoring schemes"]:
        assert text in img
    assert (
        Resource.objects.get(category=Resource.Category.HEALTHY_ENGLISH).url
        == "https://consultationskills.com/"
    )


def test_leads_are_role_titles_until_admins_name_the_post_holder(client, seeded):
    workstream = Workstream.objects.get(slug="qi-delivery-group")
    assert not workstream.leads.exclude(name="").exists()
    assert "Led by" not in client.get("/workstreams/").content.decode()
    workstream.leads.filter(role="Co-lead: trainee").update(name="Dr Named Lead")
    assert "Dr Named Lead" in client.get(workstream.get_absolute_url()).content.decode()
    assert "Led by Dr Named Lead" in client.get("/workstreams/").content.decode()


def test_workstream_page_lists_its_resources(client):
    workstream = WorkstreamFactory()
    ResourceFactory(title="Inclusive rota guide", workstream=workstream)
    ResourceFactory(title="Unpublished draft", workstream=workstream, is_published=False)
    html = client.get(workstream.get_absolute_url()).content.decode()
    assert "Inclusive rota guide" in html
    assert "Unpublished draft" not in html


def test_inactive_and_unknown_workstreams_are_not_found(client):
    hidden = WorkstreamFactory(is_active=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get("/workstreams/no-such-workstream/").status_code == 404
    assert client.get("/about/no-such-page/").status_code == 404


def test_about_page_answers_before_any_content_is_written(client):
    response = client.get("/about/")
    assert response.status_code == 200
    assert "<h1>About the network</h1>" in response.content.decode()


def test_editing_a_page_in_admin_changes_the_site(client, seeded, admin_without_two_factor):
    admin = StaffFactory(is_superuser=True)
    client.force_login(admin)
    page = Page.objects.get(section=Page.Section.ABOUT, slug="structure")
    response = client.post(
        f"/admin/workstreams/page/{page.pk}/change/",
        {
            "section": page.section,
            "title": "How we are organised",
            "slug": "structure",
            "summary": page.summary,
            "body": "## Steering\n\nThe network's new steering arrangements.",
            "order": 2,
        },
    )
    assert response.status_code == 302
    html = client.get("/about/structure/").content.decode()
    assert "<h1>How we are organised</h1>" in html
    assert "new steering arrangements" in html
    assert "<h2>Steering</h2>" in html


def test_editing_a_workstream_in_admin_changes_its_page(client, admin_without_two_factor):
    admin = StaffFactory(is_superuser=True)
    client.force_login(admin)
    workstream = WorkstreamFactory(name="Content Creation", slug="content-creation")
    response = client.post(
        f"/admin/workstreams/workstream/{workstream.pk}/change/",
        {
            "name": "Content Creation",
            "slug": "content-creation",
            "summary": "Write the network's newsletter.",
            "description": "We now record a **monthly podcast**.",
            "how_to_get_involved": "Email us.",
            "contact_email": "",
            "order": 1,
            "is_active": "on",
            "leads-TOTAL_FORMS": "1",
            "leads-INITIAL_FORMS": "0",
            "leads-0-name": "Dr Jo Bloggs",
            "leads-0-role": "Workstream lead",
            "leads-0-grade_and_specialty": "FY2",
            "leads-0-order": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get("/workstreams/content-creation/").content.decode()
    assert "<strong>monthly podcast</strong>" in html
    assert "Dr Jo Bloggs" in html
    assert Workstream.objects.get().leads.count() == 1


HOSTILE_MARKDOWN = """Hello <script>alert("page")</script> there.

<img src="x" onerror="alert('img')"> <a href="/" onclick="steal()">link</a>

<div onmouseover="alert('div')">hover</div> [bad](javascript:alert('js'))

<iframe src="https://evil.example"></iframe><style>body{display:none}</style>
"""


def test_render_markdown_removes_script_and_event_handlers():
    html = render_markdown(HOSTILE_MARKDOWN)
    for forbidden in ["<script", "alert(", "onerror", "onclick", "onmouseover", "javascript:"]:
        assert forbidden not in html
    assert "<iframe" not in html and "<style" not in html
    assert "Hello" in html and "there." in html
    assert 'rel="noopener noreferrer"' in html


def test_script_written_into_a_page_never_reaches_the_site(client):
    PageFactory(slug="hostile", title="Hostile", body=HOSTILE_MARKDOWN)
    WorkstreamFactory(slug="hostile-workstream", description=HOSTILE_MARKDOWN)
    for path in ["/about/hostile/", "/workstreams/hostile-workstream/"]:
        html = client.get(path).content.decode()
        main = html[html.index("<main") : html.index("</main>")]
        for forbidden in ["<script", "onerror", "onclick", "onmouseover", "javascript:"]:
            assert forbidden not in main, (path, forbidden)


def test_home_page_lists_the_workstreams_from_the_database(client, seeded):
    Workstream.objects.filter(slug="content-creation").update(name="Comms and Content")
    html = client.get("/").content.decode()
    assert 'href="/workstreams/content-creation/"' in html
    assert "Comms and Content" in html
    assert 'href="/concerns/"' in html and 'href="/support/domestic-abuse/"' in html


def test_privacy_notice_says_who_reads_concerns_and_for_how_long(client, settings):
    settings.CONCERN_RETENTION_DAYS = 400
    html = " ".join(client.get("/privacy/").content.decode().split())
    assert '<h3 id="raising-a-concern">Raising a concern</h3>' in html
    assert "Only the few staff given the permission to read concerns" in html
    assert "400 days after it was raised" in html


def test_rendered_markdown_is_kept_by_its_text_so_an_edit_shows_at_once():
    from edi_portal.markdown import _rendered

    text = "## Induction\n\nA *welcome* week."
    first = render_markdown(text)
    hits = _rendered.cache_info().hits
    assert render_markdown(text) == first
    assert _rendered.cache_info().hits == hits + 1
    assert "<h2>Induction, revised</h2>" in render_markdown("## Induction, revised")
