from django.urls import path

from maillage.directory import views

app_name = "directory"
urlpatterns = [
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("organizations/suggest/", views.organization_suggest, name="organization_suggest"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path(
        "organizations/<int:pk>/stewards/<int:network_pk>/confirm/",
        views.stewardship_confirm,
        name="stewardship_confirm",
    ),
    path("territories/", views.territory_list, name="territory_list"),
    path("territories/new/", views.territory_create, name="territory_create"),
    path("territories/<int:pk>/", views.territory_detail, name="territory_detail"),
    path("territories/<int:pk>/edit/", views.territory_edit, name="territory_edit"),
]
