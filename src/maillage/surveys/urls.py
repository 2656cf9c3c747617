from django.urls import path

from maillage.surveys import invitation_views, respond, views

app_name = "surveys"
urlpatterns = [
    path("surveys/", views.wave_list, name="wave_list"),
    path("surveys/network/<int:network_pk>/new/", views.wave_create, name="wave_create"),
    path("surveys/<int:pk>/", views.wave_detail, name="wave_detail"),
    path("surveys/<int:pk>/progress/", views.wave_progress, name="wave_progress"),
    path("surveys/<int:pk>/questions/add/", views.question_add, name="question_add"),
    path("surveys/<int:pk>/questions/import/", views.question_import, name="question_import"),
    path("surveys/<int:pk>/open/", views.wave_open, name="wave_open"),
    path("surveys/<int:pk>/invitations/", invitation_views.wave_invitations, name="wave_invitations"),
    path("surveys/<int:pk>/invitations/send/", invitation_views.wave_send, name="wave_send"),
    path("surveys/<int:pk>/invitations/links.csv", invitation_views.wave_links_csv, name="wave_links_csv"),
    path("surveys/<int:pk>/invitations/letters/", invitation_views.wave_letters, name="wave_letters"),
    path("surveys/<int:pk>/remind/", views.wave_remind, name="wave_remind"),
    path("surveys/<int:pk>/close/", views.wave_close, name="wave_close"),
    path("surveys/<int:pk>/results/", views.wave_results, name="wave_results"),
    path("surveys/<int:pk>/import/", views.wave_import, name="wave_import"),
    # Answering by link: the token is the only key, no account needed.
    path("survey/<str:token>/", respond.respond, name="respond"),
    path("survey/<str:token>/partners/", respond.respond_partners, name="respond_partners"),
    path("survey/<str:token>/network/", respond.respond_network, name="respond_network"),
    path("survey/<str:token>/submit/", respond.respond_submit, name="respond_submit"),
]
