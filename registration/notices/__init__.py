"""Notice versions: the Tennessen warning, questions and scripts read on every call, drafted,
previewed with a word diff and published with an effective date by an administrator."""
