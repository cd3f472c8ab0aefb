"""The privacy notice's account of each form: what it collects, why, on what lawful basis, who
sees it and how long it is kept. Retention periods come from the live settings (the same ones
the retention task deletes by: edi_portal.retention), so the notice changes when a deployment
changes them.

Each form links to its own section, next to its submit button: `{% privacy_link "anchor" %}`
(edi_portal/templatetags/privacy_notice.py). `views` names the pages of each section's forms;
tests/edi_portal/test_privacy_links.py checks that every form that takes personal data has a
section, and that its page links to it.
"""

from dataclasses import dataclass

from django.conf import settings

PUBLIC_TASK = (
    "Public task (UK GDPR Article 6(1)(e)): the network is part of how postgraduate medical, "
    "dental and public health education and training is run in the North West."
)
EQUALITY_CONDITION = (
    "Substantial public interest (Article 9(2)(g)), for equality of opportunity or treatment "
    "(Data Protection Act 2018, Schedule 1, paragraph 8)."
)
NO_SPECIAL_CATEGORY = "We do not ask for special category data here."


@dataclass(frozen=True)
class FormNotice:
    anchor: str  # the section's id on /privacy/
    heading: str
    collected: str
    purpose: str
    lawful_basis: str
    special_category: str
    who_can_see: str
    kept_for: str
    views: tuple = ()  # URL names of the pages whose forms this section covers


def days(count):
    return f"{count} day{'' if count == 1 else 's'}"


def hours(count):
    return f"{count} hour{'' if count == 1 else 's'}"


def form_notices():
    """One FormNotice per form that collects personal data, in the order people meet them."""
    return [
        FormNotice(
            anchor="applying-to-join",
            heading="Applying to join the network",
            collected="Your name, pronouns if you give them, NHS email address, profession, "
            "grade, specialty, employing trust, area, the workstreams you choose, whether you "
            "want to join the Strategic Oversight Group and why, and why you want to join.",
            purpose="To decide on your application, tell you the outcome, and run the network "
            "and its workstreams for the academic year.",
            lawful_basis=PUBLIC_TASK,
            special_category=NO_SPECIAL_CATEGORY,
            who_can_see="The network's coordinators and the Associate Dean for EDI.",
            kept_for=f"Declined and withdrawn applications: {days(settings.APPLICATION_RETENTION_DAYS)} "
            "after their last change. Accepted applications: for as long as you are a member, "
            "or until you ask us to delete them. If you start an application to join the network "
            "but do not send it, we delete your answers so far, including any equality "
            f"monitoring answers, within {hours(settings.JOIN_ANSWERS_HOURS + 1)} of the last "
            "page you answered (your session expires, and expired sessions are deleted hourly).",
            views=("network:join_step", "network:join_check"),
        ),
        FormNotice(
            anchor="equality-monitoring",
            heading="Equality monitoring",
            collected="Optional answers about your age, disability, ethnicity, religion or "
            "belief, sex, gender identity, sexual orientation and other characteristics. Every "
            'question has a "Prefer not to say" answer.',
            purpose="To check that the network reaches and includes trainees from every group, "
            "and to report on it in totals only.",
            lawful_basis=PUBLIC_TASK,
            special_category=EQUALITY_CONDITION,
            who_can_see="Only staff given a specific permission to read equality answers, and "
            "the website's administrators. Reports show totals only, with small numbers hidden so that nobody can be "
            "identified.",
            kept_for="Stored apart from your application and deleted with it.",
        ),
        FormNotice(
            anchor="booking-a-training-session",
            heading="Booking a training session",
            collected="Your name, email address, role, organisation, department and any access "
            "needs you tell us about, then whether you attended. If you choose to tell us, your "
            "educational role (such as educational supervisor or head of school) and the trust "
            "or school where you hold it.",
            purpose="To hold your place, tell you about the session, remind you of it, keep the "
            "register and give you a certificate and a training record of every session you "
            "attended. The network's strategy expects educational leaders to show evidence of "
            "enhanced EDI training over each three year period: your role and trust or school "
            "let us count, in totals only with small numbers hidden, how many leaders in each "
            "trust and school have had it.",
            lawful_basis=PUBLIC_TASK,
            special_category="Access needs may say something about your health. Condition: "
            "substantial public interest (Article 9(2)(g)), for equality of opportunity or "
            "treatment (Data Protection Act 2018, Schedule 1, paragraph 8), so that you can "
            "take part.",
            who_can_see="The network's coordinators and the session's facilitators.",
            kept_for=f"{days(settings.BOOKING_RETENTION_DAYS)} after the session, with your "
            "attendance and feedback, or until you ask us to delete it or delete your account.",
            views=("training:session",),
        ),
        FormNotice(
            anchor="feedback-on-a-training-session",
            heading="Giving feedback on a training session",
            collected="Your scores for how useful and applicable the session was, what you "
            "learned and how confident you feel to speak up, and any comments.",
            purpose="To improve the training and report on it.",
            lawful_basis=PUBLIC_TASK,
            special_category=NO_SPECIAL_CATEGORY,
            who_can_see="The network's coordinators and training leads. Scores are reported in "
            "totals.",
            kept_for="With your booking: "
            f"{days(settings.BOOKING_RETENTION_DAYS)} after the session.",
            views=("training:feedback",),
        ),
        FormNotice(
            anchor="asking-for-your-training-record",
            heading="Asking for your training record by email",
            collected="The email address you type. We keep nothing new: we look for bookings "
            "under it and, if there are any, email it a link to your record.",
            purpose="To send your EDI training record only to the address you booked with.",
            lawful_basis=PUBLIC_TASK,
            special_category=NO_SPECIAL_CATEGORY,
            who_can_see="Only you, through the emailed link. The network's administrators can "
            "see that the email was sent.",
            kept_for="The email is kept with your booking; the link in it works for 7 days.",
            views=("training:record_request",),
        ),
        FormNotice(
            anchor="requesting-a-session",
            heading="Requesting a session for your department or trust",
            collected="Your name, email address, organisation and department, and what you "
            "would like the session to cover.",
            purpose="To arrange the session with you.",
            lawful_basis=PUBLIC_TASK,
            special_category=NO_SPECIAL_CATEGORY,
            who_can_see="The network's coordinators and training leads.",
            kept_for=f"{days(settings.SESSION_REQUEST_RETENTION_DAYS)} after you sent it.",
            views=("training:request",),
        ),
        FormNotice(
            anchor="raising-a-concern",
            heading="Raising a concern",
            collected="What the concern is related to, how you want it recorded, where it "
            "happened, what happened, the messages you and we write about it, and your email "
            "address only if you choose to give one. We keep only a scrambled form (a hash) of "
            "your private follow-up link, so we cannot read it or send it again. If you ask for a new "
            "link, we do not keep the reference or address you type.",
            purpose="To handle your concern, answer you on your private follow-up page, tell you "
            "by email that there is an update if you gave an address, and spot patterns that we "
            "raise with employers and the local office without identifying anyone.",
            lawful_basis=PUBLIC_TASK,
            special_category="A concern may include special category data about you or others. "
            "Condition: substantial public interest (Article 9(2)(g)), for equality of "
            "opportunity or treatment and for preventing unlawful acts (Data Protection Act "
            "2018, Schedule 1, paragraphs 8 and 10).",
            who_can_see="Only the few staff given the permission to read concerns. No email we "
            "send about a concern includes what anyone wrote.",
            kept_for=f"{days(settings.CONCERN_RETENTION_DAYS)} after it was raised, then "
            "deleted with its messages and history. After that we keep only the scrambled form "
            "of its private link and the date we deleted it, so the link can say the concern was "
            "deleted, for "
            f"{days(settings.CONCERN_GONE_LINK_RETENTION_DAYS)}; then we delete those too.",
            views=("concerns:concern", "concerns:concern_follow_up", "concerns:concern_new_link"),
        ),
        FormNotice(
            anchor="submitting-a-qi-project",
            heading="Submitting a quality improvement (QI) project",
            collected="The project's title, team members, trust, specialty, theme, aim, change "
            "ideas, measures, results and status, and a poster if you upload one.",
            purpose="To review the project and, if it is published, share it in the gallery, "
            "at the QI conference and in the annual report.",
            lawful_basis=PUBLIC_TASK,
            special_category=NO_SPECIAL_CATEGORY,
            who_can_see="The network's coordinators while it is reviewed. Once published, "
            "anyone: the project and its team members' names are public.",
            kept_for="Until you withdraw it or delete your account. You can take a published "
            "project out of the gallery at any time.",
            views=("qi_projects:submit", "qi_projects:edit"),
        ),
        FormNotice(
            anchor="volunteering-as-a-peer-supporter",
            heading="Volunteering as a peer supporter",
            collected="Your display name, grade, specialty, area, languages, availability, a "
            "short bio and the topics of lived experience you choose to list.",
            purpose="To list you for signed-in trainees, so they can ask to talk to you, without "
            "showing your email address.",
            lawful_basis=PUBLIC_TASK,
            special_category="Topics of lived experience can be special category data. "
            "Condition: your explicit consent (Article 9(2)(a)), given for each topic. You can "
            "remove a topic, pause or delete your profile at any time.",
            who_can_see="Signed-in trainees with a verified NHS email address, once the "
            "coordinators have approved your profile.",
            kept_for="Until you delete it, or "
            f"{days(settings.PEER_SUPPORT_LAPSED_PROFILE_DAYS)} after your listing lapses "
            "without renewal.",
            views=("peer_support:volunteer_create", "peer_support:volunteer_edit"),
        ),
        FormNotice(
            anchor="contacting-a-peer-supporter",
            heading="Contacting a peer supporter",
            collected="Your message, and how and where you would like the volunteer to contact "
            "you, which we pass on to them.",
            purpose="To pass your message on without showing anyone's email address.",
            lawful_basis=PUBLIC_TASK,
            special_category="We do not ask for any. A message may include some if you choose "
            "to write it: only the volunteer reads it.",
            who_can_see="The volunteer you wrote to. The coordinators see who contacted whom "
            "and when; only staff given a specific permission can read a message, to deal with "
            "misuse.",
            kept_for="Contact requests and the emails that relayed them: "
            f"{days(settings.PEER_SUPPORT_REQUEST_RETENTION_DAYS)} after they were sent.",
            views=("peer_support:profile",),
        ),
        FormNotice(
            anchor="mentoring",
            heading="Signing up for mentoring or a buddy scheme",
            collected="Your name, email address, whether you want to mentor or be mentored, "
            "grade, specialty, area, employer, the topics you want to talk about, what you hope "
            "to give or get, your preferences for a match, how many people you could support, "
            "and anything you choose to share for matching: being an international medical "
            "graduate, from an ethnic minority background, disabled or living with a long-term "
            "condition, lesbian, gay, bisexual, trans or queer, a parent or carer, or the first "
            "in your family to go to university. Then your match, when it started and ended, "
            "whether you each accepted or declined it, and when you left the programme. Where "
            "a programme lets you choose your mentor, the one you chose.",
            purpose="To suggest a good match, never with someone at your own employer, introduce "
            "you to each other and support you while you meet.",
            lawful_basis=PUBLIC_TASK,
            special_category="What you choose to share for matching is special category data "
            "(racial or ethnic origin, health, sexual orientation). Condition: your explicit "
            "consent (Article 9(2)(a)): every answer is optional, you can sign up without "
            "sharing anything, and you can ask us to remove it at any time. It is stored apart "
            "from the rest of your sign-up.",
            who_can_see="The mentoring team who make the matches. What you share for matching: "
            "only staff given a specific permission to read it. It is never in a list, a report "
            "or an email, and never shown to the person you are matched with: a suggested "
            "match says only that you both chose to share something in common. Your match sees "
            "your grade, specialty and area, and your name and email address only once you have "
            "both accepted.",
            kept_for=f"{days(settings.MENTORING_RETENTION_DAYS)} after your sign-up ended (you "
            "withdrew, gave your end-of-programme feedback, your match ended, or you were never "
            "matched), then deleted with what you shared, your matches, check-ins and feedback; "
            "or sooner if you delete your account. A pair that did not go ahead (declined, "
            "cancelled or not working) is kept as long, so we never suggest it again.",
            views=("mentoring:sign_up_step", "mentoring:sign_up_check", "mentoring:choose"),
        ),
        FormNotice(
            anchor="mentoring-check-ins-and-feedback",
            heading="Mentoring check-ins, problems and feedback",
            collected="Whether you have met, how it is going, anything you want the team to "
            "know, what is not working if you tell us, why you declined a match if you tell "
            "us, and your feedback at the end.",
            purpose="To support you and your match, and to improve the programme.",
            lawful_basis=PUBLIC_TASK,
            special_category=NO_SPECIAL_CATEGORY,
            who_can_see="Only the mentoring team, never the person you are matched with.",
            kept_for="With your sign-up: "
            f"{days(settings.MENTORING_RETENTION_DAYS)} after it ended.",
            views=(
                "mentoring:check_in",
                "mentoring:not_working",
                "mentoring:decline",
                "mentoring:feedback",
            ),
        ),
        FormNotice(
            anchor="appearing-in-a-video-story",
            heading="Appearing in a video story",
            collected="The video you appear in, its captions and transcript (what you say, which "
            "may include your experiences of discrimination), and, kept apart from the story, "
            "your name, email address, the date you gave consent and what you agreed to: the "
            "website, teaching use, and being named or anonymous.",
            purpose="To share trainees' experiences on this website and, if you agree, in "
            "teaching; and to email you what you agreed, with a private link to withdraw.",
            lawful_basis="Your consent (UK GDPR Article 6(1)(a)). You can withdraw it at any "
            "time, without giving a reason, through the link in your consent email or by "
            "emailing us.",
            special_category="What you say may reveal special category data, such as your "
            "ethnicity, religion, sexual orientation or health. Condition: your explicit consent "
            "(Article 9(2)(a)).",
            who_can_see="The story: anyone, once it is published. Your consent record: only "
            "the few staff given the permission to manage consent, never shown on the website.",
            kept_for="The story: until you withdraw your consent. It leaves the website at "
            "once, and its video, captions, poster and transcript are deleted within "
            f"{hours(settings.STORY_WITHDRAWN_FILES_HOURS)}. Your consent record: as evidence of "
            "what you agreed and when you withdrew, until you ask us to delete your data.",
            views=("stories:withdraw_consent",),
        ),
        FormNotice(
            anchor="offering-to-facilitate",
            heading="Offering to help run a training course",
            collected="Your name, whether you want to co-facilitate sessions or co-write course "
            "content, what you write about why, whether you agree to be named on the pages of "
            "the sessions you help to run, and the sessions you are assigned to.",
            purpose="To decide on your offer, tell you the outcome, send you the joining "
            "details of your sessions and remind you of them, and give you a teaching record of "
            "each session with its anonymous feedback summary.",
            lawful_basis=PUBLIC_TASK,
            special_category=NO_SPECIAL_CATEGORY,
            who_can_see="The network's coordinators and training leads. Your name appears on "
            "the public page of a session you help to run only if you agree.",
            kept_for=f"{days(settings.FACILITATOR_RETENTION_DAYS)} after your offer was "
            "decided and the last session you were assigned to ended, or until you ask us to "
            "delete it or delete your account.",
            views=("training:facilitate",),
        ),
        FormNotice(
            anchor="expressing-interest-in-an-opportunity",
            heading="Expressing interest in an opportunity",
            collected="Your name, what you write about why you are interested, and the "
            "opportunity, with whether you were shortlisted and what the team wrote to you.",
            purpose="To choose who takes up the opportunity, and to tell you the outcome.",
            lawful_basis=PUBLIC_TASK,
            special_category=NO_SPECIAL_CATEGORY,
            who_can_see="The network's coordinators and the Associate Dean for EDI.",
            kept_for=f"{days(settings.OPPORTUNITY_INTEREST_RETENTION_DAYS)} after the "
            "opportunity closed, or until you ask us to delete it or delete your account.",
            views=("opportunities:interest",),
        ),
        FormNotice(
            anchor="your-account",
            heading="Your account",
            collected="Your email address, a password (stored only as a secure hash) and, for "
            "staff, an authenticator for two-factor sign-in.",
            purpose="To let you sign in, link your membership, bookings and projects to you, "
            "and keep the website secure.",
            lawful_basis=PUBLIC_TASK,
            special_category=NO_SPECIAL_CATEGORY,
            who_can_see="You, and the coordinators who run the website.",
            kept_for="Until you delete your account.",
            views=("account_signup", "account_email"),
        ),
        FormNotice(
            anchor="searching-the-website",
            heading="Searching the website",
            collected="The words you search for, if they make 60 characters or fewer, counted "
            "each day with whether the search found anything and whether a result was opened. "
            "Not who searched, and not your IP address.",
            purpose="So that editors can see where search fails, and improve it.",
            lawful_basis=PUBLIC_TASK,
            special_category="We do not ask for any. Please do not search for anything that "
            "says who you or someone else is.",
            who_can_see="Staff who edit the website.",
            kept_for=f"{days(settings.SEARCH_RECORD_RETENTION_DAYS)}.",
            views=("workstreams:search",),
        ),
    ]


def form_notice(anchor):
    """The section with this anchor (an unknown one is a mistake in a template)."""
    for notice in form_notices():
        if notice.anchor == anchor:
            return notice
    raise LookupError(f"The privacy notice has no section {anchor!r}.")
