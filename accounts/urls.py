from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("your-network/", views.YourNetworkView.as_view(), name="your_network"),
    path(
        "your-network/training-record/",
        views.TrainingRecordView.as_view(),
        name="training_record",
    ),
    path(
        "your-network/training-record/pdf/",
        views.TrainingRecordPdfView.as_view(),
        name="training_record_pdf",
    ),
    path("your-network/data/", views.YourDataView.as_view(), name="your_data"),
    path("your-network/delete/", views.DeleteAccountView.as_view(), name="delete_account"),
]
