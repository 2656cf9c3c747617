from django.urls import path

from maillage.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("jobs/<str:token>/", views.job, name="job"),
    path("jobs/<str:token>/<str:fmt>/", views.job_download, name="job_download"),
    path("<str:kind>/<str:key>/", views.show, name="show"),
    path("<str:kind>/<str:key>/prepare/", views.prepare, name="prepare"),
    path("<str:kind>/<str:key>/export/<str:fmt>/", views.export_view, name="export"),
]
