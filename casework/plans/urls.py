"""Routes of this part of Case Details, included into the casework namespace."""

urlpatterns: list = []
