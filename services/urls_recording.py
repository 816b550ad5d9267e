"""URLs of recording (services app)."""

urlpatterns: list = []
