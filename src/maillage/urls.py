from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from maillage import views
from maillage.api.main import api

urlpatterns = [
    path("language/", views.switch_language, name="set_language"),
    path("healthz", views.health, name="health"),
    path("api/v1/", api.urls),
]
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("accounts/", include("maillage.accounts.urls")),
    path("accounts/tokens/", include("maillage.api.urls")),
    path("directory/", include("maillage.directory.urls")),
    path("networks/", include("maillage.networks.urls")),
    path("ties/", include("maillage.ties.urls")),
    path("dashboards/", include("maillage.dashboards.urls")),
    path("concertation/", include("maillage.concertation.urls")),
    path("imports/", include("maillage.exchange.urls")),
    path("reports/", include("maillage.reports.urls")),
    path("indicators/", include("maillage.indicators.urls")),
    path("", include("maillage.surveys.urls")),
    path("", include("maillage.initiatives.urls")),
    path("leadership/", include("maillage.leadership.urls")),
    path("lessons/", include("maillage.lessons.urls")),
    path("audit/", include("maillage.audit.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
