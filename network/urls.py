from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("join/", views.JoinStartView.as_view(), name="join"),
    path("join/check/", views.CheckAnswersView.as_view(), name="join_check"),
    path("join/submitted/", views.SubmittedView.as_view(), name="join_submitted"),
    path("join/status/<str:token>/", views.StatusView.as_view(), name="status"),
    path("join/status/<str:token>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path("join/<slug:step>/", views.JoinStepView.as_view(), name="join_step"),
]
