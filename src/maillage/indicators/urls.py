from __future__ import annotations

from django.urls import path

from maillage.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.registry, name="registry"),
    path("province/", views.province_view, name="province"),
    path("compare/", views.compare, name="compare"),
    path("territory/<int:pk>/", views.territory_view, name="territory"),
    path("network/<int:pk>/", views.network_view, name="network"),
    path("network/<int:pk>/values/", views.values, name="values"),
    path("network/<int:pk>/values/<int:value_pk>/delete/", views.value_delete, name="value_delete"),
    path("network/<int:pk>/import/", views.values_import, name="import"),
    path("network/<int:pk>/series/<str:code>/", views.series, name="series"),
]
