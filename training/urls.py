from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("training/", views.SessionListView.as_view(), name="list"),
    path("training/sessions/<int:pk>/", views.SessionView.as_view(), name="session"),
    path("training/request/", views.SessionRequestView.as_view(), name="request"),
    path(
        "training/courses/<slug:slug>/facilitate/",
        views.OfferToFacilitateView.as_view(),
        name="facilitate",
    ),
    path("training/teaching/<int:pk>/", views.TeachingRecordView.as_view(), name="teaching_record"),
    path("training/request/sent/", views.SessionRequestSentView.as_view(), name="request_sent"),
    path("training/bookings/<str:token>/", views.ManageBookingView.as_view(), name="manage"),
    path("training/bookings/<str:token>/booked/", views.BookedView.as_view(), name="booked"),
    path("training/bookings/<str:token>/cancel/", views.CancelBookingView.as_view(), name="cancel"),
    path("training/bookings/<str:token>/feedback/", views.FeedbackView.as_view(), name="feedback"),
    path(
        "training/bookings/<str:token>/calendar/",
        views.CalendarFileView.as_view(),
        name="calendar",
    ),
    path(
        "training/bookings/<str:token>/certificate/",
        views.CertificateView.as_view(),
        name="certificate",
    ),
    path("training/record/", views.TrainingRecordRequestView.as_view(), name="record_request"),
    path("training/record/sent/", views.TrainingRecordSentView.as_view(), name="record_sent"),
    path("training/record/<str:token>/", views.TrainingRecordLinkView.as_view(), name="record"),
    path(
        "training/record/<str:token>/pdf/",
        views.TrainingRecordLinkPdfView.as_view(),
        name="record_pdf",
    ),
]
