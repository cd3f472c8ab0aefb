from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportsView.as_view(), name="index"),
    path("csv/<slug:slug>/", views.TableCSVView.as_view(), name="csv"),
    path("<slug:slug>/", views.SectionView.as_view(), name="section"),
]
