"""The privacy notice's account of each form: what it collects, why, on what lawful basis, who
sees it and how long it is kept. Retention periods come from the live settings, so the notice
changes when a deployment changes them."""

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
    heading: str
    collected: str
    purpose: str
    lawful_basis: str
    special_category: str
    who_can_see: str
    kept_for: str


def days(count):
    return f"{count} day{'' if count == 1 else 's'}"


def hours(count):
    return f"{count} hour{'' if count == 1 else 's'}"


def form_notices():
    """One FormNotice per form that collects personal data, in the order people meet them."""
    return [
        FormNotice(
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
        ),
        FormNotice(
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
            heading="Booking a training session",
            collected="Your name, email address, role, organisation, department and any access "
            "needs you tell us about, then whether you attended and your feedback.",
            purpose="To hold your place, tell you about the session, remind you of it, keep the "
            "register, give you a certificate and improve the training.",
            lawful_basis=PUBLIC_TASK,
            special_category="Access needs may say something about your health. Condition: "
            "substantial public interest (Article 9(2)(g)), for equality of opportunity or "
            "treatment (Data Protection Act 2018, Schedule 1, paragraph 8), so that you can "
            "take part.",
            who_can_see="The network's coordinators and the session's facilitators. Feedback is "
            "reported in totals.",
            kept_for="Until you ask us to delete it, or you delete your account.",
        ),
        FormNotice(
            heading="Requesting a session for your department or trust",
            collected="Your name, email address, organisation and department, and what you "
            "would like the session to cover.",
            purpose="To arrange the session with you.",
            lawful_basis=PUBLIC_TASK,
            special_category=NO_SPECIAL_CATEGORY,
            who_can_see="The network's coordinators and training leads.",
            kept_for="Until you ask us to delete it.",
        ),
        FormNotice(
            heading="Raising a concern",
            collected="What the concern is related to, how you want it recorded, where it "
            "happened, what happened, the messages you and we write about it, and your email "
            "address only if you choose to give one. We keep only a scrambled form (a hash) of "
            "your private follow-up link, so we cannot read it or send it again.",
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
            "deleted with its messages and history.",
        ),
        FormNotice(
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
        ),
        FormNotice(
            heading="Peer support",
            collected="If you volunteer: your display name, grade, specialty, area, languages, "
            "availability, a short bio and the topics of lived experience you choose to list. "
            "If you contact a volunteer: your message and your email address, which we pass on "
            "to them.",
            purpose="To list volunteers for signed-in trainees and pass messages on, without "
            "showing anyone's email address.",
            lawful_basis=PUBLIC_TASK,
            special_category="Topics of lived experience can be special category data. "
            "Condition: your explicit consent (Article 9(2)(a)), given for each topic. You can "
            "remove a topic, pause or delete your profile at any time.",
            who_can_see="Your profile: signed-in trainees with a verified NHS email address, "
            "once approved by the coordinators. Messages: the volunteer you wrote to.",
            kept_for="Profiles: until you delete them or your listing lapses without renewal. "
            "Contact requests and the emails that relayed them: "
            f"{days(settings.PEER_SUPPORT_REQUEST_RETENTION_DAYS)} after they were sent.",
        ),
        FormNotice(
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
        ),
        FormNotice(
            heading="Your account",
            collected="Your email address, a password (stored only as a secure hash) and, for "
            "staff, an authenticator for two-factor sign-in.",
            purpose="To let you sign in, link your membership, bookings and projects to you, "
            "and keep the website secure.",
            lawful_basis=PUBLIC_TASK,
            special_category=NO_SPECIAL_CATEGORY,
            who_can_see="You, and the coordinators who run the website.",
            kept_for="Until you delete your account.",
        ),
    ]
