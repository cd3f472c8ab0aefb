from django.urls import path

from . import views

app_name = "stories"

# Fixed pages come before <slug> so no story can shadow them (their names are reserved slugs).
urlpatterns = [
    path("stories/", views.StoryListView.as_view(), name="list"),
    path(
        "stories/consent/<str:token>/",
        views.WithdrawConsentView.as_view(),
        name="withdraw_consent",
    ),
    path("stories/<slug:slug>/", views.StoryDetailView.as_view(), name="detail"),
    path("stories/<slug:slug>/video/", views.video, name="video"),
    path("stories/<slug:slug>/captions.vtt", views.captions, name="captions"),
    path("stories/<slug:slug>/poster/", views.poster, name="poster"),
]
