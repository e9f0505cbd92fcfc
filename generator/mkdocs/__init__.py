"""The MkDocs side: the plugin, and the paper pages and lists it builds its own way."""
