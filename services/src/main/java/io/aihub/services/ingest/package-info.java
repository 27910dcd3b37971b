/** JSON ingest for devices without a Kafka client: /ingest/telemetry and /ingest/weather. */
@NullMarked
package io.aihub.services.ingest;

import org.jspecify.annotations.NullMarked;
