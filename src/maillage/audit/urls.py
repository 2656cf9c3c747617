from django.urls import path

from maillage.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.full_log, name="index"),
    path("network/<int:pk>/", views.network_log, name="network"),
]
