"""Initial content for workstreams and content, in the network's own words.

The text comes from the network's public documents: the North West EDI strategy 2020-23, the
network's web page, and the national EDI good-practice collection (HEE Deans' EDI Committee Annual
Report 2022/23). Quotations are attributed. Leads are seeded as role titles: admins add the names
of the current post-holders. Safe to run again (update_or_create on natural keys).
"""

from django.core.files.base import ContentFile

from .models import (
    GoodPractice,
    Helpline,
    Page,
    Region,
    Resource,
    SearchSynonym,
    Workstream,
    WorkstreamLead,
)

STRATEGY = "HEE (North West) Equality, Diversity and Inclusion Strategy 2020-23"
GOOD_PRACTICE_SOURCE = "HEE Deans' EDI Committee Annual Report 2022/23: Examples of Good Practice"
GOOD_PRACTICE_CONTACT = ("HEE quality team", "quality@hee.nhs.uk")

ABOUT_PAGES = [
    {
        "slug": "",
        "title": "About the network",
        "summary": "A group of medical, dental and public health trainees in the North West, "
        "with support from local consultants and other healthcare professionals.",
        "body": """The Allyship Network are a group of medical, dental and public health
trainees in the North West region, with support from local consultants and other healthcare
professionals.

## Our vision

We envisage that the North West will be the most inclusive region in which to train. Every
trainee will feel valued for their whole selves, whilst being supported to meet their personal
and professional goals in a community in which they feel a sense of belonging.

## Why join

Involvement in the Network should be seen as a great opportunity to develop your leadership,
QI and educational skills. There is the chance to be mentored and supported by senior
educators, and many opportunities for developing generic portfolio-based competencies, as well
as the chance to present at meetings.

The work of the Network has been presented at DEMEC 2021, the major national medical education
conference, and was shortlisted for a BMJ Award in the Diversity and Inclusion category.
""",
    },
    {
        "slug": "vision-mission-values",
        "title": "Our vision, mission and values",
        "summary": "What we want training in the North West to be like, the seven parts of our "
        "mission, and the values we work by.",
        "body": f"""## Our vision

"As a region, the North West supports HEE's aim to provide a welcoming, effective and
inclusive learning environment for all trainees. Every trainee will feel valued for their
whole selves, whilst being supported to meet their personal and professional goals in a
community in which they feel a sense of belonging."

## Our mission

1. **Structural bias.** We will ensure that structural bias and discrimination are effectively
   identified and prevented or dismantled by providing a safe space for trainees to share
   experiences and listen to ideas. Trainees from diverse backgrounds will be supported to
   design and implement interventions with measurable outcomes.
2. **Educating the PGMDE team, educators and supervisors.** We will educate the PGMDE Team,
   senior educators and educational and clinical supervisors, along with trainees, to ensure
   understanding of the effects of bias and discrimination on differing individuals and
   cultures, as well as the advantages conferred by privilege, so that everyone is empowered to
   take an anti-discrimination stance. This includes a specific commitment to becoming an
   anti-racist organisation.
3. **Removing barriers.** Training will be structured to remove any barriers to full
   participation and attainment. Education staff will have access to educational content which
   highlights such barriers, with advice on how to provide appropriate support.
4. **Diversity in leadership.** We will ensure diversity at every level of medical education
   and leadership, and that leadership opportunities are available and encouraged in
   under-represented groups, through recruitment and retention of educators, effective
   role-modelling and mentoring, and access to educational career progression.
5. **Everyday experience and intersectionality.** We will seek to utilise the diversity of
   every day experience, recognising the effects of intersectionality. Trainees will receive
   tailored support through a range of evidence based interventions.
6. **Collecting data.** We will collect data to demonstrate the effectiveness of interventions
   and disseminate good practice.
7. **Health inequity.** We will encourage Schools to prioritise teaching on health inequity as
   well as supporting trainees to undertake improvement projects in the field.

The network will also provide an additional mechanism for raising concerns that are related to
a protected or non-protected characteristic.

## Our values

- Diversity
- Belonging
- Achievement
- Innovation
- Future generations

Quoted and summarised from the {STRATEGY}.
""",
        "order": 1,
    },
    {
        "slug": "structure",
        "title": "How the network is organised",
        "summary": "The EDI Strategic Oversight Group, the Allyship Network and the Allyship "
        "Consultant Network.",
        "body": """## The EDI Strategic Oversight Group

The Oversight Group is made up of a diverse group of trainees who lead on the development and
implementation of the strategy. New members are recruited to the Oversight Group each year:
when you apply to join the network, you can say whether you would like to be considered.

## The Allyship Network

Network members are trainees in postgraduate medicine, dentistry and public health in the
North West who are passionate about improving inclusivity within the North West training
programmes. Members contribute to one or more of our workstreams. Each workstream feeds into
the overall mission in its own way.

## The Allyship Consultant Network

This is a group of diverse consultants, some of whom have "graduated" from the Allyship
Network. They are planning their own streams of work, and will be available to provide
support, education and training for trainees undertaking activities through the Network.
""",
        "order": 2,
    },
    {
        "slug": "roles",
        "title": "Roles in the network",
        "summary": "The Associate Dean for EDI, the Regional Clinical Leadership Fellow for EDI "
        "and the workstream leads.",
        "body": """## Associate Dean for EDI

The Associate Dean for EDI leads equality, diversity and inclusion work for postgraduate
medical and dental education in the North West, and co-leads the QI Delivery Group.

## Regional Clinical Leadership Fellow for EDI

A prestigious fellowship that runs for a year from September, appointed competitively. The
fellow works on a variety of projects during the year, including developing an anti-racism
strategy for training settings, as well as developing their own leadership skills.

## Workstream leads

Workstreams are led by trainees or consultants. The QI Delivery Group is co-led by the
Associate Dean for EDI and a trainee, and Active Bystander Training is led by a consultant
anaesthetist. Each workstream's page says who leads it.
""",
        "order": 3,
    },
]

DOMESTIC_ABUSE_PAGES = [
    {
        "slug": "",
        "title": "Support for people experiencing domestic abuse",
        "summary": "If you are feeling scared, or need support, we are here for you. We believe "
        "you, it is not your fault and we are willing to help you.",
        "body": """Domestic Abuse and Violence (DAV) includes (but is not limited to) coercive
control, physical, sexual, psychological, economic and social violence. We know that many
people are suffering from DAV and healthcare staff can be more at risk.

We want you to know that if you are feeling scared, or need support, we are here for you. We
believe you, it is not your fault and we are willing to help you. If you, or anyone you know,
may be suffering from DAV, you can contact a helpline specific to your area.

If you are in immediate danger, call 999.

The organisations listed will do their best to ensure that you are safe. They will work in ways
to help protect you discreetly, offer solutions (including financial), and help you get
confidential access to support.

Please contact us if you feel there is anything missing or something we can add to this page.
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

# Leads are (role, description): admins add the current post-holder's name in admin.
WORKSTREAMS = [
    {
        "name": "QI Delivery Group",
        "slug": "qi-delivery-group",
        "summary": "Implement a quality improvement project to improve EDI practice in your "
        "trust, the training network or access to health services.",
        "description": """Do you have an idea to improve equality, diversity and inclusion
practices in your trust or the wider training network? Do you have an idea on how to improve
access to health services for patients? The group's co-leads will teach, mentor and guide you
through the process of implementing a QI project.

There is an opportunity to share your work at the QI Project Conference at the end of each
academic year.

Examples of QI projects submitted for 2020/21:

- developing webpages for the EDI group
- developing a buddy scheme for new international medical graduate trainees within GP and
  Psychiatry training
- delivering bystander apathy training to empower trainees to speak up when they witness
  inappropriate behaviour in the workplace
- delivering a trainee-led Equality, Diversity and Inclusion study day for Anaesthetic trainees
- developing a scheme to support deaf trainees""",
        "how_to_get_involved": """If you don't have a particular idea in mind, you can still
join the group and help out with an existing project. Choose the QI Delivery Group when you
apply to join the network.""",
        "leads": [
            ("Co-lead: Associate Dean for EDI", ""),
            ("Co-lead: trainee", ""),
        ],
    },
    {
        "name": "Peer Support Network",
        "slug": "peer-support-network",
        "summary": "Trainees with their own personal experiences who volunteer to be contacted "
        "by other trainees for informal advice.",
        "description": """The Peer Support Network is a group of trainees with their own
personal experiences and characteristics who have volunteered to be contacted by other
trainees for informal advice around specific issues related to training.

Signed-in trainees can find a peer supporter in the [peer support directory](/peer-support/).
Contact goes through the website: supporters' email addresses are never shown.""",
        "how_to_get_involved": """If you would like to get involved in peer support yourself,
please do consider joining the Allyship Network. Members can then volunteer as a peer
supporter.""",
        "leads": [("Workstream lead", "")],
    },
    {
        "name": "Educator Development Group",
        "slug": "educator-development-group",
        "summary": "Workshops for trainees, supervisors and medical educators based on "
        "trainees' experiences.",
        "description": """The Educator Development Group is dedicated to producing and
delivering workshops to trainees, supervisors and medical educators based on trainees'
experiences and how to dismantle the barriers faced by trainees.

Workshops often include a trainee talking about their own personal experience as well as
discussions around unconscious bias and action planning.""",
        "how_to_get_involved": """Trainees can join the group to help write and deliver
workshops. Educators can [request a session](/training/request/) for their department or
trust.""",
        "leads": [("Workstream lead", "")],
    },
    {
        "name": "Active Bystander Training",
        "slug": "active-bystander-training",
        "summary": "Training to encourage and support people to speak up when they see or hear "
        "something harmful in the workplace.",
        "description": """This workstream delivers training to encourage and support people to
speak up when they see or hear something harmful in the workplace. It provides the knowledge
and understanding of bystander apathy, and the benefits for all of speaking up.

It also recognises that there are a variety of ways that this can be done, and provides you
with different tools and tips to undertake this safely and effectively.

The workstream also runs Step Forward, a cascaded Active Bystander train-the-trainer programme,
listed in the national EDI good-practice collection.""",
        "how_to_get_involved": """[Book a place on a session](/training/), or
[request a session](/training/request/) for your department or trust.""",
        "leads": [("Workstream lead (consultant anaesthetist)", "")],
    },
    {
        "name": "Content Creation",
        "slug": "content-creation",
        "summary": "All types of content relating to EDI, including videos of trainees' "
        "experiences.",
        "description": """This workstream is about all types of content relating to EDI.
Currently this has involved setting up the network's webpage and producing videos of trainees
discussing their experiences of discrimination, which have been used in a module on EDI in
Clinical Education at Edge Hill University.

We also have plans to create more videos which can be used as resources and uploaded to our
webpages, and potentially to use social media to advertise our activities.""",
        "how_to_get_involved": """We are looking for people with the relevant skills to create
the content, as well as those that may want to help by taking starring roles. Please join the
network if you think this may be for you.""",
        "leads": [("Workstream lead", "")],
    },
    {
        "name": "International Medical Graduate Support",
        "slug": "international-medical-graduate-support",
        "summary": "Welcoming international colleagues (IMGs) to the UK and supporting them to "
        "achieve their full potential working in the NHS.",
        "description": """This workstream seeks to welcome international colleagues to the UK
and support them to achieve their full potential working in the NHS.

Working with the Associate Dean for International Doctors and SAS doctors, many trainees have
been involved in developing an induction pack, the HEE Enhanced Induction Course, and setting
up [mentoring schemes](/mentoring/).

Healthy English, the website to support the language and communication skills of non-native
speakers of English, their colleagues and their trainers working in the NHS, is at
[consultationskills.com](https://consultationskills.com/).""",
        "how_to_get_involved": """Join the network and choose this workstream to help with the
induction pack, the mentoring schemes and welcome events.""",
        "leads": [
            ("Workstream lead", ""),
            ("Associate Dean for International Doctors and SAS doctors", "Works with the group"),
        ],
    },
    {
        "name": "Support for People Experiencing Domestic Abuse and Violence",
        "slug": "domestic-abuse-support",
        "summary": "Helplines and support for anyone experiencing domestic abuse and violence.",
        "description": """Domestic Abuse and Violence (DAV) includes (but is not limited to)
coercive control, physical, sexual, psychological, economic and social violence. We know that
many people are suffering from DAV and healthcare staff can be more at risk.

See our [domestic abuse support page](/support/domestic-abuse/) for helplines by area and
advice on browsing safely.""",
        "how_to_get_involved": """Please contact us if you feel there is anything missing or
something we can add to the support page. We hope to provide a similar resource for those
living outside Greater Manchester.""",
        "leads": [("Workstream lead", "")],
    },
]

# The network's categories of useful documents. Documents whose copy the network holds are
# uploaded by admins; the demo seeds a placeholder PDF for them (url None).
RESOURCES = [
    (
        Resource.Category.LEAD_EMPLOYER,
        "Lead Employer: information for trainees",
        "Contracts, pay, leave and HR support for trainees employed by the Lead Employer.",
        "https://www.sthk.nhs.uk/lead-employer",
        None,
    ),
    (
        Resource.Category.INTERNATIONAL_MEDICAL_GRADUATES,
        "IMG induction pack",
        "The induction pack developed by the International Medical Graduate Support workstream "
        "for international colleagues starting work in the NHS.",
        None,
        "international-medical-graduate-support",
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
        Resource.Category.SURGERY,
        "Women in surgery",
        "Mentoring, events and support from the Royal College of Surgeons of England.",
        "https://www.rcseng.ac.uk/careers-in-surgery/women-in-surgery/",
        None,
    ),
    (
        Resource.Category.EDI,
        STRATEGY,
        "The strategy's vision, mission and values, working with stakeholders, and how we "
        "measure success.",
        None,
        None,
    ),
    (
        Resource.Category.EDI,
        "Differential attainment",
        "The GMC's work on differential attainment in postgraduate training.",
        "https://www.gmc-uk.org/education/standards-guidance-and-curricula/"
        "projects/differential-attainment",
        "qi-delivery-group",
    ),
    (
        Resource.Category.RECIPROCAL_MENTORING,
        "Reciprocal Mentoring Pilot documents",
        "The documents of the reciprocal mentoring pilot.",
        None,
        "educator-development-group",
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
        "The 'Healthy English' website",
        "The website to support the language and communication skills of non-native speakers of "
        "English, their colleagues and their trainers working in the NHS.",
        "https://consultationskills.com/",
        "international-medical-graduate-support",
    ),
]


def listed_item(title, slug, theme, region, organisation, second_region=""):
    """An item the collection lists by title only: its write-up is added when it arrives."""
    return {
        "slug": slug,
        "title": title,
        "theme": theme,
        "region": region,
        "second_region": second_region,
        "organisation": organisation,
        "summary": f'Listed in the national EDI good-practice collection under "{theme.label}".',
        "what_was_done": "",
        "benefits": "",
        "lessons_learned": "",
        "contact_name": GOOD_PRACTICE_CONTACT[0],
        "contact_email": GOOD_PRACTICE_CONTACT[1],
        "source": GOOD_PRACTICE_SOURCE,
    }


Theme = GoodPractice.Theme
GOOD_PRACTICE = [
    {
        "slug": "enhanced-edi-case-based-training-north-east",
        "title": "Enhanced EDI case-based training in the North East",
        "theme": Theme.TRAINING,
        "region": Region.NORTH_EAST,
        "organisation": "HEE North East",
        "summary": "Training sessions using role play of real cases with an equality and "
        "diversity theme, for those who manage postgraduate medical training programmes.",
        "what_was_done": """A focus in the North East has been continued investment in
enhanced equality and diversity training to help exceed standards, develop faculty and
encourage reflection and learning as an organisation.

Aimed at management, including those responsible for directly managing postgraduate medical
training programmes, HEE North East developed training sessions using role play for several
subjects with an equality and diversity theme. It applies multi-professionally, with a focus
on medical and dental programme management and statutory responsibilities.""",
        "benefits": """"The key to its success, value and positive evaluation is in us using real
cases." Cases are based on complaints, director feedback, legal challenge and complex,
difficult or new scenarios. Case examples include gender reassignment and gender awareness,
the experience of an international graduate, patient discrimination, EDI seen as political
correctness, additional circumstances for rotations and 'soft bias' based on shared interests.

Feedback is almost universally positive, with 95% of scores of 4 or 5 out of 5 across
multiple domains (how useful, applicable, improved knowledge).""",
        "lessons_learned": """- Cases are now shared through recordings to reach wider across
  the region and country.
- Making sure cases remain live and cover subtle themes and experiences too.
- Making sure attendees understand they don't need to act, and that cases are real, was a
  recent improvement that had a positive impact.""",
        # As the write-up gives them: "Quality.NE@hee.nhs.uk and David.Turner@hee.nhs.uk".
        "contact_name": "David Turner",
        "contact_email": "David.Turner@hee.nhs.uk",
        "team_email": "Quality.NE@hee.nhs.uk",
        "source": GOOD_PRACTICE_SOURCE,
    },
    listed_item(
        "A cascaded Active Bystander Training the Trainer Programme: Step Forward",
        "step-forward-active-bystander-north-west",
        Theme.TRAINING,
        Region.NORTH_WEST,
        "HEE North West",
    ),
    listed_item(
        "Increasing diversity in the senior educator group",
        "senior-educator-diversity-north-west",
        Theme.GOVERNANCE,
        Region.NORTH_WEST,
        "HEE North West",
    ),
    listed_item(
        "IMG induction programme",
        "img-induction-programme-thames-valley-wessex",
        Theme.IMG_SUPPORT,
        Region.THAMES_VALLEY,
        "HEE Thames Valley and Wessex",
        second_region=Region.WESSEX,
    ),
    listed_item(
        "IMG Champions Network",
        "img-champions-network-thames-valley-wessex",
        Theme.IMG_SUPPORT,
        Region.THAMES_VALLEY,
        "HEE Thames Valley and Wessex",
        second_region=Region.WESSEX,
    ),
    listed_item(
        "eLearning for Health module on welcoming and valuing international medical graduates: "
        "a guide to induction for IMGs recruited to the NHS",
        "elearning-welcoming-valuing-imgs-london-kss",
        Theme.IMG_SUPPORT,
        Region.LONDON,
        "HEE London and Kent, Surrey and Sussex",
        second_region=Region.KENT_SURREY_SUSSEX,
    ),
    listed_item(
        "Enhanced Induction",
        "enhanced-induction-west-midlands",
        Theme.IMG_SUPPORT,
        Region.WEST_MIDLANDS,
        "HEE West Midlands",
    ),
    listed_item(
        "Social prescribing for international medical graduates",
        "img-social-prescribing-yorkshire-humber",
        Theme.IMG_SUPPORT,
        Region.YORKSHIRE_HUMBER,
        "HEE Yorkshire and the Humber",
    ),
    listed_item(
        "Tackling differential attainment",
        "tackling-differential-attainment-thames-valley",
        Theme.DIFFERENTIAL_ATTAINMENT,
        Region.THAMES_VALLEY,
        "HEE Thames Valley",
    ),
    listed_item(
        "Director of Medical Education interviews",
        "dme-interviews-west-midlands",
        Theme.DIFFERENTIAL_ATTAINMENT,
        Region.WEST_MIDLANDS,
        "HEE West Midlands",
    ),
    listed_item(
        "Differential Attainment Working Group",
        "differential-attainment-working-group-east-midlands",
        Theme.DIFFERENTIAL_ATTAINMENT,
        Region.EAST_MIDLANDS,
        "HEE East Midlands",
    ),
    listed_item(
        "Responsible Officer Advisory Group case discussion with no protected characteristics "
        "provided, and an annual analysis of decisions by protected characteristic",
        "ro-advisory-group-south-west",
        Theme.GOVERNANCE,
        Region.SOUTH_WEST,
        "HEE South West",
    ),
    listed_item(
        "Virtual Café",
        "virtual-cafe-west-midlands",
        Theme.FORUMS,
        Region.WEST_MIDLANDS,
        "HEE West Midlands",
    ),
    listed_item(
        "In Training Assessment of Performance (iTAP)",
        "itap-west-midlands",
        Theme.FORUMS,
        Region.WEST_MIDLANDS,
        "HEE West Midlands",
    ),
    listed_item(
        "HEE/NHSE EDI combined group, trainee survey to understand needs, bystander training",
        "edi-combined-group-east-of-england",
        Theme.TRAINING,
        Region.EAST_OF_ENGLAND,
        "HEE East of England",
    ),
    listed_item(
        "EDI workshops and an EDI Ambassador",
        "edi-workshops-ambassador-kss",
        Theme.TRAINING,
        Region.KENT_SURREY_SUSSEX,
        "HEE Kent, Surrey and Sussex",
    ),
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


# Words people search with, and the words the website uses for the same thing.
SEARCH_SYNONYMS = [
    "IMG, international medical graduate, international medical graduates, international doctors",
    "LTFT, less than full time",
    "helpline, helplines, domestic abuse",
    "raise a concern, concern, concerns, complaint, complain, speak up, whistleblowing",
    "bystander, active bystander, upstander",
    "Healthy English, consultation skills, consultationskills",
    "ARCP, annual review of competence progression",
    "EDI, equality diversity and inclusion",
    "QI, quality improvement",
    "DA, differential attainment",
    "racism, racist, racial, race",
    "FTSU, freedom to speak up",
    "domestic violence, DV, domestic abuse",
    "LGBTQ+, LGBTQ, LGBT, gay, lesbian, bisexual, trans, queer",
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
        for lead_order, (role, description) in enumerate(item["leads"]):
            WorkstreamLead.objects.update_or_create(
                workstream=workstream,
                role=role,
                defaults={"grade_and_specialty": description, "order": lead_order},
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


def seed_search_synonyms():
    for terms in SEARCH_SYNONYMS:
        SearchSynonym.objects.get_or_create(terms=terms)


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
    seed_search_synonyms()
    stdout.write(
        f"Workstreams: {len(WORKSTREAMS)}, pages: {len(ABOUT_PAGES) + len(DOMESTIC_ABUSE_PAGES)}, "
        f"resources: {len(RESOURCES)}, good practice: {len(GOOD_PRACTICE)}, "
        f"helplines: {len(HELPLINES)}"
    )
