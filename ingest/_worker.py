"""Entry point of the parsing worker process (see ``ingest.sandbox``)."""

from ingest.sandbox import worker_main

if __name__ == "__main__":
    worker_main()
