"""Writers that turn what the pages show into files people download (CSV, XLSX, …)."""
