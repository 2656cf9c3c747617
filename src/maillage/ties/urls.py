from django.urls import path

from maillage.ties import views

app_name = "ties"
urlpatterns = [
    path("network/<int:network_pk>/new/", views.tie_create, name="create"),
    path("<int:pk>/", views.tie_detail, name="detail"),
]
