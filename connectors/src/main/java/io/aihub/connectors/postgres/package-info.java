/** The PostgreSQL offline store sink: the connector, its task and its configuration. */
@NullMarked
package io.aihub.connectors.postgres;

import org.jspecify.annotations.NullMarked;
