"""The site's URLs plus one that fails, to see the 500 page in a browser."""

from django.urls import path

from essaim.urls import handler404, handler500, urlpatterns


def fail(request):
    raise RuntimeError("Deliberate failure for the 500 page test.")


urlpatterns = [path("echec/", fail), *urlpatterns]
__all__ = ["handler404", "handler500", "urlpatterns"]
