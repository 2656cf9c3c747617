from django.urls import path

from maillage.concertation import views

app_name = "concertation"
urlpatterns = [
    path("territory/<int:pk>/", views.territory_concertation, name="territory"),
    path("network/<int:pk>/profile/", views.space_profile_edit, name="profile"),
    path("similar/", views.similar_panel, name="similar"),
]
