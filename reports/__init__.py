"""Reports (issue 5): the quarterly services report, staff credit and the PIRL export."""
