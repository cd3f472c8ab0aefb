from django.urls import path

from . import views

app_name = "concerns"

urlpatterns = [
    path("concerns/", views.RaiseConcernView.as_view(), name="concern"),
    path("concerns/sent/", views.ConcernSentView.as_view(), name="concern_sent"),
    path("concerns/guidance/", views.ConcernGuidanceView.as_view(), name="concern_guidance"),
    path(
        "concerns/follow-up/<str:token>/",
        views.ConcernFollowUpView.as_view(),
        name="concern_follow_up",
    ),
    path("concerns/new-link/", views.ConcernNewLinkView.as_view(), name="concern_new_link"),
    path(
        "concerns/new-link/sent/",
        views.ConcernNewLinkSentView.as_view(),
        name="concern_new_link_sent",
    ),
    path(
        "concerns/you-said-we-did/",
        views.YouSaidWeDidView.as_view(),
        name="concern_you_said_we_did",
    ),
]
