/** GET /health: the documented shape plus Kafka Streams and dependency states. */
@NullMarked
package io.aihub.services.health;

import org.jspecify.annotations.NullMarked;
