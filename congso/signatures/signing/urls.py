"""URLs of the signing service (included by ``congso.signatures.urls``)."""

from django.urls import include, path

from congso.signatures.signing import views

urlpatterns = [
    path(
        "signatures/signature-image/",
        views.signature_image_mine,
        name="signature-image-mine",
    ),
    path(
        "signatures/signature-image/current.png",
        views.signature_image_mine_png,
        name="signature-image-mine-png",
    ),
    path(
        "signatures/remote-sim/",
        include("congso.signatures.signing.contrib.remote_sim.urls"),
    ),
]
