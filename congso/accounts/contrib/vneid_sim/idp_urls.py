"""allauth's OpenID provider endpoints under the names its views reverse
(``idp:oidc:…``), with the authorization and logout endpoints replaced by the demo
provider's wrappers (its own login page and session key)."""

from allauth.idp.oidc import views as oidc
from django.urls import include, path

from congso.accounts.contrib.vneid_sim import views

app_name = "idp"

oidc_patterns = [
    path(".well-known/openid-configuration", oidc.configuration, name="configuration"),
    path(".well-known/jwks.json", oidc.jwks, name="jwks"),
    path("identity/o/authorize", views.authorize, name="authorization"),
    path("identity/o/logout", views.logout, name="logout"),
    path("identity/o/api/token", oidc.token, name="token"),
    path("identity/o/api/revoke", oidc.revoke, name="revoke"),
    path("identity/o/api/userinfo", oidc.user_info, name="userinfo"),
    path("identity/o/api/device/code", oidc.device_code, name="device_code"),
]

urlpatterns = [path("", include((oidc_patterns, "oidc")))]
