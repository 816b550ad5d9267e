"""URLs of reports (services app)."""

urlpatterns: list = []
