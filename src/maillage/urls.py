from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from maillage import views

urlpatterns = [
    path("language/", views.switch_language, name="set_language"),
    path("healthz", views.health, name="health"),
]
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("accounts/", include("maillage.accounts.urls")),
    path("directory/", include("maillage.directory.urls")),
    path("networks/", include("maillage.networks.urls")),
    path("ties/", include("maillage.ties.urls")),
    path("dashboards/", include("maillage.dashboards.urls")),
    path("", include("maillage.surveys.urls")),
    path("", include("maillage.initiatives.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
