package io.aihub.services.export;

/** What an export wrote: rows and the Parquet file's size in bytes. */
public record ExportResult(long rows, long bytes) {}
