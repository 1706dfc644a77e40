"""The website: ``dehub site build`` turns the published dataset into a static site."""
