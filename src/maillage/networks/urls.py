from django.urls import path

from maillage.networks import views

app_name = "networks"
urlpatterns = [
    path("", views.network_list, name="list"),
    path("new/", views.network_create, name="create"),
    path("<int:pk>/", views.network_detail, name="detail"),
    path("<int:pk>/edit/", views.network_edit, name="edit"),
    path("<int:pk>/members/", views.network_members, name="members"),
    path("<int:pk>/members/add/", views.membership_add, name="membership_add"),
    path("<int:pk>/members/<int:membership_pk>/edit/", views.membership_edit, name="membership_edit"),
    path("<int:pk>/members/<int:membership_pk>/delete/", views.membership_delete, name="membership_delete"),
]
