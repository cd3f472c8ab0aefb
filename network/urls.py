from django.urls import path

from . import views, views_account, views_concerns

app_name = "network"

urlpatterns = [
    path("join/", views.JoinStartView.as_view(), name="join"),
    path("join/check/", views.CheckAnswersView.as_view(), name="join_check"),
    path("join/submitted/", views.SubmittedView.as_view(), name="join_submitted"),
    path("join/status/<str:token>/", views.StatusView.as_view(), name="status"),
    path("join/status/<str:token>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path("join/<slug:step>/", views.JoinStepView.as_view(), name="join_step"),
    path("your-network/", views_account.YourNetworkView.as_view(), name="your_network"),
    path("your-network/data/", views_account.YourDataView.as_view(), name="your_data"),
    path("your-network/delete/", views_account.DeleteAccountView.as_view(), name="delete_account"),
    path("concerns/", views_concerns.RaiseConcernView.as_view(), name="concern"),
    path("concerns/sent/", views_concerns.ConcernSentView.as_view(), name="concern_sent"),
    path(
        "concerns/guidance/",
        views_concerns.ConcernGuidanceView.as_view(),
        name="concern_guidance",
    ),
    path(
        "concerns/follow-up/<str:token>/",
        views_concerns.ConcernFollowUpView.as_view(),
        name="concern_follow_up",
    ),
    path(
        "concerns/you-said-we-did/",
        views_concerns.YouSaidWeDidView.as_view(),
        name="concern_you_said_we_did",
    ),
]
