from django.urls import path

from maillage.exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.import_index, name="index"),
    path("network/<int:pk>/", views.import_start, name="start"),
    path("<int:pk>/", views.import_detail, name="detail"),
    path("<int:pk>/mapping/", views.import_mapping, name="mapping"),
    path("<int:pk>/apply/", views.import_apply, name="apply"),
    path("<int:pk>/values/", views.import_values, name="values"),
    path("<int:pk>/status/", views.import_status, name="status"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("merge/<int:keep>/<int:drop>/", views.merge, name="merge"),
]
