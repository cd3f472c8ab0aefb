from django.urls import path

from . import views

app_name = "mentoring"

urlpatterns = [
    path("mentoring/", views.ProgrammeListView.as_view(), name="programmes"),
    path("mentoring/match/<str:token>/", views.MatchView.as_view(), name="match"),
    path("mentoring/match/<str:token>/decline/", views.DeclineView.as_view(), name="decline"),
    path("mentoring/match/<str:token>/check-in/", views.CheckInView.as_view(), name="check_in"),
    path(
        "mentoring/match/<str:token>/not-working/",
        views.NotWorkingView.as_view(),
        name="not_working",
    ),
    path("mentoring/match/<str:token>/feedback/", views.EndFeedbackView.as_view(), name="feedback"),
    path(
        "mentoring/match/<str:token>/certificate/",
        views.CertificateView.as_view(),
        name="certificate",
    ),
    path("mentoring/<slug:slug>/", views.ProgrammeDetailView.as_view(), name="programme"),
    path("mentoring/<slug:slug>/sign-up/", views.SignUpStartView.as_view(), name="sign_up"),
    path("mentoring/<slug:slug>/leave/", views.WithdrawView.as_view(), name="withdraw"),
    path("mentoring/<slug:slug>/choose/", views.ChooseMentorView.as_view(), name="choose"),
    path(
        "mentoring/<slug:slug>/sign-up/check/",
        views.SignUpCheckView.as_view(),
        name="sign_up_check",
    ),
    path(
        "mentoring/<slug:slug>/sign-up/done/",
        views.SignUpDoneView.as_view(),
        name="sign_up_done",
    ),
    path(
        "mentoring/<slug:slug>/sign-up/<slug:step>/",
        views.SignUpStepView.as_view(),
        name="sign_up_step",
    ),
]
