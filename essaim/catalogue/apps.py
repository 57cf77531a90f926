from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "essaim.catalogue"
    label = "catalogue"
    verbose_name = "Catalogue des initiatives"

    def ready(self):
        from essaim.catalogue import signals

        signals.connect()
