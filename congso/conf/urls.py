"""Root URLconf. App URLs are included by dotted string (conventions §4)."""

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Công Sở administration")
admin.site.site_title = _("Công Sở")
admin.site.index_title = _("Configuration")

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("congso.core.urls")),
    path("", include("congso.accounts.urls")),
    path("dossiers/", include("congso.dossiers.urls")),
    path("documents/", include("congso.documents.urls")),
    path("notifications/", include("congso.notifications.urls")),
    path("", include("congso.feedback.urls")),
    path("", include("congso.portal.urls")),
    path("", include("congso.signatures.urls")),
    path("payments/", include("congso.payments.urls")),
    path("", include("congso.accounts.citizens.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("congso.conf.api_urls")),
]

if settings.CITIZEN_OIDC_SIMULATOR:  # the demo OpenID provider (VNeID mô phỏng)
    urlpatterns += [
        path("vneid-sim/", include("congso.accounts.contrib.vneid_sim.urls")),
        path("vneid-sim/", include("congso.accounts.contrib.vneid_sim.idp_urls")),
    ]

handler400 = "congso.core.views.bad_request"
handler403 = "congso.core.views.permission_denied"
handler404 = "congso.core.views.page_not_found"
handler500 = "congso.core.views.server_error"

if settings.DEBUG:  # pragma: no cover - media in development only
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
