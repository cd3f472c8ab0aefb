from django.urls import path

from . import views_concerns

app_name = "network"

urlpatterns = [
    path("concerns/", views_concerns.RaiseConcernView.as_view(), name="concern"),
    path("concerns/sent/", views_concerns.ConcernSentView.as_view(), name="concern_sent"),
]
