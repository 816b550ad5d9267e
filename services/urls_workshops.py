"""URLs of workshops (services app)."""

urlpatterns: list = []
