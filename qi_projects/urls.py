from django.urls import path, register_converter

from . import views


class AcademicYearConverter:
    regex = r"[0-9]{4}-[0-9]{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(AcademicYearConverter, "academic_year")

app_name = "qi_projects"

# Fixed pages come before <slug> so no project can shadow them (their names are reserved slugs).
urlpatterns = [
    path("qi-projects/", views.GalleryView.as_view(), name="gallery"),
    path("qi-projects/submit/", views.ProjectCreateView.as_view(), name="submit"),
    path("qi-projects/mine/", views.MyProjectsView.as_view(), name="mine"),
    path("qi-projects/conference/", views.ConferenceView.as_view(), name="conference_latest"),
    path(
        "qi-projects/conference/<academic_year:year>/",
        views.ConferenceView.as_view(),
        name="conference",
    ),
    path("qi-projects/report/", views.current_report, name="report_current"),
    path(
        "qi-projects/report/<academic_year:year>/",
        views.AnnualReportView.as_view(),
        name="report",
    ),
    path(
        "qi-projects/report/<academic_year:year>/csv/",
        views.annual_report_csv,
        name="report_csv",
    ),
    path("qi-projects/<slug:slug>/", views.ProjectDetailView.as_view(), name="detail"),
    path("qi-projects/<slug:slug>/poster/", views.PosterView.as_view(), name="poster"),
    path("qi-projects/<slug:slug>/edit/", views.ProjectUpdateView.as_view(), name="edit"),
    path(
        "qi-projects/<slug:slug>/submit/",
        views.SubmitProjectView.as_view(),
        name="submit_project",
    ),
    path(
        "qi-projects/<slug:slug>/withdraw/",
        views.WithdrawProjectView.as_view(),
        name="withdraw",
    ),
]
