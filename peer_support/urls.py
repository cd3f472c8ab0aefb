from django.urls import path

from . import services, views

app_name = "peer_support"

urlpatterns = [
    path("peer-support/", views.DirectoryView.as_view(), name="directory"),
    path("peer-support/<int:pk>/", views.VolunteerDetailView.as_view(), name="profile"),
    path("peer-support/volunteer/", views.VolunteerHomeView.as_view(), name="volunteer"),
    path(
        "peer-support/volunteer/create/",
        views.VolunteerCreateView.as_view(),
        name="volunteer_create",
    ),
    path("peer-support/volunteer/edit/", views.VolunteerEditView.as_view(), name="volunteer_edit"),
    path(
        "peer-support/volunteer/pause/",
        views.VolunteerActionView.as_view(
            action=services.pause_profile,
            message="Your profile is paused. Trainees cannot find or contact you until you resume it.",
        ),
        name="volunteer_pause",
    ),
    path(
        "peer-support/volunteer/resume/",
        views.VolunteerActionView.as_view(
            action=services.resume_profile, message="Your profile is no longer paused."
        ),
        name="volunteer_resume",
    ),
    path(
        "peer-support/volunteer/renew/",
        views.VolunteerActionView.as_view(
            action=services.renew_listing,
            message="Your profile is renewed.",
        ),
        name="volunteer_renew",
    ),
    path(
        "peer-support/volunteer/delete/",
        views.VolunteerDeleteView.as_view(),
        name="volunteer_delete",
    ),
]
