"""Government bodies in texts: kinds, named bodies and collectives, places."""
