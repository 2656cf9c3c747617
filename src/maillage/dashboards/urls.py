from django.urls import path

from maillage.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("province/", views.dashboard, {"kind": "province"}, name="province_dashboard"),
    path("province/map.json", views.map_data, {"kind": "province"}, name="province_map_data"),
    path("province/scenario.json", views.scenario, {"kind": "province"}, name="province_scenario"),
    path("network/<int:pk>/", views.dashboard, {"kind": "network"}, name="network_dashboard"),
    path("network/<int:pk>/map.json", views.map_data, {"kind": "network"}, name="network_map_data"),
    path("network/<int:pk>/scenario.json", views.scenario, {"kind": "network"}, name="network_scenario"),
    path("territory/<int:pk>/", views.dashboard, {"kind": "territory"}, name="territory_dashboard"),
    path("territory/<int:pk>/map.json", views.map_data, {"kind": "territory"}, name="territory_map_data"),
    path(
        "territory/<int:pk>/scenario.json", views.scenario, {"kind": "territory"}, name="territory_scenario"
    ),
    path("compare/", views.compare, name="compare"),
]
