from django.urls import path

from maillage.concertation import document_views, event_views, resource_views, views

app_name = "concertation"
urlpatterns = [
    path("territory/<int:pk>/", views.territory_concertation, name="territory"),
    path("network/<int:pk>/profile/", views.space_profile_edit, name="profile"),
    path("similar/", views.similar_panel, name="similar"),
    path("territory/<int:pk>/events/", event_views.territory_events, name="events"),
    path("territory/<int:pk>/documents/", document_views.document_list, name="document_list"),
    path("territory/<int:pk>/documents/new/", document_views.document_create, name="document_create"),
    path("documents/<int:pk>/", document_views.document_detail, name="document_detail"),
    path("documents/similar/", document_views.document_similar, name="document_similar"),
    path("network/<int:pk>/resources/", resource_views.resources_page, name="resources"),
    path("network/<int:pk>/resources.csv", resource_views.resources_export, name="resources_export"),
    path("network/<int:pk>/resources/new/", resource_views.resource_edit, name="resource_add"),
    path("network/<int:pk>/resources/import/", resource_views.resources_import, name="resources_import"),
    path(
        "network/<int:pk>/resources/<int:entry_pk>/correct/",
        resource_views.resource_edit,
        name="resource_correct",
    ),
    path(
        "network/<int:pk>/resources/<int:entry_pk>/withdraw/",
        resource_views.resource_withdraw,
        name="resource_withdraw",
    ),
]
