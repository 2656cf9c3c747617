from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from maillage import views
from maillage.api import fallback
from maillage.api.main import api

urlpatterns = [
    path("language/", views.switch_language, name="set_language"),
    path("healthz", views.health, name="health"),
    path("api/v1/", api.urls),
    # Any other path under the API answers the API's JSON error, not the site's HTML page.
    re_path(r"^api/v1/(?P<rest>.*)$", fallback.not_found, name="api_not_found"),
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

# Errors raised before a view (an oversized body, say) or outside the API's handlers: JSON under /api/v1/.
handler400 = fallback.handler400
handler403 = fallback.handler403
handler404 = fallback.handler404
handler500 = fallback.handler500
