from django.urls import path

from maillage.initiatives import public, views

app_name = "initiatives"
urlpatterns = [
    # The register, for signed-in people.
    path("initiatives/", views.initiative_list, name="list"),
    path("initiatives/new/", views.initiative_create, name="create"),
    path("initiatives/similar/", views.initiative_similar, name="similar"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="detail"),
    path("initiatives/<int:pk>/edit/", views.initiative_edit, name="edit"),
    path("initiatives/<int:pk>/glance/", views.initiative_glance, name="glance"),
    path("initiatives/<int:pk>/files/add/", views.attachment_add, name="attachment_add"),
    path("initiatives/<int:pk>/files/<int:attachment_pk>/", views.attachment_file, name="attachment"),
    path(
        "initiatives/<int:pk>/files/<int:attachment_pk>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    # The public observatory site: no sign-in, public initiatives only.
    path("observatoire/", public.public_list, name="public_list"),
    path("observatoire/flux.atom", public.PublicInitiativesFeed(), name="feed"),
    path("observatoire/<int:pk>/", public.public_detail, name="public_detail"),
    path("observatoire/<int:pk>/coup-doeil/", public.public_glance, name="public_glance"),
    path(
        "observatoire/<int:pk>/fichiers/<int:attachment_pk>/",
        public.public_attachment,
        name="public_attachment",
    ),
]
