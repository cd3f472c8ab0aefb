"""Demo content for workstreams and content: the network's own about text, the seven workstreams
and their leads, resources in each category, good practice, and domestic abuse helplines.

Leads and contacts are invented. Safe to run again (update_or_create on natural keys).
"""

from django.core.files.base import ContentFile

from .models import GoodPractice, Helpline, Page, Region, Resource, Workstream, WorkstreamLead

ABOUT_PAGES = [
    {
        "slug": "",
        "title": "About the network",
        "summary": "A network of postgraduate doctors, dentists and public health trainees "
        "working together for fairer, more inclusive training across the North West.",
        "body": """The North West EDI Allyship Network brings together trainees who want to make
postgraduate training fairer for everyone. We work alongside NHS England's North West local
office, employers and educators.

Allyship means using your voice and position to support colleagues who face discrimination or
disadvantage, whether or not you share their experience.

## What we do

- run quality improvement projects on equality, diversity and inclusion
- offer peer support from trainees who have been through something similar
- deliver Active Bystander training for trainees and educators
- support international medical graduates as they start work in the NHS
- signpost colleagues experiencing domestic abuse to safe, confidential help
""",
    },
    {
        "slug": "vision-mission-values",
        "title": "Our vision, mission and values",
        "summary": "What we want postgraduate training to be like, and the values we work by.",
        "body": """## Our vision

Every trainee in the North West learns and works in an environment where they feel they
belong, are treated fairly and can reach their potential.

## Our mission

To build a network of trainee allies who challenge discrimination, support one another and
work with the local office and employers to improve the training experience for all.

## Our values

- **Diversity**: we value the different backgrounds, experiences and perspectives of every trainee.
- **Belonging**: we create spaces where everyone feels welcome, heard and included.
- **Achievement**: we work to close gaps in attainment so that every trainee can succeed.
- **Innovation**: we try new ideas, measure what works and share what we learn.
- **Future generations**: we want the changes we make to last for the trainees who come after us.
""",
        "order": 1,
    },
    {
        "slug": "structure",
        "title": "How the network is organised",
        "summary": "The Strategic Oversight Group, the Allyship Network and the Allyship "
        "Consultant Network.",
        "body": """## Strategic Oversight Group

A small group of trainees, the Associate Dean for EDI and the Regional Clinical Leadership
Fellow. It sets the network's priorities each year, oversees the workstreams and reports to
the local office's EDI board. Members of the network can apply to join it when they apply
to join the network.

## Allyship Network

Every trainee who joins the network for the academic year. Members choose one or more
workstreams and take part in projects, training and events.

## Allyship Consultant Network

Consultants, educational supervisors and training programme directors who support the
network's aims. They sponsor projects, help trainees raise concerns and model inclusive
behaviour in their departments.
""",
        "order": 2,
    },
    {
        "slug": "roles",
        "title": "Roles in the network",
        "summary": "The Associate Dean for EDI, the Regional Clinical Leadership Fellow and "
        "the workstream leads.",
        "body": """## Associate Dean for EDI

Leads equality, diversity and inclusion work for postgraduate training at the local office,
chairs the Strategic Oversight Group and makes sure the network's findings reach decision
makers.

## Regional Clinical Leadership Fellow

A trainee on a leadership fellowship year who coordinates the network day to day: the annual
intake, the workstream leads' meetings, the QI conference and the network's communications.

## Workstream leads

Trainees who lead each workstream for the year. They plan the workstream's activities,
support its members and report progress to the Strategic Oversight Group.
""",
        "order": 3,
    },
]

DOMESTIC_ABUSE_PAGES = [
    {
        "slug": "",
        "title": "Support for people experiencing domestic abuse",
        "summary": "Domestic abuse can happen to anyone, including doctors, dentists and "
        "public health professionals. You are not alone and help is available.",
        "body": """Domestic abuse is not only physical violence. It includes controlling or
coercive behaviour, emotional, psychological, sexual and economic abuse, and it can happen in
any relationship.

Our workstream raises awareness among trainees and educators, and points colleagues to safe,
confidential support. We do not provide a crisis service.

If you are in immediate danger, call 999.

## Talking to someone at work

You can speak in confidence to your educational supervisor, your training programme director,
your employer's occupational health service or the Professional Support and Wellbeing service.
Your employer's domestic abuse policy describes the support you can ask for, such as time off,
changes to your rota or a change of work location.
""",
    },
    {
        "slug": "browsing-safely",
        "title": "Browsing safely",
        "summary": "How to cover your tracks online and leave this website quickly.",
        "body": """If you are worried that someone may check what you look at online:

- use a private or incognito browser window, which does not keep your history
- use a device the person does not have access to, such as a computer at work or a library
- delete this website from your browser history if you cannot use a private window
- remember that some devices and accounts sync history between them

## Leaving this website quickly

Select **Exit this page** at the top of the page to leave straight away for a neutral
website. With JavaScript turned on, you can also press the **Shift** key 3 times.
""",
        "order": 1,
    },
]

WORKSTREAMS = [
    {
        "name": "QI Delivery Group",
        "slug": "qi-delivery-group",
        "summary": "Plan, run and share quality improvement projects on equality, diversity "
        "and inclusion.",
        "description": """The QI Delivery Group supports trainees to plan and run quality
improvement projects that tackle inequality in training, from fairer rota allocation to
inclusive teaching.

We offer QI coaching, help with measuring change, and a place to share results at the annual
North West EDI QI conference.""",
        "how_to_get_involved": """Join the group when you apply to join the network. You can
bring your own project idea or join an existing project team. We meet online once a month.""",
        "leads": [("Dr Priya Raman", "Workstream lead", "ST5 Anaesthetics")],
    },
    {
        "name": "Peer Support Network",
        "slug": "peer-support-network",
        "summary": "Offer informal, confidential support to trainees facing similar experiences.",
        "description": """The Peer Support Network matches trainees who want to talk with
volunteers who have lived experience of similar situations, such as racism, disability,
returning to training or being an international graduate.

Peer supporters listen and signpost; they do not replace professional or urgent help.""",
        "how_to_get_involved": """Volunteer as a peer supporter once you are a member: you
will complete a short training session before your profile is listed.""",
        "leads": [
            ("Dr Tom Okafor", "Workstream lead", "CT2 Psychiatry"),
            ("Dr Hannah Whitworth", "Co-lead", "GP Specialty Trainee (ST3)"),
        ],
    },
    {
        "name": "Educator Development Group",
        "slug": "educator-development-group",
        "summary": "Help supervisors and educators build inclusive learning environments.",
        "description": """We work with educational and clinical supervisors to build inclusive
learning environments: workshops on feedback and bias, case studies of good practice, and the
Allyship Consultant Network.""",
        "how_to_get_involved": """Trainees can help design and co-deliver workshops. Educators
can book a workshop for their department through the training pages.""",
        "leads": [("Dr Samuel Adeyemi", "Workstream lead", "ST7 Respiratory Medicine")],
    },
    {
        "name": "Active Bystander Training",
        "slug": "active-bystander-training",
        "summary": "Deliver training that gives staff the confidence to speak up.",
        "description": """Active Bystander Training gives trainees and educators practical ways
to step in safely when they see bullying, harassment or discrimination. Sessions are
interactive and run across the North West, in person and online.

We also run the Step Forward train-the-trainer programme so trusts can deliver the training
themselves.""",
        "how_to_get_involved": """Book a place on a session, or join the workstream to train
as a facilitator.""",
        "leads": [("Dr Aisha Malik", "Workstream lead", "ST4 Emergency Medicine")],
    },
    {
        "name": "Content Creation",
        "slug": "content-creation",
        "summary": "Write and curate the network's resources, newsletters and website content.",
        "description": """The Content Creation workstream writes the network's newsletter,
curates the resources library and keeps this website up to date. We also produce short
podcasts with trainees and educators about their experiences.""",
        "how_to_get_involved": """No experience needed: if you like writing, design, audio or
social media, join the workstream and choose what you would like to work on.""",
        "leads": [("Dr Chloe Brennan", "Workstream lead", "FY2")],
    },
    {
        "name": "International Medical Graduate Support",
        "slug": "international-medical-graduate-support",
        "summary": "Welcome and support doctors and dentists who qualified outside the UK.",
        "description": """We help international medical graduates settle into training and work
in the NHS: induction buddies, a welcome event each intake, and guidance on the things that are
rarely explained, from payslips to the portfolio.

We also run Healthy English sessions on communication in clinical settings.""",
        "how_to_get_involved": """International graduates can ask for a buddy at any time.
Members who qualified in the UK or abroad can volunteer as buddies or help run events.""",
        "leads": [
            ("Dr Mohammed Farooq", "Workstream lead", "ST3 General Surgery"),
            ("Dr Ngozi Eze", "Co-lead", "ST2 Paediatrics"),
        ],
    },
    {
        "name": "Support for People Experiencing Domestic Abuse and Violence",
        "slug": "domestic-abuse-support",
        "summary": "Raise awareness and signpost trainees to safe, confidential help.",
        "description": """We raise awareness of domestic abuse among trainees and educators, help
employers make their policies known, and signpost colleagues to safe, confidential help.

See our [domestic abuse support page](/support/domestic-abuse/) for helplines and advice.""",
        "how_to_get_involved": """Join the workstream to help with awareness campaigns and
teaching sessions. You do not need to share any personal experience.""",
        "leads": [("Dr Rebecca Lawson", "Workstream lead", "ST6 Obstetrics and Gynaecology")],
    },
]

RESOURCES = [
    (
        Resource.Category.LEAD_EMPLOYER,
        "Lead Employer: information for trainees",
        "Contracts, pay, leave and HR support for trainees employed by the Lead Employer.",
        "https://www.sthk.nhs.uk/lead-employer",
        None,
    ),
    (
        Resource.Category.LEAD_EMPLOYER,
        "Lead Employer dignity at work policy",
        "How to raise concerns about bullying and harassment with the Lead Employer.",
        "https://www.sthk.nhs.uk/lead-employer/policies",
        None,
    ),
    (
        Resource.Category.INTERNATIONAL_MEDICAL_GRADUATES,
        "GMC Welcome to UK practice",
        "A free workshop on ethical practice in the UK for doctors new to the NHS.",
        "https://www.gmc-uk.org/about/what-we-do-and-why/learning-and-support/"
        "workshops-for-doctors/welcome-to-uk-practice",
        "international-medical-graduate-support",
    ),
    (
        Resource.Category.INTERNATIONAL_MEDICAL_GRADUATES,
        "IMG induction checklist for supervisors",
        "A checklist for supervisors welcoming an international medical graduate to the team.",
        None,
        "international-medical-graduate-support",
    ),
    (
        Resource.Category.SURGERY,
        "Women in surgery",
        "Mentoring, events and support from the Royal College of Surgeons of England.",
        "https://www.rcseng.ac.uk/careers-in-surgery/women-in-surgery/",
        None,
    ),
    (
        Resource.Category.SURGERY,
        "Tackling bullying and undermining in the operating theatre",
        "Guidance on recognising and challenging undermining behaviour in surgical teams.",
        "https://www.rcseng.ac.uk/standards-and-research/standards-and-guidance/",
        "active-bystander-training",
    ),
    (
        Resource.Category.EDI,
        "NHS equality, diversity and inclusion improvement plan",
        "NHS England's six high-impact actions to improve equality, diversity and inclusion.",
        "https://www.england.nhs.uk/long-read/nhs-equality-diversity-and-inclusion-improvement-plan/",
        None,
    ),
    (
        Resource.Category.EDI,
        "Differential attainment: what it is and how to tackle it",
        "The GMC's evidence on differential attainment in postgraduate training.",
        "https://www.gmc-uk.org/education/standards-guidance-and-curricula/"
        "projects/differential-attainment",
        "qi-delivery-group",
    ),
    (
        Resource.Category.RECIPROCAL_MENTORING,
        "Reciprocal mentoring pilot: participant handbook",
        "How the pairs work, what to expect at each meeting, and ground rules for confidentiality.",
        None,
        "educator-development-group",
    ),
    (
        Resource.Category.RECIPROCAL_MENTORING,
        "Reciprocal mentoring pilot: evaluation summary",
        "What mentors and mentees told us after the first year of the pilot.",
        None,
        "educator-development-group",
    ),
    (
        Resource.Category.OTHER,
        "BMA guide to challenging racism at work",
        "Practical advice for doctors who experience or witness racism.",
        "https://www.bma.org.uk/advice-and-support/equality-and-diversity-guidance/race-equality-in-medicine",
        None,
    ),
    (
        Resource.Category.OTHER,
        "NHS Practitioner Health",
        "Free, confidential mental health support for doctors and dentists.",
        "https://www.practitionerhealth.nhs.uk/",
        "peer-support-network",
    ),
    (
        Resource.Category.HEALTHY_ENGLISH,
        "Healthy English: consultation phrases",
        "Everyday phrases for history taking, explaining and checking understanding with patients.",
        None,
        "international-medical-graduate-support",
    ),
    (
        Resource.Category.HEALTHY_ENGLISH,
        "Healthy English: understanding idioms on the ward",
        "Common idioms and informal expressions you may hear from patients and colleagues.",
        "https://www.nhs.uk/",
        "international-medical-graduate-support",
    ),
]

GOOD_PRACTICE = [
    {
        "slug": "img-welcome-programme-wigan",
        "title": "A two-week welcome programme for international graduates",
        "theme": GoodPractice.Theme.IMG_SUPPORT,
        "region": Region.GREATER_MANCHESTER,
        "organisation": "Wrightington, Wigan and Leigh Teaching Hospitals",
        "summary": "International graduates start with two supernumerary weeks, a buddy and "
        "shadowing before joining the rota.",
        "what_was_done": "New international graduates spend two supernumerary weeks shadowing, "
        "with a named buddy and sessions on NHS systems, prescribing and escalation.",
        "benefits": "Fewer early incidents and exception reports; trainees said they felt "
        "welcomed and safe to ask questions.",
        "lessons_learned": "Protect the supernumerary time in the rota before the intake "
        "arrives, or it gets used to fill gaps.",
        "contact_name": "Dr Helen Marsh, Clinical Tutor",
    },
    {
        "slug": "fair-feedback-audit-liverpool",
        "title": "Auditing feedback for fairness in a foundation programme",
        "theme": GoodPractice.Theme.DIFFERENTIAL_ATTAINMENT,
        "region": Region.CHESHIRE_MERSEYSIDE,
        "organisation": "Liverpool University Hospitals",
        "summary": "Supervisors reviewed anonymised end-of-placement feedback for differences "
        "by group and changed how they write it.",
        "what_was_done": "The foundation school anonymised a year of supervisor reports and "
        "compared the language used for different groups of trainees.",
        "benefits": "Supervisors became aware of vaguer, less actionable feedback given to "
        "some groups and adopted a structured template.",
        "lessons_learned": "Share the findings with supervisors as a learning exercise, not "
        "as blame, to keep them engaged.",
        "contact_name": "Dr Kwame Asante, Foundation Programme Director",
    },
    {
        "slug": "trainee-representation-preston",
        "title": "Trainee seats on the trust's EDI committee",
        "theme": GoodPractice.Theme.GOVERNANCE,
        "region": Region.LANCASHIRE_SOUTH_CUMBRIA,
        "organisation": "Lancashire Teaching Hospitals",
        "summary": "Two resident doctors now sit on the trust's equality committee with "
        "protected time to attend.",
        "what_was_done": "The trust created two elected trainee seats on its equality, "
        "diversity and inclusion committee, with protected time in the rota.",
        "benefits": "Trainee concerns reach the board directly, and trainees helped shape "
        "the trust's anti-racism plan.",
        "lessons_learned": "Elect representatives for a fixed term and hand over properly "
        "between rotations.",
        "contact_name": "Ms Joanne Pickering, Head of EDI",
    },
    {
        "slug": "img-forum-bolton",
        "title": "A monthly forum for international graduates",
        "theme": GoodPractice.Theme.FORUMS,
        "region": Region.GREATER_MANCHESTER,
        "organisation": "Bolton NHS Foundation Trust",
        "summary": "A trainee-led forum where international graduates meet, share advice and "
        "raise issues with the medical education team.",
        "what_was_done": "International graduates set up a monthly lunchtime forum, with the "
        "Director of Medical Education attending every third meeting.",
        "benefits": "Practical problems, such as visa letters and rota swaps, were solved "
        "faster, and attendees reported less isolation.",
        "lessons_learned": "Keep it trainee-led; senior staff attending every time changed "
        "what people felt able to say.",
        "contact_name": "Dr Fatima Begum, forum chair",
    },
    {
        "slug": "active-bystander-induction-chester",
        "title": "Active bystander training at every induction",
        "theme": GoodPractice.Theme.TRAINING,
        "region": Region.CHESHIRE_MERSEYSIDE,
        "organisation": "Countess of Chester Hospital",
        "summary": "Every new resident doctor takes a 90-minute active bystander session in "
        "their first month.",
        "what_was_done": "The medical education team added a 90-minute active bystander "
        "session, delivered by trained trainees, to every induction.",
        "benefits": "More trainees reported incidents of incivility, and more said they had "
        "stepped in when they saw one.",
        "lessons_learned": "Trainee facilitators were more credible to new starters than "
        "senior staff; train enough of them to cover every intake.",
        "contact_name": "Dr Oliver Grant, Clinical Tutor",
    },
]

HELPLINES = [
    (
        Helpline.Area.NATIONAL,
        "National Domestic Abuse Helpline",
        "0808 2000 247",
        "24 hours, every day",
        "Free, confidential support for women experiencing domestic abuse, run by Refuge.",
        "https://www.nationaldahelpline.org.uk/",
    ),
    (
        Helpline.Area.NATIONAL,
        "Men's Advice Line",
        "0808 8010 327",
        "Monday to Friday, 9am to 8pm",
        "Confidential helpline for men experiencing domestic abuse.",
        "https://mensadviceline.org.uk/",
    ),
    (
        Helpline.Area.NATIONAL,
        "Galop LGBT+ Domestic Abuse Helpline",
        "0800 999 5428",
        "Monday to Friday",
        "Support for lesbian, gay, bisexual, trans and queer people experiencing abuse.",
        "https://galop.org.uk/",
    ),
    (
        Helpline.Area.NATIONAL,
        "Karma Nirvana",
        "0800 5999 247",
        "Monday to Friday, 9am to 5pm",
        "Support for people affected by honour-based abuse and forced marriage.",
        "https://karmanirvana.org.uk/",
    ),
    (
        Helpline.Area.GREATER_MANCHESTER,
        "Manchester Women's Aid",
        "0161 660 7999",
        "Monday to Friday, 9am to 5pm",
        "Advice, refuge and outreach for women and children in Manchester.",
        "https://www.manchesterwomensaid.org/",
    ),
    (
        Helpline.Area.GREATER_MANCHESTER,
        "Greater Manchester domestic abuse support",
        "",
        "",
        "Find your local domestic abuse service in each Greater Manchester borough.",
        "https://www.greatermanchester-ca.gov.uk/what-we-do/domestic-abuse/",
    ),
    (
        Helpline.Area.CHESHIRE_MERSEYSIDE,
        "Savera UK",
        "0800 107 0726",
        "Monday to Friday, 10am to 4pm",
        "Support for people affected by honour-based abuse and harmful practices in Merseyside.",
        "https://www.saverauk.co.uk/",
    ),
    (
        Helpline.Area.CHESHIRE_MERSEYSIDE,
        "Cheshire without Abuse",
        "0300 123 7047",
        "Monday to Friday, 9am to 5pm",
        "Domestic abuse support for anyone living in Cheshire East and Cheshire West.",
        "https://cheshirewithoutabuse.org.uk/",
    ),
    (
        Helpline.Area.LANCASHIRE_SOUTH_CUMBRIA,
        "Lancashire domestic abuse support",
        "0300 247 0400",
        "Monday to Friday, 9am to 5pm",
        "Support across Lancashire for people affected by domestic abuse.",
        "https://www.lancashire.gov.uk/health-and-social-care/domestic-abuse/",
    ),
    (
        Helpline.Area.LANCASHIRE_SOUTH_CUMBRIA,
        "Let Go (South Cumbria)",
        "01539 742 627",
        "Monday to Friday, 9am to 5pm",
        "Domestic abuse support for adults and children in South Cumbria.",
        "https://www.letgo.org.uk/",
    ),
]


def demo_pdf(title):
    """A one-page PDF with the title on it, so the demo's download links work."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 16 Tf 72 720 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def seed_pages(section, pages):
    for page in pages:
        Page.objects.update_or_create(
            section=section,
            slug=page["slug"],
            defaults={
                "title": page["title"],
                "summary": page["summary"],
                "body": page["body"],
                "order": page.get("order", 0),
            },
        )


def seed_workstreams():
    for order, item in enumerate(WORKSTREAMS, start=1):
        workstream, _ = Workstream.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "summary": item["summary"],
                "description": item["description"],
                "how_to_get_involved": item["how_to_get_involved"],
                "order": order,
            },
        )
        for lead_order, (name, role, grade) in enumerate(item["leads"]):
            WorkstreamLead.objects.update_or_create(
                workstream=workstream,
                name=name,
                defaults={"role": role, "grade_and_specialty": grade, "order": lead_order},
            )


def seed_resources():
    workstreams = {workstream.slug: workstream for workstream in Workstream.objects.all()}
    for category, title, description, url, workstream_slug in RESOURCES:
        resource = Resource.objects.filter(title=title).first() or Resource(title=title)
        resource.category = category
        resource.description = description
        resource.workstream = workstreams.get(workstream_slug)
        if url:
            resource.url = url
        elif not resource.file:
            resource.file.save("demo.pdf", ContentFile(demo_pdf(title)), save=False)
        resource.save()


def seed_good_practice():
    for item in GOOD_PRACTICE:
        GoodPractice.objects.update_or_create(
            slug=item["slug"], defaults={key: value for key, value in item.items() if key != "slug"}
        )


def seed_helplines():
    for order, (area, name, phone, hours, description, website) in enumerate(HELPLINES):
        Helpline.objects.update_or_create(
            name=name,
            defaults={
                "area": area,
                "phone": phone,
                "hours": hours,
                "description": description,
                "website": website,
                "order": order,
            },
        )


def run(stdout):
    seed_workstreams()
    seed_pages(Page.Section.ABOUT, ABOUT_PAGES)
    seed_pages(Page.Section.DOMESTIC_ABUSE, DOMESTIC_ABUSE_PAGES)
    seed_resources()
    seed_good_practice()
    seed_helplines()
    stdout.write(
        f"Workstreams: {len(WORKSTREAMS)}, pages: {len(ABOUT_PAGES) + len(DOMESTIC_ABUSE_PAGES)}, "
        f"resources: {len(RESOURCES)}, good practice: {len(GOOD_PRACTICE)}, "
        f"helplines: {len(HELPLINES)}"
    )
