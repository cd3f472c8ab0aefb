"""Valid answers for every page of the application, for the client and browser tests."""

ABOUT_YOU = {
    "full_name": "Amara Okafor",
    "pronouns": "she/her",
    "email": "amara.okafor@nhs.net",
    "phone": "07700 900982",
}
TRAINING = {
    "profession": "medicine",
    "grade": "registrar",
    "specialty": "Paediatrics",
    "employing_trust": "Alder Hey Children's NHS Foundation Trust",
    "area": "cheshire_merseyside",
}
WHY = {"motivation": "I want every trainee to feel they belong in our hospitals."}
EQUALITY = {"ethnic_group": "black_african", "sex": "female", "age_band": "30_34"}


def workstreams_answers(*workstreams, statement=""):
    return {
        "workstreams": [str(w.pk) for w in workstreams],
        "oversight_group": "yes" if statement else "no",
        "oversight_group_statement": statement,
    }


def complete_application(client, workstream, *, email=ABOUT_YOU["email"], equality=EQUALITY):
    """Answer every page with the test client; returns the check-your-answers response."""
    client.post("/join/about-you/", {**ABOUT_YOU, "email": email})
    client.post("/join/your-training/", TRAINING)
    client.post("/join/workstreams/", workstreams_answers(workstream))
    client.post("/join/why/", WHY)
    return client.post("/join/equality/", equality, follow=True)
