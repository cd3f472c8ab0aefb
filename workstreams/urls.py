from django.urls import path

from . import views

app_name = "workstreams"

urlpatterns = [
    path("about/", views.AboutView.as_view(), name="about"),
    path("about/<slug:slug>/", views.AboutView.as_view(), name="about_page"),
    path("workstreams/", views.WorkstreamListView.as_view(), name="list"),
    path("workstreams/<slug:slug>/", views.WorkstreamDetailView.as_view(), name="detail"),
    path("resources/", views.ResourceListView.as_view(), name="resources"),
    path("resources/<int:pk>/download/", views.resource_download, name="resource_download"),
    path("good-practice/", views.GoodPracticeListView.as_view(), name="good_practice"),
    path(
        "good-practice/<slug:slug>/",
        views.GoodPracticeDetailView.as_view(),
        name="good_practice_detail",
    ),
    path(
        "support/domestic-abuse/",
        views.DomesticAbuseSupportView.as_view(),
        name="domestic_abuse",
    ),
    path(
        "support/domestic-abuse/<slug:slug>/",
        views.DomesticAbuseSupportView.as_view(),
        name="domestic_abuse_page",
    ),
    path("search/", views.SearchView.as_view(), name="search"),
    path("search/result/<str:token>/", views.follow_result, name="search_follow"),
    path("search/to-improve/", views.SearchesToImproveView.as_view(), name="searches_to_improve"),
]
