from django.urls import path

from maillage.lessons import views

app_name = "lessons"
urlpatterns = [
    path("network/<int:network_pk>/", views.network_page, name="network"),
    path("network/<int:network_pk>/stages/add/", views.stage_add, name="stage_add"),
    path("network/<int:network_pk>/lessons/add/", views.lesson_add, name="lesson_add"),
    path("network/<int:network_pk>/<str:kind>/<int:pk>/delete/", views.entry_delete, name="delete"),
]
